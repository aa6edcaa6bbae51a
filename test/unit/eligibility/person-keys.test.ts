import { normaliseDocumentNumber, normaliseName, personKeys } from '../../../shared/eligibility';

const base = {
  givenNames: 'José Andrés',
  familyNames: 'Martínez López',
  dateOfBirth: '2010-03-14',
  nationality: 'HN' as const,
};

describe('same-person matching', () => {
  it('ignores accents, case and extra whitespace in names', () => {
    expect(normaliseName('  JOSÉ   Andrés ')).toBe('jose andres');
    expect(normaliseName('Peña Ñúñez')).toBe('pena nunez');
    expect(normaliseName('María-José D’Ávila')).toBe('maria jose d avila');
  });

  it('gives the same name key to the same person typed differently', () => {
    const typedAgain = { ...base, givenNames: 'jose  andres', familyNames: 'MARTINEZ LÓPEZ' };
    expect(personKeys(typedAgain)).toEqual(personKeys(base));
    expect(personKeys(base)).toEqual(['name#jose andres#martinez lopez#2010-03-14']);
  });

  it('tells apart people with the same names but another date of birth', () => {
    expect(personKeys({ ...base, dateOfBirth: '2010-03-15' })).not.toEqual(personKeys(base));
  });

  it('adds a document key that ignores dashes, spaces and case', () => {
    const a = personKeys({ ...base, documentType: 'passport', documentNumber: 'f-123 456' });
    const b = personKeys({ ...base, documentType: 'passport', documentNumber: 'F123456' });
    expect(a[0]).toBe('doc#HN#passport#F123456');
    expect(a).toEqual(b);
    expect(normaliseDocumentNumber(' 0801-2010-01234 ')).toBe('0801201001234');
  });

  it('matches on the document even when the names were typed very differently', () => {
    const a = personKeys({ ...base, documentType: 'passport', documentNumber: 'F123456' });
    const b = personKeys({
      ...base,
      givenNames: 'Andrés',
      documentType: 'passport',
      documentNumber: 'F123456',
    });
    expect(a.filter((key) => b.includes(key))).toEqual(['doc#HN#passport#F123456']);
  });

  it('keeps equal numbers of different document types or issuing countries apart', () => {
    const passport = personKeys({ ...base, documentType: 'passport', documentNumber: '123' })[0];
    const nationalId = personKeys({ ...base, documentType: 'national_id', documentNumber: '123' })[0];
    const otherCountry = personKeys({
      ...base,
      nationality: 'GT',
      documentType: 'passport',
      documentNumber: '123',
    })[0];
    expect(new Set([passport, nationalId, otherCountry]).size).toBe(3);
  });
});
