/**
 * The Step Functions API as `@aws-sdk/client-sfn` drives it, written from the AWS Step Functions
 * API Reference pages named in each describe ("CreateStateMachine", "StartExecution",
 * "GetExecutionHistory", "HistoryEvent"...), and the local clock endpoint.
 */
import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  StartExecutionCommand,
  StopExecutionCommand,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fnArn, type Harness, outputOf, ROLE, startHarness, typesOf } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ echo: (event) => event });
});
afterAll(() => h.close());

const waitADay = {
  StartAt: 'Wait',
  States: { Wait: { Type: 'Wait', Seconds: 86_400, Next: 'Done' }, Done: { Type: 'Succeed' } },
};
const pass = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
const create = (name: string, definition: object | string) =>
  h.client.send(
    new CreateStateMachineCommand({
      name,
      roleArn: ROLE,
      definition: typeof definition === 'string' ? definition : JSON.stringify(definition),
    }),
  );

describe('state machines (API Reference: "CreateStateMachine", "DescribeStateMachine", "UpdateStateMachine", "ListStateMachines", "DeleteStateMachine")', () => {
  it('creates, describes, updates, lists and deletes', async () => {
    const created = await create('lifecycle', pass);
    expect(created.stateMachineArn).toBe('arn:aws:states:us-east-1:123456789012:stateMachine:lifecycle');
    expect(created.creationDate).toBeInstanceOf(Date);
    // Idempotent: the same definition and role answer the same machine.
    expect((await create('lifecycle', pass)).stateMachineArn).toBe(created.stateMachineArn);
    await expect(create('lifecycle', waitADay)).rejects.toMatchObject({ name: 'StateMachineAlreadyExists' });

    const described = await h.client.send(
      new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }),
    );
    expect(described).toMatchObject({ name: 'lifecycle', status: 'ACTIVE', type: 'STANDARD', roleArn: ROLE });
    expect(JSON.parse(described.definition!)).toEqual(pass);

    const updated = { StartAt: 'P', States: { P: { Type: 'Pass', Result: 'v2', End: true } } };
    await h.client.send(
      new UpdateStateMachineCommand({
        stateMachineArn: created.stateMachineArn,
        definition: JSON.stringify(updated),
      }),
    );
    const arn = await h.start(created.stateMachineArn!);
    expect(outputOf(await h.describe(arn))).toBe('v2');

    const listed = await h.client.send(new ListStateMachinesCommand({}));
    expect(listed.stateMachines?.map((machine) => machine.name)).toContain('lifecycle');

    await h.client.send(new DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
    await expect(
      h.client.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['not ASL', { StartAt: 'X', States: { X: { Type: 'Teleport', End: true } } }, /SCHEMA_VALIDATION_FAILED/],
    ['a JSONata machine', { QueryLanguage: 'JSONata', ...pass }, /JSONata/],
    [
      'a JSONata state',
      {
        StartAt: 'P',
        States: { P: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% 1 %}', End: true } },
      },
      /JSONata/,
    ],
    [
      'workflow variables',
      { StartAt: 'P', States: { P: { Type: 'Pass', Assign: { x: 1 }, End: true } } },
      /Assign/,
    ],
    [
      'another service integration',
      {
        StartAt: 'T',
        States: {
          T: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: {}, End: true },
        },
      },
      /dynamodb:putItem/,
    ],
    [
      'an Activity',
      {
        StartAt: 'T',
        States: {
          T: { Type: 'Task', Resource: 'arn:aws:states:us-east-1:123456789012:activity:a', End: true },
        },
      },
      /Activities/,
    ],
    [
      'a distributed Map',
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, ...pass },
            End: true,
          },
        },
      },
      /distributed Map/,
    ],
    [
      'an ItemReader',
      {
        StartAt: 'M',
        States: {
          M: {
            Type: 'Map',
            ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b', Key: 'k' } },
            ItemProcessor: pass,
            End: true,
          },
        },
      },
      /ItemReader/,
    ],
  ])('refuses %s with InvalidDefinition naming it', async (_what, definition, message) => {
    const failure = create(`refused-${Math.random().toString(36).slice(2)}`, definition);
    await expect(failure).rejects.toMatchObject({ name: 'InvalidDefinition' });
    await expect(failure).rejects.toThrow(message);
  });

  it('refuses a bad name with InvalidName and a malformed ARN with InvalidArn', async () => {
    await expect(create('has space', pass)).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(
      h.client.send(new DescribeStateMachineCommand({ stateMachineArn: 'nope' })),
    ).rejects.toMatchObject({
      name: 'InvalidArn',
    });
  });
});

describe('executions (API Reference: "StartExecution", "DescribeExecution", "ListExecutions", "StopExecution")', () => {
  it('StartExecution is idempotent for a running execution with the same name and input', async () => {
    const machine = await h.machine(waitADay);
    const first = await h.client.send(
      new StartExecutionCommand({ stateMachineArn: machine, name: 'once', input: '{"a":1}' }),
    );
    const again = await h.client.send(
      new StartExecutionCommand({ stateMachineArn: machine, name: 'once', input: '{"a":1}' }),
    );
    expect(again.executionArn).toBe(first.executionArn);
    expect(again.startDate).toEqual(first.startDate);
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: machine, name: 'once', input: '{"a":2}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
    await h.advance('1d');
    expect((await h.describe(first.executionArn!)).status).toBe('SUCCEEDED');
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: machine, name: 'once', input: '{"a":1}' })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('describes an execution as AWS does', async () => {
    const execution = await h.run(pass, { hello: 'world' });
    expect(execution).toMatchObject({
      status: 'SUCCEEDED',
      input: '{"hello":"world"}',
      output: '{"hello":"world"}',
    });
    expect(execution.startDate).toBeInstanceOf(Date);
    expect(execution.stopDate!.getTime()).toBeGreaterThanOrEqual(execution.startDate!.getTime());
    expect(execution.executionArn).toMatch(
      /^arn:aws:states:us-east-1:123456789012:execution:machine-\d+-\d+:[\w-]+$/,
    );
  });

  it('refuses input that is not JSON, and unknown executions and machines', async () => {
    const machine = await h.machine(pass);
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: machine, input: 'not json' })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
    await expect(
      h.client.send(
        new DescribeExecutionCommand({
          executionArn: `${machine.replace('stateMachine', 'execution')}:missing`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(
      h.client.send(new StartExecutionCommand({ stateMachineArn: `${machine}-missing` })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });

  it('lists executions newest first, by status, page by page', async () => {
    const machine = await h.machine(waitADay);
    const arns = [];
    for (const name of ['e1', 'e2', 'e3']) arns.push(await h.start(machine, {}, name));
    await h.client.send(
      new StopExecutionCommand({ executionArn: arns[0], error: 'Withdrawn', cause: 'migrant withdrew' }),
    );
    const page1 = await h.client.send(new ListExecutionsCommand({ stateMachineArn: machine, maxResults: 2 }));
    expect(page1.executions?.map((execution) => execution.name)).toEqual(['e3', 'e2']);
    expect(page1.nextToken).toBeDefined();
    const page2 = await h.client.send(
      new ListExecutionsCommand({ stateMachineArn: machine, maxResults: 2, nextToken: page1.nextToken }),
    );
    expect(page2.executions?.map((execution) => execution.name)).toEqual(['e1']);
    expect(page2.nextToken).toBeUndefined();
    const aborted = await h.client.send(
      new ListExecutionsCommand({ stateMachineArn: machine, statusFilter: 'ABORTED' }),
    );
    expect(aborted.executions?.map((execution) => execution.name)).toEqual(['e1']);
  });

  it('StopExecution aborts a running execution with its error and cause', async () => {
    const arn = await h.start(await h.machine(waitADay));
    const stopped = await h.client.send(
      new StopExecutionCommand({ executionArn: arn, error: 'Withdrawn', cause: 'by request' }),
    );
    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(await h.describe(arn)).toMatchObject({
      status: 'ABORTED',
      error: 'Withdrawn',
      cause: 'by request',
    });
    const events = await h.history(arn);
    expect(events.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Withdrawn', cause: 'by request' },
    });
    // The aborted execution's wait does not fire later.
    await h.advance('2d');
    expect(typesOf(await h.history(arn))).toEqual(typesOf(events));
  });

  it('the definition TimeoutSeconds times the execution out', async () => {
    const arn = await h.start(await h.machine({ ...waitADay, TimeoutSeconds: 3600 }));
    await h.advance('1h');
    expect(await h.describe(arn)).toMatchObject({ status: 'TIMED_OUT' });
    expect((await h.history(arn)).at(-1)).toMatchObject({
      type: 'ExecutionTimedOut',
      executionTimedOutEventDetails: { error: 'States.Timeout' },
    });
  });
});

describe('execution history (API Reference: "GetExecutionHistory", "HistoryEvent")', () => {
  it('numbers events from 1, links each to the previous one, pages and reverses', async () => {
    const execution = await h.run(
      {
        StartAt: 'Echo',
        States: {
          Echo: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Parameters: { FunctionName: fnArn('echo'), 'Payload.$': '$' },
            OutputPath: '$.Payload',
            End: true,
          },
        },
      },
      { x: 1 },
    );
    expect(outputOf(execution)).toEqual({ x: 1 });
    const events = await h.history(execution.executionArn);
    expect(typesOf(events)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events.map((event) => event.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(events.map((event) => event.previousEventId)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(events[0]?.timestamp).toBeInstanceOf(Date);
    expect(events[0]?.executionStartedEventDetails).toMatchObject({ input: '{"x":1}', roleArn: ROLE });
    expect(events[1]?.stateEnteredEventDetails).toMatchObject({ name: 'Echo', input: '{"x":1}' });
    expect(events[2]?.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
    });
    const succeeded = JSON.parse(events[4]!.taskSucceededEventDetails!.output!);
    expect(succeeded).toMatchObject({
      ExecutedVersion: '$LATEST',
      Payload: { x: 1 },
      StatusCode: 200,
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: expect.any(String) },
    });

    const first = await h.client.send(
      new GetExecutionHistoryCommand({
        executionArn: execution.executionArn,
        maxResults: 3,
        reverseOrder: true,
      }),
    );
    expect(first.events?.map((event) => event.id)).toEqual([7, 6, 5]);
    const second = await h.client.send(
      new GetExecutionHistoryCommand({
        executionArn: execution.executionArn,
        maxResults: 3,
        reverseOrder: true,
        nextToken: first.nextToken,
      }),
    );
    expect(second.events?.map((event) => event.id)).toEqual([4, 3, 2]);
  });
});

describe('local clock endpoint', () => {
  it('tells the time and moves it forward', async () => {
    const before = (await (await fetch(`${h.runtime.url}/local/clock`)).json()) as { nowMs: number };
    const response = await fetch(`${h.runtime.url}/local/clock`, {
      method: 'POST',
      body: JSON.stringify({ advance: '30d' }),
    });
    const after = (await response.json()) as { nowMs: number; now: string };
    expect(after.nowMs - before.nowMs).toBeGreaterThanOrEqual(30 * 86_400_000);
    expect(new Date(after.now).getTime()).toBe(after.nowMs);
    const bad = await fetch(`${h.runtime.url}/local/clock`, {
      method: 'POST',
      body: JSON.stringify({ advance: 'soon' }),
    });
    expect(bad.status).toBe(400);
  });
});
