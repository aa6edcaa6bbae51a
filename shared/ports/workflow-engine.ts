/**
 * The port through which the domain drives state machines: start a case's execution, and hand a
 * human decision back to the execution waiting on it. Executions carry case ids, never personal
 * data (docs/architecture.md, data protection).
 */
import { ConflictError } from '../errors';

/** The execution waiting on this token has moved on (decided, timed out, or stopped). */
export class TaskClosedError extends ConflictError {
  override readonly name = 'TaskClosedError';
}

/** An execution's input: the case id and codes or dates, never personal data. */
export type WorkflowInput = { readonly caseId: string } & Readonly<Record<string, string | number | boolean>>;

export interface StartedExecution {
  readonly executionArn: string;
  readonly startedAt: string;
}

export interface WorkflowEngine {
  /**
   * Starts the workflow for a case. The execution is named after the case, so starting twice
   * (a retried request) gives the same execution, never a second one.
   */
  startCase(caseId: string, input: WorkflowInput): Promise<StartedExecution>;
  /**
   * Resumes the execution waiting on a task token with the decision as its output.
   * @throws TaskClosedError when the execution no longer waits on the token
   */
  completeTask(taskToken: string, output: Readonly<Record<string, unknown>>): Promise<void>;
  /** Fails the waiting task with a named error (e.g. `CaseWithdrawn`). @throws TaskClosedError */
  failTask(taskToken: string, error: string, cause: string): Promise<void>;
}
