/**
 * The Step Functions API operations over the runtime's state: state machines, executions, their
 * histories, and task tokens. Requests and responses are the API's JSON shapes; times leave here
 * as epoch seconds. Every change is written to the journal before the call answers, and opening
 * the service on a journal resumes every execution that was running.
 */
import { randomUUID } from 'node:crypto';
import type { LocalClock } from '../clock';
import type { LambdaInvoker } from '../lambda/invoker';
import { SfnApiError } from './api-errors';
import {
  type ArnScope,
  assertValidName,
  executionArn,
  parseExecutionArn,
  parseStateMachineArn,
  stateMachineArn,
} from './arns';
import type { AslMachine } from './asl-types';
import { parseDefinition } from './definition';
import { Execution, type ExecutionRecord, type ExecutionStatus } from './execution';
import { type HistoryEvent, NOT_TRUNCATED } from './history';
import { Interpreter, type PendingTask, type TaskOutcome } from './interpreter';
import type { Journal } from './journal';
import type { Quiescence } from './quiescence';
import { attemptOfTokenNote, checkTaskToken, TaskTokenIndex } from './task-tokens';
import type { TimerService } from './timers';

/** A state machine as CreateStateMachine made it. Times are epoch ms. */
export interface StateMachineRecord {
  readonly arn: string;
  readonly name: string;
  readonly definition: string;
  readonly roleArn: string;
  readonly creationDate: number;
  readonly updateDate?: number;
}

type MachineJournalRecord =
  | { readonly r: 'machine'; readonly machine: StateMachineRecord }
  | { readonly r: 'machine-deleted'; readonly arn: string };

export interface ServiceOptions extends ArnScope {
  readonly clock: LocalClock;
  readonly invoker: LambdaInvoker;
  readonly journal: Journal;
  readonly timers: TimerService;
  readonly quiescence: Quiescence;
}

/** An API request body. */
export type Request = Readonly<Record<string, unknown>>;

const MAX_INPUT_BYTES = 256 * 1024;
const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

function requireString(request: Request, field: string): string {
  const value = request[field];
  if (typeof value !== 'string' || value.length === 0) {
    throw new SfnApiError(
      'ValidationException',
      `1 validation error detected: Value at '${field}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function optionalString(request: Request, field: string): string | undefined {
  const value = request[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SfnApiError('ValidationException', `'${field}' must be a string`);
  return value;
}

/** maxResults and nextToken as the List* and GetExecutionHistory calls take them. */
function page<T>(items: readonly T[], request: Request): { items: T[]; nextToken?: string } {
  const max = request.maxResults;
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > 1000)) {
    throw new SfnApiError('ValidationException', "'maxResults' must be an integer from 0 to 1000");
  }
  const size = typeof max === 'number' && max > 0 ? max : 100;
  let start = 0;
  const token = request.nextToken;
  if (token !== undefined && token !== null) {
    const decoded =
      typeof token === 'string' ? Number(Buffer.from(token, 'base64url').toString('utf8')) : Number.NaN;
    if (!Number.isInteger(decoded) || decoded < 0)
      throw new SfnApiError('ValidationException', 'Invalid Token: nextToken');
    start = decoded;
  }
  const slice = items.slice(start, start + size);
  const end = start + slice.length;
  return end < items.length
    ? { items: slice, nextToken: Buffer.from(String(end), 'utf8').toString('base64url') }
    : { items: slice };
}

export class StepFunctionsService {
  private readonly machines = new Map<string, StateMachineRecord>();
  private readonly executions = new Map<string, Execution>();
  private readonly executionsByMachine = new Map<string, Execution[]>();
  private readonly pendingTasks = new Map<string, PendingTask>();
  private readonly taskTokens = new TaskTokenIndex();
  private readonly parsedDefinitions = new Map<string, AslMachine>();
  private readonly interpreter: Interpreter;

  private constructor(private readonly options: ServiceOptions) {
    this.interpreter = new Interpreter({
      invoker: options.invoker,
      clock: options.clock,
      timers: options.timers,
      quiescence: options.quiescence,
      pendingTasks: this.pendingTasks,
      taskTokens: this.taskTokens,
      region: options.region,
    });
  }

  /** Opens the service on a journal: restores what it holds and resumes running executions. */
  static open(options: ServiceOptions): StepFunctionsService {
    const service = new StepFunctionsService(options);
    for (const record of options.journal.recovered as Array<ExecutionRecord | MachineJournalRecord>) {
      service.restore(record);
    }
    for (const execution of service.executions.values()) {
      if (execution.status === 'RUNNING') service.runInBackground(execution);
    }
    return service;
  }

  /**
   * Runs an execution without awaiting it. A failure that escapes the interpreter (the journal
   * closed under it while the runtime stops) is reported, never left as an unhandled rejection
   * that would end the process mid-shutdown; the journal still holds the execution's last durable
   * state, so a restart resumes it correctly.
   */
  private runInBackground(execution: Parameters<StepFunctionsService['interpreter']['run']>[0]): void {
    this.interpreter.run(execution).catch((error: unknown) => {
      console.error(`step functions: execution ${execution.arn} stopped: ${String(error)}`);
    });
  }

  /** The operations of the API, by name. */
  readonly operations: Readonly<Record<string, (request: Request) => Promise<unknown>>> = {
    CreateStateMachine: (request) => this.createStateMachine(request),
    UpdateStateMachine: (request) => this.updateStateMachine(request),
    DescribeStateMachine: async (request) => this.describeStateMachine(request),
    ListStateMachines: async (request) => this.listStateMachines(request),
    DeleteStateMachine: (request) => this.deleteStateMachine(request),
    StartExecution: (request) => this.startExecution(request),
    DescribeExecution: async (request) => this.describeExecution(request),
    ListExecutions: async (request) => this.listExecutions(request),
    StopExecution: (request) => this.stopExecution(request),
    GetExecutionHistory: async (request) => this.getExecutionHistory(request),
    SendTaskSuccess: (request) => this.sendTaskSuccess(request),
    SendTaskFailure: (request) => this.sendTaskFailure(request),
    SendTaskHeartbeat: (request) => this.sendTaskHeartbeat(request),
  };

  /**
   * Creates a state machine, or updates it when one of that name exists (used to register the
   * manifest's state machines at start).
   */
  async registerStateMachine(name: string, definition: string, roleArn: string): Promise<string> {
    const arn = stateMachineArn(this.options, name);
    if (this.machines.has(arn)) await this.updateStateMachine({ stateMachineArn: arn, definition, roleArn });
    else await this.createStateMachine({ name, definition, roleArn });
    return arn;
  }

  private restore(record: ExecutionRecord | MachineJournalRecord): void {
    switch (record.r) {
      case 'machine':
        this.machines.set(record.machine.arn, record.machine);
        return;
      case 'machine-deleted':
        this.machines.delete(record.arn);
        return;
      case 'start':
        this.addExecution(record.start);
        return;
      default: {
        const execution = this.executions.get(record.x);
        execution?.restore(record);
        if (execution && record.r === 'note') {
          const attemptKey = attemptOfTokenNote(record.k);
          if (attemptKey !== undefined)
            this.taskTokens.remember(record.v as string, execution.arn, attemptKey);
        }
      }
    }
  }

  private addExecution(start: Execution['start']): Execution {
    // Executions of one definition share its parsed form: the interpreter only reads it.
    let machine = this.parsedDefinitions.get(start.definition);
    if (!machine) {
      machine = JSON.parse(start.definition) as AslMachine;
      this.parsedDefinitions.set(start.definition, machine);
    }
    const execution = new Execution(
      start,
      machine,
      JSON.parse(start.input),
      this.options.journal,
      this.options.clock,
    );
    this.executions.set(start.arn, execution);
    const list = this.executionsByMachine.get(start.stateMachineArn) ?? [];
    list.push(execution);
    this.executionsByMachine.set(start.stateMachineArn, list);
    return execution;
  }

  private machine(arnValue: unknown): StateMachineRecord {
    parseStateMachineArn(arnValue);
    const machine = this.machines.get(arnValue as string);
    if (!machine)
      throw new SfnApiError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${String(arnValue)}'`,
      );
    return machine;
  }

  private execution(arnValue: unknown): Execution {
    parseExecutionArn(arnValue);
    const execution = this.executions.get(arnValue as string);
    if (!execution)
      throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(arnValue)}'`);
    return execution;
  }

  private async createStateMachine(request: Request): Promise<unknown> {
    const name = assertValidName(request.name, 'state machine');
    const definition = requireString(request, 'definition');
    const roleArn = requireString(request, 'roleArn');
    const type = request.type ?? 'STANDARD';
    if (type !== 'STANDARD') {
      throw new SfnApiError(
        'ValidationException',
        `state machine type ${String(type)} is not supported by the local runtime: use STANDARD`,
      );
    }
    parseDefinition(definition);
    const arn = stateMachineArn(this.options, name);
    const existing = this.machines.get(arn);
    if (existing) {
      // CreateStateMachine is idempotent: the same definition and role answer the existing machine.
      if (existing.definition === definition && existing.roleArn === roleArn) {
        return { stateMachineArn: arn, creationDate: seconds(existing.creationDate) };
      }
      throw new SfnApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const machine: StateMachineRecord = {
      arn,
      name,
      definition,
      roleArn,
      creationDate: this.options.clock.now(),
    };
    this.machines.set(arn, machine);
    await this.options.journal.append({ r: 'machine', machine });
    return { stateMachineArn: arn, creationDate: seconds(machine.creationDate) };
  }

  private async updateStateMachine(request: Request): Promise<unknown> {
    const current = this.machine(request.stateMachineArn);
    const definition = optionalString(request, 'definition');
    const roleArn = optionalString(request, 'roleArn');
    if (definition === undefined && roleArn === undefined) {
      throw new SfnApiError('ValidationException', 'Either the definition or the roleArn must be specified');
    }
    if (definition !== undefined) parseDefinition(definition);
    const machine: StateMachineRecord = {
      ...current,
      definition: definition ?? current.definition,
      roleArn: roleArn ?? current.roleArn,
      updateDate: this.options.clock.now(),
    };
    this.machines.set(machine.arn, machine);
    await this.options.journal.append({ r: 'machine', machine });
    return { updateDate: seconds(machine.updateDate) };
  }

  private describeStateMachine(request: Request): unknown {
    const machine = this.machine(request.stateMachineArn);
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: machine.definition,
      roleArn: machine.roleArn,
      type: 'STANDARD',
      creationDate: seconds(machine.creationDate),
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }

  private listStateMachines(request: Request): unknown {
    const all = [...this.machines.values()].sort((a, b) => a.name.localeCompare(b.name));
    const { items, nextToken } = page(all, request);
    return {
      stateMachines: items.map((machine) => ({
        stateMachineArn: machine.arn,
        name: machine.name,
        type: 'STANDARD',
        creationDate: seconds(machine.creationDate),
      })),
      nextToken,
    };
  }

  private async deleteStateMachine(request: Request): Promise<unknown> {
    const arn = request.stateMachineArn;
    parseStateMachineArn(arn);
    // Deleting a machine that is not there succeeds, as on AWS; its executions keep their own copy.
    if (this.machines.delete(arn as string)) await this.options.journal.append({ r: 'machine-deleted', arn });
    return {};
  }

  private async startExecution(request: Request): Promise<unknown> {
    const machine = this.machine(request.stateMachineArn);
    const name = request.name === undefined ? randomUUID() : assertValidName(request.name, 'execution');
    const input = request.input === undefined || request.input === null ? '{}' : request.input;
    if (typeof input !== 'string')
      throw new SfnApiError(
        'InvalidExecutionInput',
        'Invalid State Machine Execution Input: the input must be a JSON string',
      );
    if (Buffer.byteLength(input) > MAX_INPUT_BYTES) {
      throw new SfnApiError(
        'InvalidExecutionInput',
        'Invalid State Machine Execution Input: the input is larger than 256 KB',
      );
    }
    try {
      JSON.parse(input);
    } catch (error) {
      throw new SfnApiError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${(error as Error).message}'`,
      );
    }
    const arn = executionArn(this.options, machine.name, name);
    const existing = this.executions.get(arn);
    if (existing) {
      // StartExecution is idempotent for a running execution started with the same input.
      if (existing.status === 'RUNNING' && existing.start.input === input) {
        return { executionArn: arn, startDate: seconds(existing.start.startDate) };
      }
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const execution = this.addExecution({
      arn,
      name,
      stateMachineArn: machine.arn,
      stateMachineName: machine.name,
      definition: machine.definition,
      roleArn: machine.roleArn,
      input,
      startDate: this.options.clock.now(),
    });
    const startWritten = this.options.journal.append({ r: 'start', start: execution.start });
    const started = execution.emit({ scope: '', last: 0, visits: new Map() }, 'start', 'ExecutionStarted', {
      executionStartedEventDetails: { input, inputDetails: NOT_TRUNCATED, roleArn: machine.roleArn },
    });
    await Promise.all([startWritten, started.durable]);
    this.runInBackground(execution);
    return { executionArn: arn, startDate: seconds(execution.start.startDate) };
  }

  private describeExecution(request: Request): unknown {
    const execution = this.execution(request.executionArn);
    const close = execution.closeInfo;
    return {
      executionArn: execution.arn,
      stateMachineArn: execution.start.stateMachineArn,
      name: execution.start.name,
      status: execution.status,
      startDate: seconds(execution.start.startDate),
      stopDate: seconds(close?.stopDate),
      input: execution.start.input,
      inputDetails: { included: true },
      ...(close?.output !== undefined ? { output: close.output, outputDetails: { included: true } } : {}),
      error: close?.error,
      cause: close?.cause,
      redriveCount: 0,
      redriveStatus: 'NOT_REDRIVABLE',
    };
  }

  private listExecutions(request: Request): unknown {
    const machine = this.machine(request.stateMachineArn);
    const filter = request.statusFilter;
    const statuses: ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];
    if (filter !== undefined && !statuses.includes(filter as ExecutionStatus)) {
      throw new SfnApiError('ValidationException', `'statusFilter' must be one of ${statuses.join(', ')}`);
    }
    // Newest first, as AWS lists them.
    const all = [...(this.executionsByMachine.get(machine.arn) ?? [])]
      .filter((execution) => filter === undefined || execution.status === filter)
      .reverse();
    const { items, nextToken } = page(all, request);
    return {
      executions: items.map((execution) => ({
        executionArn: execution.arn,
        stateMachineArn: execution.start.stateMachineArn,
        name: execution.start.name,
        status: execution.status,
        startDate: seconds(execution.start.startDate),
        stopDate: seconds(execution.closeInfo?.stopDate),
      })),
      nextToken,
    };
  }

  private async stopExecution(request: Request): Promise<unknown> {
    const execution = this.execution(request.executionArn);
    const error = optionalString(request, 'error');
    const cause = optionalString(request, 'cause');
    await execution.close(execution.events.length, { status: 'ABORTED', error, cause }, 'ExecutionAborted', {
      executionAbortedEventDetails: { error, cause },
    });
    return { stopDate: seconds(execution.closeInfo?.stopDate) };
  }

  private getExecutionHistory(request: Request): unknown {
    const execution = this.execution(request.executionArn);
    const ordered = request.reverseOrder === true ? [...execution.events].reverse() : execution.events;
    const { items, nextToken } = page(ordered, request);
    return {
      events: items.map((event: HistoryEvent) => ({ ...event, timestamp: event.timestamp / 1000 })),
      nextToken,
    };
  }

  /** The waiting task a token names, or the API error AWS gives for that token. */
  private pendingTask(request: Request): PendingTask {
    const token = checkTaskToken(request.taskToken);
    const pending = this.pendingTasks.get(token);
    if (pending) return pending;
    const issued = this.taskTokens.lookup(token);
    if (!issued) {
      throw new SfnApiError('TaskDoesNotExist', 'Task Does Not Exist: no task is waiting for this token');
    }
    // Issued and no longer waiting: its attempt is over (a resumed execution's tasks are waiting
    // again before the API listens).
    if (this.executions.has(issued.executionArn)) {
      throw new SfnApiError('TaskTimedOut', 'Task Timed Out: the task of this token has already ended');
    }
    throw new SfnApiError('TaskDoesNotExist', 'Task Does Not Exist: no task is waiting for this token');
  }

  private async complete(request: Request, outcome: TaskOutcome): Promise<unknown> {
    const pending = this.pendingTask(request);
    if (!(await pending.complete(outcome))) {
      throw new SfnApiError('TaskTimedOut', 'Task Timed Out: the task of this token has already ended');
    }
    return {};
  }

  private async sendTaskSuccess(request: Request): Promise<unknown> {
    const output = request.output;
    if (typeof output !== 'string')
      throw new SfnApiError('InvalidOutput', 'Invalid Output: the output must be a JSON string');
    let value: unknown;
    try {
      value = JSON.parse(output);
    } catch (error) {
      throw new SfnApiError('InvalidOutput', `Invalid Output: '${(error as Error).message}'`);
    }
    if (Buffer.byteLength(output) > MAX_INPUT_BYTES)
      throw new SfnApiError('InvalidOutput', 'Invalid Output: larger than 256 KB');
    return this.complete(request, { ok: true, output: value });
  }

  private async sendTaskFailure(request: Request): Promise<unknown> {
    const error = optionalString(request, 'error') ?? '';
    const cause = optionalString(request, 'cause') ?? '';
    return this.complete(request, { ok: false, error, cause });
  }

  private async sendTaskHeartbeat(request: Request): Promise<unknown> {
    await this.pendingTask(request).heartbeat();
    return {};
  }

  /** Number of executions by status (for the benchmark and the local cloud's status page). */
  countByStatus(): Record<ExecutionStatus, number> {
    const counts: Record<ExecutionStatus, number> = {
      RUNNING: 0,
      SUCCEEDED: 0,
      FAILED: 0,
      TIMED_OUT: 0,
      ABORTED: 0,
    };
    for (const execution of this.executions.values()) counts[execution.status] += 1;
    return counts;
  }
}
