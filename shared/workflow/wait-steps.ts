/**
 * The workflow's waits that are not a person's task (shared/ports/workflow-waits): HoldWait is a
 * waitForTaskToken step that keeps the execution's token; ReleaseWait forgets it once the wait is
 * over. Waiting for funds resumes when the queue is served (./fund-wait.ts); waiting for the
 * departure ends at the wait's own timeout (the departure time), or earlier with `CaseWithdrawn`
 * when the person withdraws, which is why it is a token wait and not a Wait state: a Wait state
 * cannot be interrupted, and the booking must be cancelled and the money given back at once.
 */
import * as z from 'zod';
import type { CaseService } from '../cases/case-service';
import { isFinalStatus } from '../contracts/case';
import { caseIdSchema } from '../contracts/case-id';
import { closedObject } from '../contracts/closed-object';
import { usdToCents } from '../fund/cents';
import { WAIT_KINDS, type WaitKind, type WorkflowWaits } from '../ports/workflow-waits';
import { type FundWaitDeps, resumeWaitingCases } from './fund-wait';
import { CaseAlreadyFinalError } from './workflow-errors';

export const holdWaitInputSchema = /* @__PURE__ */ (() =>
  closedObject({
    caseId: caseIdSchema,
    kind: z.enum(WAIT_KINDS),
    /** `$$.Task.Token`: kept server-side with the wait, never answered. */
    taskToken: z.string().min(1),
  }))();
export type HoldWaitInput = z.infer<typeof holdWaitInputSchema>;

export const releaseWaitInputSchema = /* @__PURE__ */ (() =>
  closedObject({ caseId: caseIdSchema, kind: z.enum(WAIT_KINDS) }))();
export type ReleaseWaitInput = z.infer<typeof releaseWaitInputSchema>;

export interface HoldWaitResult {
  readonly caseId: string;
  readonly kind: WaitKind;
  /** When the case started waiting (a retried step keeps the first). */
  readonly since: string;
}

export interface ReleaseWaitResult {
  readonly caseId: string;
  readonly released: boolean;
}

export interface WaitStepDeps extends FundWaitDeps {
  readonly cases: CaseService;
  readonly waits: WorkflowWaits;
}

/**
 * Keeps the waiting execution's token. A case that waits for funds is then offered to the queue
 * at once: room may have appeared between its reservation failing and its token being kept.
 * @throws CaseAlreadyFinalError (withdrawn meanwhile: the workflow compensates)
 */
export async function holdWait(deps: WaitStepDeps, input: HoldWaitInput): Promise<HoldWaitResult> {
  const record = await deps.cases.getForSystem(input.caseId);
  if (isFinalStatus(record.status)) {
    throw new CaseAlreadyFinalError(`case ${input.caseId} is ${record.status}: nothing to wait for`);
  }
  const since = (deps.now?.() ?? new Date()).toISOString();
  const wait = await deps.waits.hold({
    caseId: input.caseId,
    kind: input.kind,
    since,
    token: input.taskToken,
    ...(input.kind === 'funds' ? { amountCents: usdToCents(record.amounts.requestedUsd) } : {}),
  });
  if (input.kind === 'funds') await resumeWaitingCases(deps);
  return { caseId: input.caseId, kind: input.kind, since: wait.since };
}

/** Forgets a wait that is over (safe to run twice). */
export async function releaseWait(
  deps: Pick<WaitStepDeps, 'waits'>,
  input: ReleaseWaitInput,
): Promise<ReleaseWaitResult> {
  return { caseId: input.caseId, released: await deps.waits.release(input.caseId, input.kind) };
}
