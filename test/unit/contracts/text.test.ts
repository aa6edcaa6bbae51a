import { caseRequestSchema } from '../../../shared/contracts/case-request';
import { contributionRequestSchema } from '../../../shared/contracts/fund';
import { completionFormSchemaFor } from '../../../shared/contracts/task';
import { identifierSchema, notesSchema, textSchema } from '../../../shared/contracts/text';
import { withdrawRequestSchema } from '../../../shared/contracts/withdraw';
import { validCaseRequest } from '../../support/case-request-fixture';
import { failures, fieldIssues } from '../../support/field-issues';

const name = textSchema(100);
const notes = notesSchema();

describe('text that a person types', () => {
  it('must have a visible character: white space, zero-width and blank-looking characters alone are empty', () => {
    expect(failures(name, '   ')).toEqual(['body: too_small']);
    for (const invisible of [
      '\u200b',
      '\u200b\u200c\u200d',
      '\u2060',
      '\u00ad',
      '\u3164',
      '\u2800',
      '\u0301',
    ]) {
      expect(failures(name, invisible)).toEqual(['body: visible_text']);
      expect(failures(notes, invisible)).toEqual(['body: visible_text']);
    }
    expect(fieldIssues(name, '\u200b')[0]?.message).toBe('must contain a visible character');
  });

  it('accepts ordinary text in any script, with the marks that write it', () => {
    for (const text of ['José María', 'Nguyễn', 'O’Brien-Ruiz', 'محمد', 'n\u0303', '李']) {
      expect(failures(name, text)).toEqual([]);
    }
  });

  it('refuses control characters: NUL, terminal escapes, DEL and C1 controls', () => {
    for (const text of ['Ana\u0000', 'Ana\u001b[31m', 'Ana\u007f', 'Ana\u0085', 'Ana\u009b2J']) {
      expect(failures(name, text)).toEqual(['body: no_control_characters']);
      expect(failures(notes, text)).toEqual(['body: no_control_characters']);
    }
  });

  it('allows newline and tab in notes only', () => {
    expect(failures(notes, 'First line\nsecond\tline\r\nthird')).toEqual([]);
    expect(failures(name, 'Ana\nMaría')).toEqual(['body: no_control_characters']);
    expect(failures(name, 'Ana\tMaría')).toEqual(['body: no_control_characters']);
    expect(failures(notes, 'a lone\rcarriage return')).toEqual(['body: no_control_characters']);
  });

  it('refuses bidi embeddings, overrides and isolates, which make text read other than it is stored', () => {
    for (const mark of [
      '\u202a',
      '\u202b',
      '\u202c',
      '\u202d',
      '\u202e',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
    ]) {
      expect(failures(name, `approve${mark}reject`)).toEqual(['body: no_bidi_controls']);
    }
    // The plain direction marks are how right-to-left text is written correctly.
    expect(failures(name, 'abc\u200fdef')).toEqual([]);
  });

  it('refuses lone surrogates', () => {
    expect(failures(name, 'Ana\ud800')).toEqual(['body: well_formed']);
    expect(failures(notes, '\udc00 note')).toEqual(['body: well_formed']);
    expect(failures(name, 'emoji 😀 is fine')).toEqual([]);
  });

  it('refuses the Unicode line and paragraph separators, even in notes', () => {
    expect(failures(name, 'Ana\u2028María')).toEqual(['body: no_control_characters']);
    expect(failures(notes, 'one\u2029two')).toEqual(['body: no_control_characters']);
  });

  it('refuses invisible format characters in identifiers, which would make two references that read alike differ', () => {
    const reference = identifierSchema(100);
    expect(failures(reference, 'REF\u200b-1')).toEqual(['body: no_format_characters']);
    expect(failures(reference, 'REF\u00ad-1')).toEqual(['body: no_format_characters']);
    expect(failures(reference, 'REF-1')).toEqual([]);
    expect(
      failures(contributionRequestSchema, { country: 'HN', amount: 100, reference: 'TR\u2060-77' }),
    ).toEqual(['reference: no_format_characters']);
    expect(
      failures(caseRequestSchema, validCaseRequest({ migrant: { documentNumber: '0801\u200d2010' } })),
    ).toEqual(['migrant.documentNumber: no_format_characters']);
    // In names, the joiners some scripts write with are allowed.
    expect(failures(name, 'Mehr\u200cnaz')).toEqual([]);
  });

  it('NFC-normalises text, so identifiers spelt alike are one identifier', () => {
    const decomposed = 'Transferencia Banco Atla\u0301ntida';
    const composed = 'Transferencia Banco Atlántida';
    expect(name.parse(decomposed)).toBe(composed);
    const contribution = (reference: string) =>
      contributionRequestSchema.parse({ country: 'HN', amount: 100, reference });
    expect(contribution(decomposed).reference).toBe(contribution(composed).reference);
  });
});

describe('the contracts use the same hygiene', () => {
  it('names the field and the rule in a case request', () => {
    expect(failures(caseRequestSchema, validCaseRequest({ migrant: { givenNames: '\u200b' } }))).toEqual([
      'migrant.givenNames: visible_text',
    ]);
    expect(
      failures(caseRequestSchema, validCaseRequest({ migrant: { familyNames: 'López\u202eordnaleJ' } })),
    ).toEqual(['migrant.familyNames: no_bidi_controls']);
    expect(
      failures(
        caseRequestSchema,
        validCaseRequest({ needs: { escort: true, notes: 'Wheelchair\nat the gate' } }),
      ),
    ).toEqual([]);
  });

  it('refuses a rejection whose only reason is invisible', () => {
    const approval = completionFormSchemaFor('country_approval');
    expect(failures(approval, { decision: 'reject', comment: '\u200b' })).toEqual(['comment: visible_text']);
  });

  it('refuses an invisible withdrawal reason', () => {
    expect(failures(withdrawRequestSchema, { reason: '\u200b\u200b' })).toEqual(['reason: visible_text']);
    expect(failures(withdrawRequestSchema, { reason: 'Changed her mind\u0000' })).toEqual([
      'reason: no_control_characters',
    ]);
  });
});
