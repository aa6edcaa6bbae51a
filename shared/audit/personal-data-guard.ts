/**
 * Keeps personal data out of the audit log: the log is kept forever and read by auditors, so its
 * details carry ids and codes, never names, dates of birth, documents or notes. This is a
 * denylist of the request's personal fields, checked at any depth; it catches mistakes, it does
 * not replace review.
 */

/** Field names of the case request that hold personal data. */
export const PERSONAL_FIELDS: ReadonlySet<string> = new Set([
  'migrant',
  'givenNames',
  'familyNames',
  'dateOfBirth',
  'documentNumber',
  'displayName',
  'name',
  'phone',
  'email',
  'address',
  'notes',
  'circumstances',
  'submitterNotes',
  'guardian',
  'receivingContact',
  'contact',
  'request',
]);

/** Thrown when an audit entry's details would carry personal data. */
export class PersonalDataInAuditError extends Error {
  override readonly name = 'PersonalDataInAuditError';
}

/** Throws PersonalDataInAuditError if any key, at any depth, names a personal field. */
export function assertNoPersonalData(details: unknown, path = 'details'): void {
  if (Array.isArray(details)) {
    for (const [index, item] of details.entries()) assertNoPersonalData(item, `${path}[${index}]`);
    return;
  }
  if (typeof details !== 'object' || details === null) return;
  for (const [key, value] of Object.entries(details)) {
    if (PERSONAL_FIELDS.has(key)) {
      throw new PersonalDataInAuditError(`${path}.${key} would put personal data in the audit log`);
    }
    assertNoPersonalData(value, `${path}.${key}`);
  }
}
