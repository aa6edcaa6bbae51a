/** The port where cases live. */

import type { CaseChanges, CaseRecord, CaseRef } from '../cases/case-record';
import type { CaseView } from '../cases/case-views';
import type { CaseStatus, TimelineEntry } from '../contracts/case';
import type { IdempotencyRecord } from './idempotency-store';
import type { Page, PageRequest } from './page';

export interface CreateCaseOptions {
  /** Person keys (already hashed) under which the case can be found by person. */
  readonly personKeys: readonly string[];
  /** Written in the same transaction: a second submission with the key cannot create a case. */
  readonly idempotency?: Omit<IdempotencyRecord, 'caseId'>;
}

export type CreateCaseResult =
  | { readonly created: true; readonly caseId: string }
  /** The idempotency key had already created this case with the same body. */
  | { readonly created: false; readonly caseId: string };

export interface CaseUpdate {
  /** The version read; the update fails if the case moved on. */
  readonly expectedVersion: number;
  readonly at: string;
  readonly changes?: CaseChanges;
  /** Appended to the timeline. */
  readonly timeline?: readonly TimelineEntry[];
}

export interface CaseListRequest extends PageRequest {
  readonly view: CaseView;
  readonly status?: CaseStatus;
}

export interface CaseRepository {
  /** @throws IdempotencyKeyReusedError when the key was used with another body */
  create(record: CaseRecord, options: CreateCaseOptions): Promise<CreateCaseResult>;
  get(caseId: string): Promise<CaseRecord | undefined>;
  /** Cases of one view (and status), newest first. */
  list(request: CaseListRequest): Promise<Page<CaseRecord>>;
  /** @throws CaseNotFoundError, CaseVersionConflictError */
  update(caseId: string, update: CaseUpdate): Promise<CaseRecord>;
  /** Cases filed under any of these (hashed) person keys, each once. */
  findByPersonKeys(personKeys: readonly string[]): Promise<CaseRef[]>;
}
