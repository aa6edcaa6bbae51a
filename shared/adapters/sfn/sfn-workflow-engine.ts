/**
 * WorkflowEngine on the Step Functions API (AWS, or the local runtime: the SDK reads
 * AWS_ENDPOINT_URL_SFN). Task-token callbacks that arrive after the task closed are reported as
 * TaskClosedError so the caller can tell "already decided elsewhere" from a real failure.
 */
import {
  ExecutionAlreadyExists,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { ConflictError } from '../../errors';
import {
  type StartedExecution,
  TaskClosedError,
  type WorkflowEngine,
  type WorkflowInput,
} from '../../ports/workflow-engine';

export class SfnWorkflowEngine implements WorkflowEngine {
  constructor(
    private readonly client: SFNClient,
    private readonly caseStateMachineArn: string,
  ) {}

  async startCase(caseId: string, input: WorkflowInput): Promise<StartedExecution> {
    try {
      const started = await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.caseStateMachineArn,
          // Execution names are unique per state machine for 90 days: one execution per case.
          name: caseId,
          input: JSON.stringify(input),
        }),
      );
      return {
        executionArn: started.executionArn!,
        startedAt: (started.startDate ?? new Date()).toISOString(),
      };
    } catch (error) {
      // Same name and same input answers the existing execution; a different input is refused.
      if (error instanceof ExecutionAlreadyExists) {
        throw new ConflictError(`case ${caseId} already has a workflow execution with another input`);
      }
      throw error;
    }
  }

  async completeTask(taskToken: string, output: Readonly<Record<string, unknown>>): Promise<void> {
    await this.callback(() =>
      this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })),
    );
  }

  async failTask(taskToken: string, error: string, cause: string): Promise<void> {
    await this.callback(() => this.client.send(new SendTaskFailureCommand({ taskToken, error, cause })));
  }

  private async callback(send: () => Promise<unknown>): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (error instanceof TaskDoesNotExist || error instanceof TaskTimedOut) {
        throw new TaskClosedError('the workflow is no longer waiting for this task');
      }
      throw error;
    }
  }
}
