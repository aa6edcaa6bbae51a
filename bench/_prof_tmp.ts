import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalClock } from '../local/clock';
import { startStepFunctionsRuntime } from '../local/sfn';
import { InProcessLambdaInvoker } from '../local/sfn/in-process-invoker';
const fn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const invoke = (name: string, payload: object) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: fn(name), Payload: payload } });
const reference = { StartAt: 'Init', States: {
    Init: { Type: 'Pass', Parameters: { round: 0, items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] }, Next: 'Work' },
    Work: { ...invoke('work', { 'round.$': '$.round' }), ResultSelector: { 'r.$': '$.Payload' }, ResultPath: '$.last', Next: 'Again' },
    Again: { Type: 'Choice', Choices: [{ Variable: '$.round', NumericLessThan: 2, Next: 'Increment' }], Default: 'FanOut' },
    Increment: { Type: 'Pass', Parameters: { 'round.$': 'States.MathAdd($.round, 1)', 'items.$': '$.items' }, Next: 'Work' },
    FanOut: { Type: 'Map', ItemsPath: '$.items', ItemSelector: { 'item.$': '$$.Map.Item.Value' }, ItemProcessor: { StartAt: 'Item', States: { Item: { ...invoke('work', { 'item.$': '$.item' }), OutputPath: '$.Payload', End: true } } }, ResultPath: '$.results', End: true } } };
const durability = (process.env.DUR ?? 'none') as 'none' | 'fsync';
(async () => {
  const runtime = await startStepFunctionsRuntime({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'p-')), invoker: new InProcessLambdaInvoker({ work: (e) => e }), clock: new LocalClock(), durability });
  const { stateMachineArn } = (await runtime.call('CreateStateMachine', { name: 'r', roleArn: 'arn:aws:iam::000000000000:role/b', definition: JSON.stringify(reference) })) as any;
  for (let r = 0; r < Number(process.env.ROUNDS ?? 4); r++) {
    const t = performance.now();
    let next = 0;
    await Promise.all(Array.from({ length: 32 }, async () => { while (next < 1000) { next++; await runtime.call('StartExecution', { stateMachineArn, input: '{}' }); } }));
    await runtime.settle();
    console.log(durability, (20000 / ((performance.now() - t) / 1000)).toFixed(0), 'transitions/s');
  }
  await runtime.stop();
})();
