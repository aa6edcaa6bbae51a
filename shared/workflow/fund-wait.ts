/**
 * Waiting for funds. A case the Reserve Fund cannot cover does not fail: it joins the fund's
 * queue (its execution's task token kept server-side, shared/ports/workflow-waits) and waits.
 * Whenever room may have appeared (a contribution, a hold given back, the reconciler's round, the
 * case's own arrival in the queue) the queue is served strictly oldest first: each case in turn
 * gets its hold (the same idempotent reservation its execution makes) and is resumed; the first
 * case that does not fit stops the round, so a small late case never overtakes an older one.
 * The reservation is the ledger's guarded transaction, so concurrent rounds never overspend; a
 * case two rounds resume at once is reserved once and resumed once (the second hand-over finds
 * the execution moved on).
 */

import { isFinalStatus } from '../contracts/case';
import { InsufficientFundsError } from '../fund/fund-errors';
import type { WorkflowEngine } from '../ports/workflow-engine';
import { TaskClosedError } from '../ports/workflow-engine';
import type { WorkflowWaits } from '../ports/workflow-waits';
import { type ReleaseFundsResult, type ReserveStepDeps, releaseFunds, reserveFunds } from './fund-steps';
import type { ReleaseFundsInput } from './step-contracts';
import { CaseAlreadyFinalError } from './workflow-errors';

export interface FundWaitDeps extends ReserveStepDeps {
  readonly waits: WorkflowWaits;
  readonly workflow: Pick<WorkflowEngine, 'completeTask'>;
}

export interface ResumeResult {
  /** Cases given their hold and resumed this round, in queue order. */
  readonly resumed: readonly string[];
  /** Cases still waiting after the round. */
  readonly waiting: number;
}

/**
 * Serves the queue: oldest first, each case reserved and resumed, until one does not fit.
 * A case that ended meanwhile (withdrawn) leaves the queue without a hold.
 */
export async function resumeWaitingCases(deps: FundWaitDeps): Promise<ResumeResult> {
  const queue = await deps.waits.list('funds');
  const resumed: string[] = [];
  let served = 0;
  for (const wait of queue) {
    const record = await deps.cases.getForSystem(wait.caseId);
    if (isFinalStatus(record.status)) {
      await deps.waits.release(wait.caseId, 'funds');
      served += 1;
      continue;
    }
    try {
      await reserveFunds(deps, { caseId: wait.caseId }, { servingQueue: true });
    } catch (error) {
      if (error instanceof InsufficientFundsError) break;
      if (error instanceof CaseAlreadyFinalError) {
        await deps.waits.release(wait.caseId, 'funds');
        served += 1;
        continue;
      }
      throw error;
    }
    // The hold is made before the hand-over, so a crash here leaves a reserved case in the queue:
    // the next round finds its hold (the reservation is idempotent) and resumes it then.
    await deps.workflow
      .completeTask(wait.token, { caseId: wait.caseId, resumed: true })
      .catch((error: unknown) => {
        // Another round resumed it first, or the wait timed out: the execution has moved on.
        if (!(error instanceof TaskClosedError)) throw error;
      });
    await deps.waits.release(wait.caseId, 'funds');
    resumed.push(wait.caseId);
    served += 1;
  }
  return { resumed, waiting: queue.length - served };
}

/**
 * The money compensation of every failure path (ReleaseFunds): gives back whatever the case
 * holds, takes it out of the queue if it waited there, and serves the queue when money came back.
 */
export async function releaseFundsAndServeQueue(
  deps: FundWaitDeps,
  input: ReleaseFundsInput,
): Promise<ReleaseFundsResult> {
  const result = await releaseFunds(deps, input);
  await deps.waits.release(input.caseId, 'funds');
  if (result.movement !== 'none') await resumeWaitingCases(deps);
  return result;
}
