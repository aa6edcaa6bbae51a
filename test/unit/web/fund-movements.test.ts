import type { LedgerEntryKind, LedgerEntryShape } from '../../../shared/contracts/fund';
import {
  disbursedCaseIds,
  LEDGER_ENTRY_KINDS,
  movementsByCountry,
  movementsByMonth,
} from '../../../web/src/screens/fund/movements';

let serial = 0;
const entry = (
  type: LedgerEntryKind,
  amount: number,
  at: string,
  extra: Partial<LedgerEntryShape> = {},
): LedgerEntryShape => {
  serial += 1;
  return { entryKey: `${type}#${serial}`, type, amount, at, ...extra };
};

const zeros = Object.fromEntries(LEDGER_ENTRY_KINDS.map((kind) => [kind, 0]));

describe('the fund ledger by month', () => {
  it('answers no months for no entries', () => {
    expect(movementsByMonth([])).toEqual([]);
  });

  it('adds amounts in whole cents, so 0.10 and 0.20 make exactly 0.30', () => {
    const [march] = movementsByMonth([
      entry('contribution', 0.1, '2024-03-01T10:00:00Z'),
      entry('contribution', 0.2, '2024-03-15T10:00:00Z'),
    ]);
    expect(march?.contribution).toBe(0.3);
  });

  it('puts each kind of movement in its own column, with 0 for the kinds the month lacks', () => {
    expect(
      movementsByMonth([
        entry('contribution', 1000, '2024-05-02T00:00:00Z'),
        entry('reservation', 780, '2024-05-03T00:00:00Z'),
        entry('disbursement', 500, '2024-05-04T00:00:00Z'),
        entry('release', 280, '2024-05-05T00:00:00Z'),
        entry('reversal', 20.5, '2024-05-06T00:00:00Z'),
        entry('contribution', 250.25, '2024-05-07T00:00:00Z'),
      ]),
    ).toEqual([
      {
        month: '2024-05',
        contribution: 1250.25,
        reservation: 780,
        release: 280,
        disbursement: 500,
        reversal: 20.5,
      },
    ]);
    expect(movementsByMonth([entry('release', 12, '2024-06-01T00:00:00Z')])).toEqual([
      { month: '2024-06', ...zeros, release: 12 },
    ]);
  });

  it('lists months oldest first, across years, whatever the order of the entries', () => {
    const months = movementsByMonth([
      entry('contribution', 1, '2024-02-10T00:00:00Z'),
      entry('contribution', 1, '2023-12-31T23:59:59Z'),
      entry('contribution', 1, '2024-11-01T00:00:00Z'),
      entry('contribution', 1, '2024-02-01T00:00:00Z'),
    ]).map((row) => row.month);
    expect(months).toEqual(['2023-12', '2024-02', '2024-11']);
  });

  it('leaves out the months without entries', () => {
    const rows = movementsByMonth([
      entry('contribution', 5, '2024-01-20T00:00:00Z'),
      entry('contribution', 7, '2024-04-20T00:00:00Z'),
    ]);
    expect(rows.map((row) => [row.month, row.contribution])).toEqual([
      ['2024-01', 5],
      ['2024-04', 7],
    ]);
  });
});

describe('the fund ledger by country', () => {
  const returnCountries: Record<string, string> = {
    'c-hn-1': 'HN',
    'c-hn-2': 'HN',
    'c-gt-1': 'GT',
    'c-gt-2': 'GT',
  };
  const returnCountryOf = (caseId: string) => returnCountries[caseId];

  it('adds contributions by the contributing country in whole cents', () => {
    expect(
      movementsByCountry(
        [
          entry('contribution', 0.1, '2024-01-01T00:00:00Z', { country: 'MX' }),
          entry('contribution', 0.2, '2024-02-01T00:00:00Z', { country: 'MX' }),
        ],
        returnCountryOf,
      ),
    ).toEqual([{ country: 'MX', contributions: 0.3, disbursements: 0 }]);
  });

  it("adds disbursements by the return country of the entry's case", () => {
    expect(
      movementsByCountry(
        [
          entry('disbursement', 320.1, '2024-01-01T00:00:00Z', { caseId: 'c-hn-1' }),
          entry('disbursement', 459.9, '2024-01-02T00:00:00Z', { caseId: 'c-hn-2' }),
          entry('disbursement', 100, '2024-01-03T00:00:00Z', { caseId: 'c-gt-1' }),
        ],
        returnCountryOf,
      ),
    ).toEqual([
      { country: 'HN', contributions: 0, disbursements: 780 },
      { country: 'GT', contributions: 0, disbursements: 100 },
    ]);
  });

  it('keeps a country that contributed and was disbursed to on one row', () => {
    expect(
      movementsByCountry(
        [
          entry('contribution', 5000, '2024-01-01T00:00:00Z', { country: 'HN' }),
          entry('disbursement', 780, '2024-01-02T00:00:00Z', { caseId: 'c-hn-1' }),
        ],
        returnCountryOf,
      ),
    ).toEqual([{ country: 'HN', contributions: 5000, disbursements: 780 }]);
  });

  it("counts under '' a contribution without a country and a disbursement whose case is unknown or absent", () => {
    expect(
      movementsByCountry(
        [
          entry('contribution', 10, '2024-01-01T00:00:00Z'),
          entry('disbursement', 20, '2024-01-02T00:00:00Z', { caseId: 'c-unknown' }),
          entry('disbursement', 30, '2024-01-03T00:00:00Z'),
        ],
        returnCountryOf,
      ),
    ).toEqual([{ country: '', contributions: 10, disbursements: 50 }]);
  });

  it('leaves reservations and releases out of the country sums', () => {
    const asked: string[] = [];
    expect(
      movementsByCountry(
        [
          entry('reservation', 780, '2024-01-01T00:00:00Z', { caseId: 'c-hn-1' }),
          entry('release', 80, '2024-01-02T00:00:00Z', { caseId: 'c-hn-1' }),
        ],
        (caseId) => {
          asked.push(caseId);
          return returnCountryOf(caseId);
        },
      ),
    ).toEqual([]);
    expect(asked).toEqual([]);
  });

  it('counts disbursements net of their reversals (a withdrawn case gives its money back)', () => {
    expect(
      movementsByCountry(
        [
          entry('disbursement', 780, '2024-01-01T00:00:00Z', { caseId: 'c-gt-1' }),
          entry('disbursement', 500.5, '2024-01-02T00:00:00Z', { caseId: 'c-gt-2' }),
          entry('reversal', 780, '2024-01-03T00:00:00Z', { caseId: 'c-gt-1' }),
        ],
        returnCountryOf,
      ),
    ).toEqual([{ country: 'GT', contributions: 0, disbursements: 500.5 }]);
  });

  it('groups an instant written with an offset by its UTC month', () => {
    const [month] = movementsByMonth([entry('contribution', 10, '2024-01-31T22:00:00-05:00')]);
    expect(month?.month).toBe('2024-02');
  });

  it('lists the largest total first, and countries with the same total by code', () => {
    const rows = movementsByCountry(
      [
        entry('contribution', 100, '2024-01-01T00:00:00Z', { country: 'PA' }),
        entry('contribution', 900, '2024-01-01T00:00:00Z', { country: 'US' }),
        entry('contribution', 60, '2024-01-01T00:00:00Z', { country: 'CR' }),
        entry('disbursement', 40, '2024-01-02T00:00:00Z', { caseId: 'c-gt-1' }),
        entry('contribution', 60, '2024-01-01T00:00:00Z', { country: 'GT' }),
      ],
      returnCountryOf,
    );
    expect(rows.map((row) => row.country)).toEqual(['US', 'GT', 'PA', 'CR']);
  });
});

describe('the cases the ledger disbursed to', () => {
  it('are the case ids of the disbursements, each once', () => {
    const ids = disbursedCaseIds([
      entry('disbursement', 1, '2024-01-01T00:00:00Z', { caseId: 'c-1' }),
      entry('disbursement', 2, '2024-01-02T00:00:00Z', { caseId: 'c-1' }),
      entry('disbursement', 3, '2024-01-03T00:00:00Z', { caseId: 'c-2' }),
      entry('disbursement', 4, '2024-01-04T00:00:00Z'),
      entry('reservation', 5, '2024-01-05T00:00:00Z', { caseId: 'c-3' }),
      entry('reversal', 6, '2024-01-06T00:00:00Z', { caseId: 'c-4' }),
    ]);
    expect([...ids].sort()).toEqual(['c-1', 'c-2']);
  });
});
