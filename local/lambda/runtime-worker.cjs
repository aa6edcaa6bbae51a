// One warm Lambda sandbox: a worker thread that loads one function's bundle once (cold start) and
// runs one invocation at a time, as Lambda does. Plain CommonJS so that Node loads it directly,
// whatever runs the parent (tsx, jest). Its process.env is the function's own, set by the parent.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

// The local cloud's clock can be moved forward; code in the sandbox sees the moved time through
// Date, the way it would on a real machine whose clock had reached that day. Hand-written because
// fake-timer libraries also freeze or fake timers, which a running function must keep.
const RealDate = Date;
let offsetMs = workerData.clockOffsetMs ?? 0;
class SandboxDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offsetMs);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offsetMs;
  }
}
globalThis.Date = SandboxDate;

// The init phase, as Lambda's: the bundle is loaded when the sandbox starts, before its first
// invocation, and the parent starts the invocation's timeout only once init is done. A bundle
// that fails to load fails every invocation with that error, as a Lambda whose init fails does.
let handler;
let initError;
function load() {
  const mod = require(workerData.bundlePath);
  const fn = mod[workerData.handlerName ?? 'handler'];
  if (typeof fn !== 'function') {
    const error = new Error(
      `${workerData.bundlePath} does not export ${workerData.handlerName ?? 'handler'}`,
    );
    error.name = 'Runtime.HandlerNotFound';
    throw error;
  }
  return fn;
}
try {
  handler = load();
} catch (error) {
  initError = error;
}
parentPort.postMessage({ ready: true });

function describeError(error) {
  if (error instanceof Error) {
    return {
      errorType: error.name || 'Error',
      errorMessage: error.message,
      trace: String(error.stack ?? '').split('\n'),
    };
  }
  return { errorType: 'Error', errorMessage: String(error), trace: [] };
}

parentPort.on('message', async (message) => {
  offsetMs = message.clockOffsetMs ?? 0;
  const deadline = message.deadline;
  const context = {
    awsRequestId: message.requestId,
    functionName: workerData.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: workerData.functionArn,
    memoryLimitInMB: String(workerData.memoryMb),
    logGroupName: `/aws/lambda/${workerData.functionName}`,
    logStreamName: `local/${workerData.workerId}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - RealDate.now()),
  };
  try {
    if (initError) throw initError;
    const result = await handler(message.event, context);
    // Lambda serialises the result as JSON; undefined becomes null.
    const payload = result === undefined ? null : JSON.parse(JSON.stringify(result));
    parentPort.postMessage({ requestId: message.requestId, ok: true, payload });
  } catch (error) {
    parentPort.postMessage({ requestId: message.requestId, ok: false, payload: describeError(error) });
  }
});
