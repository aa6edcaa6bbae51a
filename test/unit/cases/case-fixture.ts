import type { CaseRecord } from '../../../shared/cases/case-record';
import type { CaseRequest } from '../../../shared/contracts/case-request';

/** A Honduran woman stranded in Mexico, going home overland through Guatemala. */
export function caseRequest(overrides: Partial<CaseRequest> = {}): CaseRequest {
  return {
    migrant: {
      givenNames: 'María José',
      familyNames: 'López Hernández',
      dateOfBirth: '1990-03-14',
      sex: 'female',
      nationality: 'HN',
      documentType: 'passport',
      documentNumber: 'E1234567',
    },
    location: { country: 'MX', city: 'Tapachula' },
    returnTo: { country: 'HN', city: 'San Pedro Sula', address: 'Colonia Centro 12' },
    route: { mode: 'land', transitCountries: ['GT'] },
    vulnerabilities: ['violence_victim'],
    needs: { escort: false, medicalEscort: false, wheelchair: false, notes: 'needs trauma counselling' },
    consent: { informedConsent: true, consentDate: '2024-04-30', dataTransferConsent: ['MX', 'GT', 'HN'] },
    costs: { transport: 120.5, escort: 0, lodging: 60, food: 30.25, documents: 0, medical: 0, other: 0 },
    circumstances: 'left an abusive situation',
    ...overrides,
  };
}

export function caseRecord(overrides: Partial<CaseRecord> = {}): CaseRecord {
  const request = overrides.request ?? caseRequest();
  return {
    caseId: 'RET-TEST',
    status: 'AWAITING_APPROVALS',
    request,
    submittedBy: { subject: 'consul-hn', username: 'consul.hn', role: 'consular', country: 'HN' },
    nationality: request.migrant.nationality,
    locationCountry: request.location.country,
    returnCountry: request.returnTo.country,
    transitCountries: request.route.transitCountries,
    amounts: { requestedUsd: 210.75, reservedUsd: 210.75, disbursedUsd: 0, currency: 'USD' },
    approvals: [],
    checkIns: [],
    timeline: [],
    createdAt: '2024-05-01T00:00:00.000Z',
    updatedAt: '2024-05-01T00:00:00.000Z',
    version: 1,
    ...overrides,
  };
}
