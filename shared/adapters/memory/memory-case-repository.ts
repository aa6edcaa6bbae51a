/**
 * Cases in memory, with the DynamoDB adapter's semantics: a submission writes the case, its
 * person keys, its open-case claims and its idempotency record together or not at all (the key's
 * record checked first); updates are optimistic on the version; leaving the open statuses
 * releases the case's own claims. Every check and write of one call runs without an await in
 * between, so concurrent calls cannot interleave inside one.
 */

import { CaseNotFoundError, CaseVersionConflictError, OpenCaseClaimedError } from '../../cases/case-errors';
import type { CaseRecord, CaseRef } from '../../cases/case-record';
import { type CaseView, viewsOfCase } from '../../cases/case-views';
import { type CaseStatus, OPEN_CASE_STATUSES } from '../../contracts/case';
import type {
  CaseListRequest,
  CaseRepository,
  CaseUpdate,
  CreateCaseOptions,
  CreateCaseResult,
} from '../../ports/case-repository';
import { holdsKey } from '../../ports/idempotency-store';
import type { Page } from '../../ports/page';
import { copy } from './copy';
import { type IdempotencyRecords, idempotencyRecordKey } from './memory-idempotency-store';
import { pageOf } from './memory-page';

interface StoredCase {
  record: CaseRecord;
  readonly views: readonly CaseView[];
  /** The hashed person keys whose claims this case took. */
  openClaims: readonly string[];
}

const isOpen = (status: CaseStatus) => OPEN_CASE_STATUSES.includes(status);
const refOf = ({ caseId, status, createdAt }: CaseRecord): CaseRef => ({ caseId, status, createdAt });

export class MemoryCaseRepository implements CaseRepository {
  private readonly cases = new Map<string, StoredCase>();
  /** Hashed person key → the cases filed under it. */
  private readonly byPerson = new Map<string, Set<string>>();
  /** Hashed person key → the open case that claims it. */
  private readonly claims = new Map<string, string>();

  /** @param idempotency the records a MemoryIdempotencyStore reads (shared, like one table) */
  constructor(private readonly idempotency: IdempotencyRecords = new Map()) {}

  async create(record: CaseRecord, options: CreateCaseOptions): Promise<CreateCaseResult> {
    const idem = options.idempotency;
    if (idem) {
      const existing = this.idempotency.get(idempotencyRecordKey(idem.scope, idem.key));
      // An expired record no longer holds the key.
      const nowSeconds = Math.floor(Date.parse(record.createdAt) / 1000);
      if (holdsKey(existing, nowSeconds)) return { created: false, existing: copy(existing) };
    }
    if (this.cases.has(record.caseId)) throw new Error(`case ${record.caseId} already exists`);
    const personKeys = [...new Set(options.personKeys)];
    const claims = options.claimOpenCase && isOpen(record.status) ? personKeys : [];
    if (claims.some((key) => this.claims.has(key))) {
      throw new OpenCaseClaimedError(
        'another open case of the same person holds the claim',
        this.claimHolders(claims, record.caseId),
      );
    }
    if (idem) {
      this.idempotency.set(idempotencyRecordKey(idem.scope, idem.key), {
        ...copy(idem),
        caseId: record.caseId,
      });
    }
    this.cases.set(record.caseId, {
      record: copy(record),
      views: viewsOfCase(record),
      openClaims: claims,
    });
    for (const key of personKeys) {
      const filed = this.byPerson.get(key) ?? new Set();
      this.byPerson.set(key, filed.add(record.caseId));
    }
    for (const key of claims) this.claims.set(key, record.caseId);
    return { created: true, caseId: record.caseId };
  }

  async get(caseId: string): Promise<CaseRecord | undefined> {
    const stored = this.cases.get(caseId);
    return stored ? copy(stored.record) : undefined;
  }

  async list(request: CaseListRequest): Promise<Page<CaseRecord>> {
    const partition = request.status ? `view#${request.view}#${request.status}` : `view#${request.view}`;
    const entries = [...this.cases.values()]
      .filter(
        ({ record, views }) =>
          views.includes(request.view) && (!request.status || record.status === request.status),
      )
      .map(({ record }) => ({ sortKey: `${record.createdAt}#${record.caseId}`, item: record }));
    return pageOf(partition, entries, 'descending', request);
  }

  async update(caseId: string, update: CaseUpdate): Promise<CaseRecord> {
    const stored = this.cases.get(caseId);
    if (!stored) throw new CaseNotFoundError(`case ${caseId} not found`);
    const current = stored.record;
    if (current.version !== update.expectedVersion) {
      throw new CaseVersionConflictError(
        `case ${caseId} is at version ${current.version}, not ${update.expectedVersion}`,
      );
    }
    // An undefined change writes nothing, as the DynamoDB adapter skips it.
    const changes = Object.fromEntries(
      Object.entries(update.changes ?? {}).filter(([, value]) => value !== undefined),
    );
    const next: CaseRecord = {
      ...current,
      ...copy(changes),
      timeline: [...current.timeline, ...copy(update.timeline ?? [])],
      updatedAt: update.at,
      version: current.version + 1,
    };
    if (!isOpen(next.status)) {
      // Only this case's own claims go; one that another case holds now is left alone.
      for (const key of stored.openClaims) if (this.claims.get(key) === caseId) this.claims.delete(key);
      stored.openClaims = [];
    }
    stored.record = next;
    return copy(next);
  }

  async findByPersonKeys(personKeys: readonly string[]): Promise<CaseRef[]> {
    const caseIds = new Set(personKeys.flatMap((key) => [...(this.byPerson.get(key) ?? [])]));
    return [...caseIds].flatMap((caseId) => {
      const stored = this.cases.get(caseId);
      return stored ? [refOf(stored.record)] : [];
    });
  }

  /** The open cases (other than `caseId`) that hold any of these claims now. */
  private claimHolders(claims: readonly string[], caseId: string): CaseRef[] {
    const holders = new Set(
      claims.map((key) => this.claims.get(key)).filter((id) => id !== undefined && id !== caseId),
    );
    return [...holders].flatMap((id) => {
      const record = id ? this.cases.get(id)?.record : undefined;
      return record && isOpen(record.status) ? [refOf(record)] : [];
    });
  }
}
