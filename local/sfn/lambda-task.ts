/**
 * Task states that call Lambda, as Step Functions does: the optimized integration
 * `arn:aws:states:::lambda:invoke` (result `{ExecutedVersion, Payload, SdkHttpMetadata,
 * SdkResponseMetadata, StatusCode}`), its `.waitForTaskToken` form, and a plain function ARN
 * (result: the function's own payload). A handler's error keeps its `errorType` as the error
 * name, with Lambda's error payload as the cause, so Retry and Catch match it by name.
 */
import type { InvokeResult, LambdaInvoker } from '../lambda/invoker';
import { StatesError } from './asl/errors';

/** How a Task's `Resource` is run. */
export type LambdaResource =
  | { readonly kind: 'invoke'; readonly resource: 'invoke' }
  | { readonly kind: 'invoke-token'; readonly resource: 'invoke.waitForTaskToken' }
  | { readonly kind: 'function-arn'; readonly functionArn: string };

const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(?::[A-Za-z0-9$_-]+)?$/;

/** What a Task's Resource is, or the name of the unsupported feature it asks for. */
export function classifyResource(resource: string): LambdaResource | { readonly unsupported: string } {
  if (resource === 'arn:aws:states:::lambda:invoke') return { kind: 'invoke', resource: 'invoke' };
  if (resource === 'arn:aws:states:::lambda:invoke.waitForTaskToken') {
    return { kind: 'invoke-token', resource: 'invoke.waitForTaskToken' };
  }
  if (FUNCTION_ARN.test(resource)) return { kind: 'function-arn', functionArn: resource };
  if (/^arn:aws[\w-]*:states:[^:]*:[^:]*:activity:/.test(resource))
    return { unsupported: `Activities (${resource})` };
  const integration = /^arn:aws[\w-]*:states:::(.+)$/.exec(resource);
  if (integration) return { unsupported: `the service integration ${integration[1]}` };
  return { unsupported: `the Task resource ${resource}` };
}

/**
 * An invocation failure, as Step Functions reports it: named by the payload's `errorType` (a
 * function that ran past its timeout is `Sandbox.Timedout`, its payload saying so), with the
 * payload as the cause; a payload without one is `Lambda.Unknown`, with AWS's sentence.
 */
function functionError(result: InvokeResult): StatesError {
  const payload = (result.payload ?? {}) as { errorType?: unknown };
  const text = JSON.stringify(result.payload);
  if (typeof payload.errorType === 'string' && payload.errorType)
    return new StatesError(payload.errorType, text);
  return new StatesError(
    'Lambda.Unknown',
    `The cause could not be determined because Lambda did not return an error type. Returned payload: ${text}`,
  );
}

/** An error thrown by the Lambda service itself (no such function, throttling...). */
function serviceError(error: unknown): StatesError {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const known = [
    'ResourceNotFoundException',
    'TooManyRequestsException',
    'AWSLambdaException',
    'SdkClientException',
  ];
  const errorName = known.includes(name) ? `Lambda.${name}` : 'Lambda.ServiceException';
  return new StatesError(errorName, message);
}

async function call(invoker: LambdaInvoker, fn: string, payload: unknown): Promise<InvokeResult> {
  try {
    return await invoker.invoke(fn, payload);
  } catch (error) {
    throw serviceError(error);
  }
}

/**
 * Runs `lambda:invoke` with its Parameters (`FunctionName`, `Payload`, optional
 * `InvocationType`); resolves with the integration's response, throws StatesError on failure.
 */
export async function invokeIntegration(invoker: LambdaInvoker, parameters: unknown): Promise<unknown> {
  const params = (parameters ?? {}) as Record<string, unknown>;
  const fn = params.FunctionName;
  if (typeof fn !== 'string' || !fn) {
    throw new StatesError('States.Runtime', 'the lambda:invoke Parameters need a FunctionName');
  }
  const qualified = typeof params.Qualifier === 'string' ? `${fn}:${params.Qualifier}` : fn;
  const asynchronous = params.InvocationType === 'Event';
  const run = call(invoker, qualified, params.Payload ?? {});
  if (asynchronous) {
    // Lambda answers an Event invocation at once with 202 and an empty payload.
    run.catch(() => {});
    return response('', 202, '');
  }
  const result = await run;
  if (result.functionError) throw functionError(result);
  return response(result.payload, 200, result.requestId);
}

function response(payload: unknown, status: number, requestId: string): unknown {
  const headers = {
    Connection: 'keep-alive',
    'Content-Type': 'application/json',
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-Remapped-Content-Length': '0',
    'x-amzn-RequestId': requestId,
  };
  const allHeaders = {
    Connection: ['keep-alive'],
    'Content-Type': ['application/json'],
    'X-Amz-Executed-Version': ['$LATEST'],
    'x-amzn-Remapped-Content-Length': ['0'],
    'x-amzn-RequestId': [requestId],
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: { AllHttpHeaders: allHeaders, HttpHeaders: headers, HttpStatusCode: status },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: status,
  };
}

/** Runs a plain function ARN with the state's effective input; resolves with the function's payload. */
export async function invokeFunctionArn(
  invoker: LambdaInvoker,
  functionArn: string,
  input: unknown,
): Promise<unknown> {
  const result = await call(invoker, functionArn, input);
  if (result.functionError) throw functionError(result);
  return result.payload;
}
