/**
 * A case as stored: the request with its personal data, who submitted it, its countries (for the
 * listings of each audience), eligibility, money, approvals, booking, check-ins, the readable
 * timeline, and a version for optimistic locking. Only the cases table holds it.
 */
import type {
  Approval,
  Booking,
  CaseAmounts,
  CaseFailure,
  CaseStatus,
  CheckIn,
  ReintegrationSummary,
  TimelineEntry,
} from '../contracts/case';
import type { CaseRequest } from '../contracts/case-request';
import type { EligibilityResult } from '../contracts/eligibility-result';
import type { CountryCode } from '../countries';
import type { Role } from '../roles';

/** The submitting officer, as recorded on the case. */
export interface CaseSubmitter {
  readonly subject: string;
  readonly username: string;
  readonly role: Role;
  readonly country?: CountryCode;
}

export interface CaseWithdrawal {
  readonly reason: string;
  readonly at: string;
  readonly by: CaseSubmitter;
}

export interface CaseRecord {
  readonly caseId: string;
  readonly status: CaseStatus;
  /** The request as submitted: personal data. */
  readonly request: CaseRequest;
  readonly submittedBy: CaseSubmitter;
  readonly nationality: CountryCode;
  readonly locationCountry: CountryCode;
  readonly returnCountry: CountryCode;
  readonly transitCountries: readonly CountryCode[];
  readonly eligibility?: EligibilityResult;
  readonly amounts: CaseAmounts;
  readonly approvals: readonly Approval[];
  readonly booking?: Booking;
  readonly checkIns: readonly CheckIn[];
  readonly timeline: readonly TimelineEntry[];
  readonly withdrawal?: CaseWithdrawal;
  /** Why the workflow could not finish the case (FAILED), as error names. */
  readonly failure?: CaseFailure;
  /** Written when the last check-in is done (CLOSED). */
  readonly reintegration?: ReintegrationSummary;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Starts at 1; every update adds 1 and must name the version it read. */
  readonly version: number;
}

/** Fields an update may replace (the rest are fixed at submission or kept by the repository). */
export type CaseChanges = Partial<
  Pick<
    CaseRecord,
    | 'status'
    | 'eligibility'
    | 'amounts'
    | 'approvals'
    | 'booking'
    | 'checkIns'
    | 'withdrawal'
    | 'failure'
    | 'reintegration'
  >
>;

/** What the person-match and listing queries answer about a case without reading it whole. */
export interface CaseRef {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly createdAt: string;
}

/** Every country a case concerns: where the person is, the transit countries, and home. */
export function concernedCountries(
  record: Pick<CaseRecord, 'locationCountry' | 'transitCountries' | 'returnCountry'>,
): CountryCode[] {
  return [...new Set([record.locationCountry, ...record.transitCountries, record.returnCountry])];
}
