/**
 * Disclosure by need to know: what of a case each person sees follows their part in that case, not
 * their role in general (docs/domain.md, "Data protection: who sees what", holds the same table
 * for readers, and a test reads it from there and checks every row against what the API answers).
 *   full           the consulate of the nationality, the Secretariat, the auditor: everything
 *   exit           the authority of the country the person is in: identity, documents, location,
 *                  route, travel needs, child yes/no
 *   transit        the authority of a country the route crosses: identity, documents, route and
 *                  travel dates, escort yes/no, child yes/no
 *   reception      the authority of the country of return: identity, documents, itinerary, escort,
 *                  reception needs, who receives them, and for a child the best-interests
 *                  determination and the guardian
 *   reintegration  the return country's reintegration officer: identity, home address, receiving
 *                  contact, reception needs, how to reach the person, the check-ins
 *   operations     what booking travel needs
 *   none           no personal data
 * Vulnerability categories, circumstances, medical and protection details and free-text notes go
 * only to `full`. An authority sees a case at all only with the person's consent to share with its
 * country (visibility.ts). Every answer with a profile other than `none` is recorded with
 * AuditTrail.recordPersonalDataRead before it is answered.
 */
import { DISCLOSURE_PROFILES, type DisclosureProfile } from '../contracts/case';
import type { CaseRequest } from '../contracts/case-request';
import type { CountryCode } from '../countries';
import type { Principal } from '../roles';
import type { CaseRecord } from './case-record';
import { mayViewCase } from './visibility';

export { DISCLOSURE_PROFILES, type DisclosureProfile };

type Seen = readonly Exclude<DisclosureProfile, 'none'>[];
const EVERYONE: Seen = ['full', 'exit', 'transit', 'reception', 'reintegration', 'operations'];
const FULL: Seen = ['full'];
const TRAVEL: Seen = ['full', 'exit', 'transit', 'reception', 'operations'];

/**
 * Which profiles see each part of the request (a path into CaseRequest; a path that names an
 * object covers all of it). A field missing here is seen by `full` alone.
 */
export const REQUEST_DISCLOSURE = {
  'migrant.givenNames': EVERYONE,
  'migrant.familyNames': EVERYONE,
  'migrant.dateOfBirth': EVERYONE,
  'migrant.sex': EVERYONE,
  'migrant.nationality': EVERYONE,
  'migrant.documentType': TRAVEL,
  'migrant.documentNumber': TRAVEL,
  'location.country': ['full', 'exit', 'operations'],
  'location.city': ['full', 'exit', 'operations'],
  'location.facility': ['full', 'exit', 'operations'],
  'returnTo.country': EVERYONE,
  'returnTo.city': EVERYONE,
  'returnTo.address': ['full', 'reintegration'],
  'returnTo.receivingContact': ['full', 'reception', 'reintegration'],
  'route.mode': TRAVEL,
  'route.transitCountries': TRAVEL,
  'route.earliestDeparture': TRAVEL,
  vulnerabilities: FULL,
  'needs.escort': EVERYONE,
  'needs.medicalEscort': ['full', 'exit', 'reception', 'reintegration', 'operations'],
  'needs.wheelchair': ['full', 'exit', 'reception', 'reintegration', 'operations'],
  'needs.notes': FULL,
  consent: FULL,
  'child.bestInterestsDetermination': ['full', 'reception'],
  'child.guardian': ['full', 'reception', 'reintegration'],
  costs: FULL,
  circumstances: FULL,
  // The reintegration officer's check-ins start by reaching the person; operations tells them the itinerary.
  contact: ['full', 'reintegration', 'operations'],
  submitterNotes: FULL,
} as const satisfies Record<string, Seen>;

/** Which profiles see each part of a case beyond its request. */
export const CASE_DISCLOSURE = {
  /** "Given Family" in the case's detail. */
  displayName: EVERYONE,
  /** Under 18 on the submission date. */
  isChild: EVERYONE,
  /** Why a case is not eligible, the age, and every flag for approvers. */
  'eligibility.details': FULL,
  /** The repeat-return flag: the approvers and the reintegration plan weigh it. */
  'eligibility.repeatReturn': ['full', 'exit', 'transit', 'reception', 'reintegration'],
  /** The timeline's sentences that give the eligibility reasons (they may quote the age or a category). */
  'timeline.reasons': FULL,
  /** A country's comment on its own decision. */
  'approvals.ownComment': ['full', 'exit', 'transit', 'reception'],
  /** Every other decider's comment. */
  'approvals.comments': FULL,
  /** A check-in's findings (contact, housing, work, health, support, intention to migrate again) and notes. */
  'checkIns.findings': ['full', 'reintegration'],
  /** Provider, reference, departure and arrival, the legs and the escort's seat. */
  'booking.itinerary': TRAVEL,
  /** What the travel cost and why a booking failed. */
  'booking.cost': ['full', 'operations'],
  /** The person's reason for withdrawing, in the officer's words. */
  'withdrawal.reason': FULL,
  /**
   * A FAILED case's error name and time, and the error named in the timeline's sentence. Nothing
   * about the person, but review material: the Secretariat reviews every failure, the auditor checks
   * the review, and the consulate, which answers to the person, learns what stopped their return.
   * Operations, because a failure voids the booking it made or was asked to make (a manual one is
   * its to cancel with the seller) and `ManualBookingExpired` is its own task running out. The
   * countries' authorities and the reintegration officer need only that the case stopped, which the
   * status says: their part (an approval, a reception, a follow-up) does not go on either way.
   */
  failure: ['full', 'operations'],
  /**
   * A CLOSED case's summary: check-ins done, how many reached the person, the last answer on
   * migrating again. Counted from the check-ins' findings, so seen where the findings are: the
   * consulate, the Secretariat and the auditor, and the reintegration officer who recorded them.
   * The exit and transit countries' part ended at departure; the reception authority received the
   * person, and how they fare after is the reintegration officer's to record, not its to read.
   */
  reintegration: ['full', 'reintegration'],
} as const satisfies Record<string, Seen>;

export type CaseDisclosureItem = keyof typeof CASE_DISCLOSURE;

/** True when the profile sees this part of a case. */
export function sees(profile: DisclosureProfile, item: CaseDisclosureItem): boolean {
  return (CASE_DISCLOSURE[item] as readonly DisclosureProfile[]).includes(profile);
}

/** The principal's part in the case, as far as their country goes (an authority's). */
function authorityPart(country: CountryCode | undefined, record: CaseRecord): DisclosureProfile {
  if (country === record.locationCountry) return 'exit';
  if (country === record.returnCountry) return 'reception';
  if (country !== undefined && record.transitCountries.includes(country)) return 'transit';
  return 'none';
}

/** The profile the principal gets for this case. */
export function disclosureProfile(principal: Principal, record: CaseRecord): DisclosureProfile {
  if (!mayViewCase(principal, record)) return 'none';
  switch (principal.role) {
    case 'consular':
    case 'secretariat':
    case 'auditor':
      return 'full';
    case 'operations':
      return 'operations';
    case 'authority':
      return authorityPart(principal.country, record);
    case 'reintegration':
      return 'reintegration';
  }
}

/** True when answering this profile discloses personal data (and so must be audited). */
export function disclosesPersonalData(profile: DisclosureProfile): boolean {
  return profile !== 'none';
}

function valueAt(source: unknown, path: readonly string[]): unknown {
  let value = source;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}

/** The request cut down to what the profile sees (undefined for `none`). */
export function requestFor(
  profile: DisclosureProfile,
  request: CaseRequest,
): Partial<CaseRequest> | undefined {
  if (profile === 'none') return undefined;
  if (profile === 'full') return request;
  const seen: Record<string, unknown> = {};
  for (const [path, profiles] of Object.entries(REQUEST_DISCLOSURE)) {
    if (!(profiles as readonly DisclosureProfile[]).includes(profile)) continue;
    const keys = path.split('.');
    const value = valueAt(request, keys);
    if (value !== undefined) setAt(seen, keys, value);
  }
  return seen as Partial<CaseRequest>;
}
