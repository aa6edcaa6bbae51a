/**
 * Disclosure profiles: how much of a case's personal data each role sees (docs/architecture.md, data
 * protection). Kept deliberately simple:
 *   full            consular officer of the nationality, Secretariat, auditor: everything.
 *   operations      what booking travel needs: identity, documents, where from and to, route,
 *                   travel needs (escort, wheelchair) and how to reach the person. No notes.
 *   authority       what receiving or letting the person leave needs: identity, location, return
 *                   address, route, travel needs, consent and costs. Never the circumstances,
 *                   medical notes or submitter notes. The child's best-interests determination
 *                   and guardian only for the return country (its child-protection authority
 *                   receives the child).
 *   reintegration   what a check-in needs: identity, home address and receiving contact, contact,
 *                   travel needs, and the child's guardian.
 *   none            no personal data: an authority of a country the migrant did not consent to
 *                   share data with, or anyone who may not see the case.
 * Every answer with a profile other than `none` must be recorded with
 * AuditTrail.recordPersonalDataRead.
 */
import type { CaseRequest } from '../contracts/case-request';
import type { Principal } from '../roles';
import type { CaseRecord } from './case-record';
import { mayViewCase } from './visibility';

export type DisclosureProfile = 'full' | 'operations' | 'authority' | 'reintegration' | 'none';

/** A case as one principal may see it: the request cut down to its profile. */
export type RedactedCase = Omit<CaseRecord, 'request'> & {
  readonly request?: Partial<CaseRequest>;
  readonly disclosure: DisclosureProfile;
};

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
    case 'authority': {
      const country = principal.country;
      // Sharing with a third country needs the migrant's recorded consent to that transfer.
      const consented =
        country === record.nationality ||
        (country !== undefined && record.request.consent.dataTransferConsent.includes(country));
      return consented ? 'authority' : 'none';
    }
    case 'reintegration':
      return 'reintegration';
  }
}

/** Travel needs without the free-text notes, which may describe health. */
function travelNeeds(request: CaseRequest): CaseRequest['needs'] {
  const { notes: _notes, ...needs } = request.needs;
  return needs;
}

function requestFor(
  profile: DisclosureProfile,
  request: CaseRequest,
  principal: Principal,
): Partial<CaseRequest> | undefined {
  switch (profile) {
    case 'full':
      return request;
    case 'none':
      return undefined;
    case 'operations':
      return {
        migrant: request.migrant,
        location: request.location,
        returnTo: { country: request.returnTo.country, city: request.returnTo.city },
        route: request.route,
        needs: travelNeeds(request),
        ...(request.contact ? { contact: request.contact } : {}),
      };
    case 'authority': {
      const isReturnCountry = principal.country === request.returnTo.country;
      return {
        migrant: request.migrant,
        location: request.location,
        returnTo: isReturnCountry
          ? request.returnTo
          : { country: request.returnTo.country, city: request.returnTo.city },
        route: request.route,
        vulnerabilities: request.vulnerabilities,
        needs: travelNeeds(request),
        consent: request.consent,
        costs: request.costs,
        ...(request.child && isReturnCountry ? { child: request.child } : {}),
      };
    }
    case 'reintegration':
      return {
        migrant: request.migrant,
        returnTo: request.returnTo,
        vulnerabilities: request.vulnerabilities,
        needs: travelNeeds(request),
        ...(request.contact ? { contact: request.contact } : {}),
        ...(request.child?.guardian
          ? {
              child: {
                bestInterestsDetermination: request.child.bestInterestsDetermination,
                guardian: request.child.guardian,
              },
            }
          : {}),
      };
  }
}

/**
 * The case cut down to what the principal may see. Callers check mayViewCase first (a `none`
 * answer still carries the case's non-personal facts: status, countries, money, timeline).
 */
export function redactCase(record: CaseRecord, principal: Principal): RedactedCase {
  const disclosure = disclosureProfile(principal, record);
  const { request, ...rest } = record;
  const visible = requestFor(disclosure, request, principal);
  return { ...rest, ...(visible ? { request: visible } : {}), disclosure };
}

/** True when answering this profile discloses personal data (and so must be audited). */
export function disclosesPersonalData(profile: DisclosureProfile): boolean {
  return profile !== 'none';
}
