/**
 * The workflow steps' wrapper: its log lines carry the Lambda context and the case's id, only for
 * the invocation about that case, and errors still reach the state machine by name.
 */
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { logger } from '../../../functions/runtime/logger';
import { stepHandler } from '../../../functions/steps/step-handler';
import { ValidationError } from '../../../shared/errors';
import { CaseAlreadyFinalError } from '../../../shared/workflow/workflow-errors';
import { logLines } from '../../support/log-lines';

const context = {
  awsRequestId: 'request-1',
  functionName: 'retorno-reserve-funds',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:retorno-reserve-funds',
  memoryLimitInMB: '512',
  logGroupName: '/aws/lambda/retorno-reserve-funds',
  logStreamName: 'local/1',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 10_000,
} as unknown as Context;

const schema = z.strictObject({ caseId: z.string() });

describe('a workflow step handler', () => {
  it('logs a failure with the Lambda context and the case id, and throws the error as it is', async () => {
    const failure = new CaseAlreadyFinalError('case RET-1 is WITHDRAWN');
    const handler = stepHandler(schema, async () => {
      throw failure;
    });

    let thrown: unknown;
    const [line] = await logLines(() =>
      handler({ caseId: 'RET-1' }, context).catch((error: unknown) => {
        thrown = error;
      }),
    );

    expect(thrown).toBe(failure);

    expect(line).toMatchObject({
      level: 'WARN',
      message: 'step failed',
      caseId: 'RET-1',
      function_name: 'retorno-reserve-funds',
      function_request_id: 'request-1',
      error: expect.objectContaining({ name: 'CaseAlreadyFinalError' }),
    });
  });

  it('keeps the case id to its own invocation', async () => {
    const handler = stepHandler(schema, async (input) => {
      logger.info('working');
      return input.caseId;
    });

    const lines = await logLines(async () => {
      await handler({ caseId: 'RET-1' }, context);
      logger.info('between invocations');
    });

    expect(lines.map((line) => [line.message, line.caseId])).toEqual([
      ['working', 'RET-1'],
      ['between invocations', undefined],
    ]);
  });

  it('refuses a malformed payload as a ValidationError', async () => {
    const handler = stepHandler(schema, async () => 'never');
    await expect(handler({ caseId: 'RET-1', extra: true }, context)).rejects.toBeInstanceOf(ValidationError);
  });
});
