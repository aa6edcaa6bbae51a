/**
 * "Is this the same person?" keys. Consulates type names with and without accents, in any case,
 * with stray spaces; documents with and without dashes. The keys normalise all of that so the
 * repository can find another open case (or a previous return) of the same person with exact
 * lookups.
 */
import type { Migrant } from '../contracts/case-request';

/** Lower-case, without diacritics (NFD, marks stripped), punctuation as spaces, spaces collapsed. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Upper-case letters and digits only, so "0801-2010-01234" and "0801 2010 01234" match. */
export function normaliseDocumentNumber(documentNumber: string): string {
  return documentNumber
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
}

/** The fields the keys are built from. */
export type PersonIdentity = Pick<Migrant, 'givenNames' | 'familyNames' | 'dateOfBirth'> &
  Partial<Pick<Migrant, 'documentType' | 'documentNumber' | 'nationality'>>;

/**
 * The matching keys of a person: `doc#<nationality>#<type>#<NUMBER>` when a document is known
 * (the issuing country keeps two countries' equal numbers apart), and always
 * `name#<given>#<family>#<date of birth>`. Two requests are the same person when any key matches.
 */
export function personKeys(migrant: PersonIdentity): string[] {
  const keys: string[] = [];
  if (migrant.documentNumber) {
    const number = normaliseDocumentNumber(migrant.documentNumber);
    if (number)
      keys.push(`doc#${migrant.nationality ?? 'XX'}#${migrant.documentType ?? 'unknown'}#${number}`);
  }
  keys.push(
    `name#${normaliseName(migrant.givenNames)}#${normaliseName(migrant.familyNames)}#${migrant.dateOfBirth}`,
  );
  return keys;
}
