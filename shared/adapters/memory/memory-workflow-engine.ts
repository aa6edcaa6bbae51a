/**
 * A WorkflowEngine that records what the domain asks of the workflow, for use-case tests: the
 * executions started (one per case, as Step Functions names them), and the decisions and failures
 * handed to waiting tasks. A token answers once; after that the workflow no longer waits on it.
 */

import { ConflictError } from '../../errors';
import {
  type StartedExecution,
  TaskClosedError,
  type WorkflowEngine,
  type WorkflowInput,
} from '../../ports/workflow-engine';
import { copy } from './copy';

export interface RecordedExecution extends StartedExecution {
  readonly caseId: string;
  readonly input: WorkflowInput;
}

export interface RecordedCallback {
  readonly taskToken: string;
  /** The decision handed to the execution (completeTask). */
  readonly output?: Readonly<Record<string, unknown>>;
  /** The error it was failed with (failTask). */
  readonly error?: string;
  readonly cause?: string;
}

export interface MemoryWorkflowEngineOptions {
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export class MemoryWorkflowEngine implements WorkflowEngine {
  /** Executions by case id. */
  readonly executions = new Map<string, RecordedExecution>();
  /** Every callback that reached a waiting task, in order. */
  readonly callbacks: RecordedCallback[] = [];
  private readonly answered = new Set<string>();
  private readonly now: () => Date;

  constructor(options: MemoryWorkflowEngineOptions = {}) {
    this.now = options.now ?? (() => new Date());
  }

  async startCase(caseId: string, input: WorkflowInput): Promise<StartedExecution> {
    const existing = this.executions.get(caseId);
    if (existing) {
      if (JSON.stringify(existing.input) !== JSON.stringify(input)) {
        throw new ConflictError(`case ${caseId} already has a workflow execution with another input`);
      }
      return { executionArn: existing.executionArn, startedAt: existing.startedAt };
    }
    const started: RecordedExecution = {
      caseId,
      input: copy(input),
      executionArn: `arn:aws:states:memory:000000000000:execution:case-workflow:${caseId}`,
      startedAt: this.now().toISOString(),
    };
    this.executions.set(caseId, started);
    return { executionArn: started.executionArn, startedAt: started.startedAt };
  }

  async completeTask(taskToken: string, output: Readonly<Record<string, unknown>>): Promise<void> {
    this.answer({ taskToken, output: copy(output) });
  }

  async failTask(taskToken: string, error: string, cause: string): Promise<void> {
    this.answer({ taskToken, error, cause });
  }

  /** The workflow moves past a task without it (a deadline, another path): its token is dead. */
  closeTask(taskToken: string): void {
    this.answered.add(taskToken);
  }

  private answer(callback: RecordedCallback): void {
    if (this.answered.has(callback.taskToken)) {
      throw new TaskClosedError('the workflow is no longer waiting for this task');
    }
    this.answered.add(callback.taskToken);
    this.callbacks.push(callback);
  }
}
