import { type AuditEntry, GENESIS_HASH, hashEntry } from '../../../shared/audit/audit-entry';
import { canonicalJson, NotCanonicalJsonError } from '../../../shared/audit/canonical-json';
import { assertNoPersonalData, PersonalDataInAuditError } from '../../../shared/audit/personal-data-guard';
import { verifyChain } from '../../../shared/audit/verify-chain';

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('gives the same text whatever order keys were written in', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"': 'línea\n"dos"' })).toBe('{"k\\"":"línea\\n\\"dos\\""}');
  });

  it('refuses values without a faithful JSON form', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(NotCanonicalJsonError);
    expect(() => canonicalJson([undefined])).toThrow(NotCanonicalJsonError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(NotCanonicalJsonError);
  });
});

function chain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= length; seq++) {
    const unsigned = {
      caseId: 'c',
      seq,
      at: `2024-01-0${seq}T00:00:00.000Z`,
      actor: { subject: 's', username: 'u', role: 'system' as const },
      action: 'case.status_changed' as const,
      details: { seq },
      prevHash,
    };
    const entry = { ...unsigned, hash: hashEntry(unsigned) };
    entries.push(entry);
    prevHash = entry.hash;
  }
  return entries;
}

describe('audit hashing and chain verification', () => {
  it('hashes an entry as sha256 hex, independent of key order', () => {
    const [entry] = chain(1) as [AuditEntry];
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(entry).reverse()) as unknown as AuditEntry;
    expect(hashEntry(reordered)).toBe(entry.hash);
  });

  it('accepts an intact chain with its head', () => {
    const entries = chain(3);
    expect(verifyChain(entries, { seq: 3, hash: entries[2]!.hash })).toEqual({ valid: true, entries: 3 });
  });

  it('names the first broken seq for an edit, a gap, a reorder and a truncation', () => {
    const entries = chain(4);
    const head = { seq: 4, hash: entries[3]!.hash };
    const edited = entries.map((e) => (e.seq === 2 ? { ...e, details: { seq: 20 } } : e));
    expect(verifyChain(edited, head)).toMatchObject({ firstBrokenSeq: 2, problem: 'edited' });
    expect(verifyChain([entries[0]!, entries[2]!, entries[3]!], head)).toMatchObject({
      firstBrokenSeq: 2,
      problem: 'gap',
    });
    expect(verifyChain([entries[0]!, entries[1]!, entries[3]!, entries[2]!], head)).toMatchObject({
      firstBrokenSeq: 3,
      problem: 'order',
    });
    expect(verifyChain(entries.slice(0, 3), head)).toMatchObject({ firstBrokenSeq: 4, problem: 'truncated' });
  });

  it('notices an entry rehashed after an edit, by its broken link', () => {
    const entries = chain(3);
    const { hash: _old, ...second } = { ...entries[1]!, details: { seq: 99 } };
    const forged = [entries[0]!, { ...second, hash: hashEntry(second) }, entries[2]!];
    expect(verifyChain(forged, { seq: 3, hash: entries[2]!.hash })).toMatchObject({
      firstBrokenSeq: 3,
      problem: 'broken_link',
    });
  });
});

describe('the personal data guard', () => {
  it('refuses personal fields at any depth and accepts ids and codes', () => {
    expect(() => assertNoPersonalData({ caseId: 'c', decision: 'approve', country: 'MX' })).not.toThrow();
    expect(() => assertNoPersonalData({ form: { notes: 'x' } })).toThrow(PersonalDataInAuditError);
    expect(() => assertNoPersonalData({ list: [{ dateOfBirth: '2000-01-01' }] })).toThrow(
      PersonalDataInAuditError,
    );
  });
});
