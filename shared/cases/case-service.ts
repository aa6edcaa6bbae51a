/**
 * Cases as the API and the workflow use them: submission (idempotent on the Idempotency-Key),
 * reading and listing within the caller's scope, and optimistic updates. Eligibility is decided
 * by the rules in shared/eligibility; this service gives them the person's history and keeps the
 * answer, eligible or not.
 */
import { randomBytes } from 'node:crypto';
import { type CaseStatus, OPEN_CASE_STATUSES, type TimelineEntry } from '../contracts/case';
import type { CaseRequest } from '../contracts/case-request';
import type { EligibilityResult } from '../contracts/eligibility-result';
import type { CountryCode } from '../countries';
import { type EligibilityContext, type PersonIdentity, personKeys } from '../eligibility';
import { centsToUsd, sumCents, usdToCents } from '../fund/cents';
import type { CaseListRequest, CaseRepository } from '../ports/case-repository';
import type { IdempotencyRecord, IdempotencyStore } from '../ports/idempotency-store';
import type { Page, PageRequest } from '../ports/page';
import { actorOf, type Principal } from '../roles';
import { assertMaySubmit, assertMayViewCase } from './access';
import {
  CaseNotFoundError,
  CaseVersionConflictError,
  IdempotencyKeyReusedError,
  OpenCaseClaimedError,
} from './case-errors';
import { API_CASE_EVENTS, INELIGIBLE_EVENT } from './case-events';
import type { CaseChanges, CaseRecord, CaseRef } from './case-record';
import { viewForPrincipal } from './case-views';
import { hashPersonKey, requestHash } from './request-hash';

/** The person's earlier cases, for the one-open-case rule and the repeat-return flag. */
export interface PersonHistory {
  /** Cases not yet final: another one makes the new case ineligible. */
  readonly openCases: readonly CaseRef[];
  /** Final cases (closed returns among them are a flag for approvers). */
  readonly previousCases: readonly CaseRef[];
}

export interface SubmitCaseInput {
  readonly principal: Principal;
  /** The parsed, valid request. */
  readonly request: CaseRequest;
  /** The Idempotency-Key header, when sent. */
  readonly idempotencyKey?: string;
  /**
   * Runs the eligibility rules with the person's history (eligibilityHistory(history) gives the
   * rules' context fields). It may run more than once: again after a concurrent submission for
   * the same person won the open-case claim, with that case in the history.
   */
  readonly evaluate: (history: PersonHistory) => EligibilityResult;
}

export interface SubmittedCase {
  readonly caseId: string;
  readonly status: CaseStatus;
  /** False when an earlier submission with the same key and body is answered again. */
  readonly created: boolean;
}

export interface CaseServiceOptions {
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** @default RET- and 10 random Crockford base32 characters */
  readonly newCaseId?: () => string;
  /** How long an Idempotency-Key holds. @default 86400 (24 h) */
  readonly idempotencyTtlSeconds?: number;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A new case id: `RET-` and 10 random base32 characters (50 bits), readable over the phone. */
export function newCaseId(): string {
  return `RET-${[...randomBytes(10)].map((byte) => CROCKFORD[byte % 32]).join('')}`;
}

/** The person's history split by the open statuses of the contracts. */
export function personHistory(refs: readonly CaseRef[]): PersonHistory {
  return {
    openCases: refs.filter((ref) => OPEN_CASE_STATUSES.includes(ref.status)),
    previousCases: refs.filter((ref) => !OPEN_CASE_STATUSES.includes(ref.status)),
  };
}

/** The history as the eligibility rules count it: a completed return is a CLOSED case. */
export function eligibilityHistory(
  history: PersonHistory,
): Pick<EligibilityContext, 'openCasesForPerson' | 'previousCompletedReturns'> {
  return {
    openCasesForPerson: history.openCases.length,
    previousCompletedReturns: history.previousCases.filter((ref) => ref.status === 'CLOSED').length,
  };
}

/** The person's match keys (shared/eligibility), hashed as the repository stores them. */
function hashedPersonKeys(migrant: PersonIdentity): string[] {
  return [...new Set(personKeys(migrant).map(hashPersonKey))];
}

/** Refs by case id, the later list winning (it was read later). */
function mergeRefs(...lists: (readonly CaseRef[])[]): CaseRef[] {
  const byId = new Map<string, CaseRef>();
  for (const list of lists) for (const ref of list) byId.set(ref.caseId, ref);
  return [...byId.values()];
}

/** Rounds of evaluate-and-write when concurrent submissions keep taking and releasing the claim. */
const MAX_CLAIM_ROUNDS = 5;

export class CaseService {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly ttlSeconds: number;

  constructor(
    private readonly cases: CaseRepository,
    private readonly idempotency: IdempotencyStore,
    options: CaseServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.newId = options.newCaseId ?? newCaseId;
    this.ttlSeconds = options.idempotencyTtlSeconds ?? 86_400;
  }

  /**
   * Submits a case. With an Idempotency-Key, a retry (same key, same body) answers the original
   * case, and concurrent retries create exactly one: the key's record is written in the case's
   * own transaction, and the repository reports a key already in use, which this service judges
   * (answerKeyInUse). An ineligible case is kept, status INELIGIBLE, with its reasons. The person
   * keys come from shared/eligibility's personKeys(request.migrant); an eligible case claims them
   * in its transaction, so of concurrent submissions for one person exactly one stays open and
   * the others are re-evaluated (and kept) as INELIGIBLE.
   * @throws ForbiddenError (not the nationality's consular officer), IdempotencyKeyReusedError (409),
   * OpenCaseClaimedError (409, only if the claim keeps changing hands for MAX_CLAIM_ROUNDS rounds)
   */
  async submit(input: SubmitCaseInput): Promise<SubmittedCase> {
    assertMaySubmit(input.principal, input.request);
    const now = this.now();
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const bodyHash = requestHash(input.request);
    const scope = input.principal.subject;
    if (input.idempotencyKey) {
      // Cheap early answer for a plain retry; the repository's atomic write is what makes it race-free.
      const existing = await this.idempotency.find(scope, input.idempotencyKey, nowSeconds);
      if (existing) return this.answerKeyInUse(existing, bodyHash);
    }

    const hashedKeys = hashedPersonKeys(input.request.migrant);
    const at = now.toISOString();
    const caseId = this.newId();
    const idempotency = input.idempotencyKey
      ? {
          scope,
          key: input.idempotencyKey,
          requestHash: bodyHash,
          createdAt: at,
          expiresAt: nowSeconds + this.ttlSeconds,
        }
      : undefined;
    // Cases that won the claim against this one, in case the re-read does not show them yet.
    let claimHolders: readonly CaseRef[] = [];
    for (let round = 1; ; round++) {
      const history = personHistory(mergeRefs(claimHolders, await this.cases.findByPersonKeys(hashedKeys)));
      const eligibility = input.evaluate(history);
      const record = this.newRecord(input, caseId, at, eligibility);
      try {
        const result = await this.cases.create(record, {
          personKeys: hashedKeys,
          // Claim only what the rules just checked: with the open-case rule switched off a case
          // may be eligible beside an open one, and must not then wait forever for its claim.
          claimOpenCase: eligibility.eligible && history.openCases.length === 0,
          ...(idempotency ? { idempotency } : {}),
        });
        if (result.created) return { caseId, status: record.status, created: true };
        return this.answerKeyInUse(result.existing, bodyHash);
      } catch (error) {
        // Another submission for the person was written between our read and our write: evaluate
        // again, now seeing it, so this case is kept (INELIGIBLE) rather than lost or duplicated.
        if (!(error instanceof OpenCaseClaimedError) || round >= MAX_CLAIM_ROUNDS) throw error;
        claimHolders = error.openCases;
      }
    }
  }

  private newRecord(
    input: SubmitCaseInput,
    caseId: string,
    at: string,
    eligibility: EligibilityResult,
  ): CaseRecord {
    const status: CaseStatus = eligibility.eligible
      ? API_CASE_EVENTS.submitted.status
      : API_CASE_EVENTS[INELIGIBLE_EVENT].status;
    const { principal, request } = input;
    const submittedBy = actorOf(principal);
    const timeline: TimelineEntry[] = [
      {
        at,
        event: 'submitted',
        es: 'Solicitud presentada.',
        en: 'Request submitted.',
        actor: submittedBy,
        status: API_CASE_EVENTS.submitted.status,
      },
      eligibility.eligible
        ? {
            at,
            event: 'eligible',
            es: 'La solicitud cumple los criterios.',
            en: 'The request meets the criteria.',
            status,
          }
        : {
            at,
            event: INELIGIBLE_EVENT,
            es: `No elegible: ${eligibility.reasons.map((r) => r.es).join(' ')}`,
            en: `Not eligible: ${eligibility.reasons.map((r) => r.en).join(' ')}`,
            status,
          },
    ];
    const requestedCents = sumCents(Object.values(request.costs).map((amount) => usdToCents(amount)));
    const record: CaseRecord = {
      caseId,
      status,
      request,
      submittedBy,
      nationality: request.migrant.nationality,
      locationCountry: request.location.country,
      returnCountry: request.returnTo.country,
      transitCountries: request.route.transitCountries as CountryCode[],
      eligibility,
      amounts: { requestedUsd: centsToUsd(requestedCents), reservedUsd: 0, disbursedUsd: 0, currency: 'USD' },
      approvals: [],
      checkIns: [],
      timeline,
      createdAt: at,
      updatedAt: at,
      version: 1,
    };
    return record;
  }

  /** A case the principal may see. @throws CaseNotFoundError (absent or out of scope) */
  async get(caseId: string, principal: Principal): Promise<CaseRecord> {
    const record = await this.cases.get(caseId);
    if (!record) throw new CaseNotFoundError(`case ${caseId} not found`);
    assertMayViewCase(principal, record);
    return record;
  }

  /** A case for the workflow's own steps (no principal). @throws CaseNotFoundError */
  async getForSystem(caseId: string): Promise<CaseRecord> {
    const record = await this.cases.get(caseId);
    if (!record) throw new CaseNotFoundError(`case ${caseId} not found`);
    return record;
  }

  /** Every case in a status, newest first, for the system's own repairs (never answered as it is). */
  listForSystem(status: CaseStatus, page: PageRequest = {}): Promise<Page<CaseRecord>> {
    return this.cases.list({ view: 'all', status, ...page });
  }

  /**
   * The principal's cases, newest first, optionally narrowed to a status and (for regional roles)
   * a country. @throws ForbiddenError when a country role asks for another country
   */
  async list(
    principal: Principal,
    filter: { readonly status?: CaseStatus; readonly country?: CountryCode } & PageRequest = {},
  ): Promise<Page<CaseRecord>> {
    const request: CaseListRequest = {
      view: viewForPrincipal(principal, filter.country),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.limit ? { limit: filter.limit } : {}),
      ...(filter.cursor ? { cursor: filter.cursor } : {}),
    };
    return this.cases.list(request);
  }

  /** The person's cases (matched by shared/eligibility's person keys), split open/previous. */
  async historyOf(migrant: PersonIdentity): Promise<PersonHistory> {
    return personHistory(await this.cases.findByPersonKeys(hashedPersonKeys(migrant)));
  }

  /**
   * Changes a case with optimistic locking: reads it, asks `change` what to write, writes it if
   * nobody else did in between, and otherwise starts again (up to `maxAttempts`).
   * @param read the case as the caller has just read it, so the first attempt need not read it
   *   again; a conflict re-reads it
   * @throws CaseNotFoundError, CaseVersionConflictError (after maxAttempts)
   */
  async mutate(
    caseId: string,
    change: (current: CaseRecord) => {
      readonly changes?: CaseChanges;
      readonly timeline?: readonly TimelineEntry[];
    },
    { read, maxAttempts = 5 }: { readonly read?: CaseRecord; readonly maxAttempts?: number } = {},
  ): Promise<CaseRecord> {
    for (let attempt = 1; ; attempt++) {
      const current = attempt === 1 && read ? read : await this.getForSystem(caseId);
      const { changes, timeline } = change(current);
      try {
        return await this.cases.update(caseId, {
          expectedVersion: current.version,
          current,
          at: this.now().toISOString(),
          ...(changes ? { changes } : {}),
          ...(timeline ? { timeline } : {}),
        });
      } catch (error) {
        if (!(error instanceof CaseVersionConflictError) || attempt >= maxAttempts) throw error;
      }
    }
  }

  /**
   * Moves a case to a status, if it is still at the version read.
   * @throws CaseNotFoundError, CaseVersionConflictError
   */
  updateStatus(
    caseId: string,
    expectedVersion: number,
    status: CaseStatus,
    entry: Omit<TimelineEntry, 'at' | 'status'>,
  ): Promise<CaseRecord> {
    const at = this.now().toISOString();
    return this.cases.update(caseId, {
      expectedVersion,
      at,
      changes: { status },
      timeline: [{ ...entry, at, status }],
    });
  }

  /**
   * The one judgement of an Idempotency-Key already in use, whether it was found before writing
   * or reported by the repository's write: the same body is a retry, answered with the original
   * case; another body is a reuse of the key, refused.
   * @throws IdempotencyKeyReusedError (409)
   */
  private async answerKeyInUse(existing: IdempotencyRecord, bodyHash: string): Promise<SubmittedCase> {
    if (existing.requestHash !== bodyHash) {
      throw new IdempotencyKeyReusedError('this Idempotency-Key was already used with another request body');
    }
    const record = await this.cases.get(existing.caseId);
    if (!record) throw new CaseNotFoundError(`case ${existing.caseId} not found`);
    return { caseId: existing.caseId, status: record.status, created: false };
  }
}
