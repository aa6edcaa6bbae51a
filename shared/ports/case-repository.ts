/** The port where cases live. */

import type { CaseChanges, CaseRecord, CaseRef } from '../cases/case-record';
import type { CaseView } from '../cases/case-views';
import type { CaseStatus, TimelineEntry } from '../contracts/case';
import type { IdempotencyRecord } from './idempotency-store';
import type { Page, PageRequest } from './page';

export interface CreateCaseOptions {
  /** Person keys (already hashed) under which the case can be found by person. */
  readonly personKeys: readonly string[];
  /**
   * Also claim the person keys as this person's one open case, in the same transaction: the
   * read-then-write eligibility check alone lets two concurrent submissions both see "no open
   * case". Only a case that is open (eligible) claims; it releases the claims when it leaves the
   * open statuses (see update).
   */
  readonly claimOpenCase?: boolean;
  /** Written in the same transaction: a second submission with the key cannot create a case. */
  readonly idempotency?: Omit<IdempotencyRecord, 'caseId'>;
}

export type CreateCaseResult =
  | { readonly created: true; readonly caseId: string }
  /**
   * Nothing was written: the idempotency key's live record already exists, here it is. Whether
   * that is a retry or a reuse with another body is the caller's to judge (CaseService).
   */
  | { readonly created: false; readonly existing: IdempotencyRecord };

export interface CaseUpdate {
  /** The version read; the update fails if the case moved on. */
  readonly expectedVersion: number;
  readonly at: string;
  readonly changes?: CaseChanges;
  /** Appended to the timeline. */
  readonly timeline?: readonly TimelineEntry[];
  /**
   * The case as the caller read it at `expectedVersion`, so that an adapter need not read it
   * again to build what it writes. Safe because a version is written once: the write's condition
   * on the version fails if the case moved on, and then nothing of this copy is used.
   */
  readonly current?: CaseRecord;
}

export interface CaseListRequest extends PageRequest {
  readonly view: CaseView;
  readonly status?: CaseStatus;
}

export interface CaseRepository {
  /**
   * Writes the case, its person keys, its claims and the key's record in one step, or nothing.
   * The key's record is checked first: a concurrent retry of a stored submission is reported as
   * `created: false` with that record, not as a claim conflict.
   * @throws OpenCaseClaimedError when claimOpenCase and another case holds a person key's claim
   */
  create(record: CaseRecord, options: CreateCaseOptions): Promise<CreateCaseResult>;
  get(caseId: string): Promise<CaseRecord | undefined>;
  /** Cases of one view (and status), newest first. */
  list(request: CaseListRequest): Promise<Page<CaseRecord>>;
  /**
   * A change to a status outside OPEN_CASE_STATUSES also deletes the case's open-case claims, in
   * the same transaction; a claim held by another case is left alone.
   * @throws CaseNotFoundError, CaseVersionConflictError
   */
  update(caseId: string, update: CaseUpdate): Promise<CaseRecord>;
  /** Cases filed under any of these (hashed) person keys, each once. */
  findByPersonKeys(personKeys: readonly string[]): Promise<CaseRef[]>;
}
