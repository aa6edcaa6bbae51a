/**
 * The Reserve Fund through the real API (gateway, built bundles, DynamoDB Local): balances,
 * contributions and their retries, refused inputs, and the ledger's pages. One cloud for the
 * file, so the fund's money carries from test to test: each test compares against what it read
 * before it acted.
 */
import { startTestApi, type TestApi } from '../support/api';

const FUND = '/api/funds/rcm-reserve';
const CONTRIBUTIONS = `${FUND}/contributions`;

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

interface FundAnswer {
  readonly capital: number;
  readonly available: number;
  readonly reserved: number;
  readonly disbursed: number;
}

async function balance(): Promise<FundAnswer> {
  const answer = await api.call<FundAnswer>('auditor', 'GET', FUND);
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Every ledger entry, following the cursors page by page. */
async function allEntries(limit = 100): Promise<Array<Record<string, unknown>>> {
  const entries: Array<Record<string, unknown>> = [];
  let cursor: string | undefined;
  do {
    const query = `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await api.call('auditor', 'GET', `${FUND}/ledger${query}`);
    expect(page.status).toBe(200);
    entries.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return entries;
}

const contribute = (body: unknown) => api.call('secretariat', 'POST', CONTRIBUTIONS, body);

describe('the Reserve Fund through the API', () => {
  it('answers the configured fund with zero balances before any contribution, and lists it', async () => {
    const fund = await api.call('consular.hn', 'GET', FUND);
    expect(fund.status).toBe(200);
    expect(fund.body).toMatchObject({
      fundId: 'rcm-reserve',
      currency: 'USD',
      ceiling: 1000,
      capital: 0,
      available: 0,
      reserved: 0,
      disbursed: 0,
    });
    const list = await api.call('operations', 'GET', '/api/funds');
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { fundId: string }) => item.fundId)).toEqual(['rcm-reserve']);
    const ledger = await api.call('secretariat', 'GET', `${FUND}/ledger`);
    expect(ledger).toMatchObject({ status: 200, body: { items: [] } });
  });

  it('raises capital and available with a contribution, and records who made it', async () => {
    const before = await balance();
    const answer = await contribute({ country: 'MX', amount: 12500.5, reference: 'MX-TESORERIA-2024-001' });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      type: 'contribution',
      amount: 12500.5,
      country: 'MX',
      reference: 'MX-TESORERIA-2024-001',
      actor: { username: 'secretariat', role: 'secretariat' },
    });
    expect(answer.body.actor.subject).toEqual(expect.any(String));
    const after = await balance();
    expect(after.capital).toBe(before.capital + 12500.5);
    expect(after.available).toBe(before.available + 12500.5);
    expect(after.reserved).toBe(before.reserved);
    expect(after.disbursed).toBe(before.disbursed);
    const list = await api.call('auditor', 'GET', '/api/funds');
    expect(list.body.items).toEqual([
      expect.objectContaining({ fundId: 'rcm-reserve', capital: after.capital }),
    ]);
  });

  it('applies a retried contribution once: 200 with the same entry, and 409 for another amount', async () => {
    const body = { country: 'GT', amount: 3000, reference: 'GT-BANGUAT-778' };
    const first = await contribute(body);
    expect(first.status).toBe(201);
    const before = await balance();
    const retry = await contribute(body);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    const conflict = await contribute({ ...body, amount: 3000.01 });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error).toBe('MovementConflictError');
    expect(await balance()).toEqual(before);
  });

  it('counts concurrent retries of one contribution exactly once', async () => {
    const before = await balance();
    const body = { country: 'CR', amount: 750.25, reference: 'CR-HACIENDA-55' };
    const answers = await Promise.all(Array.from({ length: 8 }, () => contribute(body)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(answers.map((answer) => answer.body.entryKey)).size).toBe(1);
    const after = await balance();
    expect(after.capital).toBeCloseTo(before.capital + 750.25, 2);
    expect(after.available).toBeCloseTo(before.available + 750.25, 2);
  });

  it.each([
    ['a negative amount', { country: 'MX', amount: -5, reference: 'bad-1' }, 'amount', 'non_negative'],
    ['a zero amount', { country: 'MX', amount: 0, reference: 'bad-2' }, 'amount', 'positive'],
    [
      'more than 2 decimals',
      { country: 'MX', amount: 10.005, reference: 'bad-3' },
      'amount',
      'money_precision',
    ],
    ['an amount as text', { country: 'MX', amount: '100', reference: 'bad-4' }, 'amount', 'invalid_type'],
    ['an absurd amount', { country: 'MX', amount: 2e9, reference: 'bad-5' }, 'amount', 'max_amount'],
    [
      'a country outside the RCM',
      { country: 'FR', amount: 100, reference: 'bad-6' },
      'country',
      'invalid_value',
    ],
    ['a lower-case country', { country: 'mx', amount: 100, reference: 'bad-7' }, 'country', 'invalid_value'],
    ['no country', { amount: 100, reference: 'bad-8' }, 'country', 'invalid_value'],
    ['no reference', { country: 'MX', amount: 100 }, 'reference', 'invalid_type'],
    ['an empty reference', { country: 'MX', amount: 100, reference: '' }, 'reference', 'too_small'],
    [
      'an unknown field',
      { country: 'MX', amount: 100, reference: 'bad-9', fundId: 'x' },
      'fundId',
      'unrecognized_keys',
    ],
    ['malformed JSON', '{"country": "MX", "amount": 1', 'body', 'json'],
  ])(
    'refuses %s with 400 naming the field and rule, and changes nothing',
    async (_label, body, path, rule) => {
      const before = await balance();
      const entriesBefore = (await allEntries()).length;
      const answer = await contribute(body);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe('ValidationError');
      expect(answer.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path, rule })]));
      expect(await balance()).toEqual(before);
      expect(await allEntries()).toHaveLength(entriesBefore);
    },
  );

  it('refuses contributions to, and reads of, a fund other than the configured one with 404', async () => {
    const post = await api.call('secretariat', 'POST', '/api/funds/rcm-reserv/contributions', {
      country: 'MX',
      amount: 10,
      reference: 'typo-fund',
    });
    expect(post.status).toBe(404);
    expect(post.body.error).toBe('FundNotFoundError');
    expect((await api.call('secretariat', 'GET', '/api/funds/rcm-reserv')).status).toBe(404);
    expect((await api.call('auditor', 'GET', '/api/funds/rcm-reserv/ledger')).status).toBe(404);
    const list = await api.call('secretariat', 'GET', '/api/funds');
    expect(list.body.items.map((item: { fundId: string }) => item.fundId)).toEqual(['rcm-reserve']);
  });

  it('lists the ledger oldest first, a page at a time, and its entries add up to the balance', async () => {
    for (const [index, country] of ['PA', 'SV', 'BZ'].entries()) {
      const answer = await contribute({ country, amount: 100 + index, reference: `ORDER-${index}` });
      expect(answer.status).toBe(201);
    }
    const everything = await allEntries();
    const paged = await allEntries(2);
    expect(paged).toEqual(everything);
    const times = everything.map((entry) => String(entry.at));
    expect(times).toEqual([...times].sort());
    expect(everything.slice(-3).map((entry) => entry.reference)).toEqual(['ORDER-0', 'ORDER-1', 'ORDER-2']);
    expect(everything.map((entry) => entry.type)).toEqual(everything.map(() => 'contribution'));

    const first = await api.call('secretariat', 'GET', `${FUND}/ledger?limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const fund = await balance();
    const totalCents = everything.reduce((sum, entry) => sum + Math.round(Number(entry.amount) * 100), 0);
    expect(Math.round(fund.capital * 100)).toBe(totalCents);
    expect(Math.round(fund.capital * 100)).toBe(
      Math.round(fund.available * 100) + Math.round(fund.reserved * 100) + Math.round(fund.disbursed * 100),
    );
  });

  it.each([
    ['characters a cursor never has', 'not a cursor!', 'cursor', 'invalid_format'],
    ['text that is not an encoded position', 'bm90LWpzb24', 'cursor', 'cursor'],
    [
      "another listing's position",
      Buffer.from(JSON.stringify({ gsi1pk: 'fund#other#ledger', gsi1sk: 'x', pk: 'x', sk: 'x' })).toString(
        'base64url',
      ),
      'cursor',
      'cursor',
    ],
    [
      'a position that lacks key attributes',
      Buffer.from(JSON.stringify({ gsi1pk: 'fund#rcm-reserve#ledger' })).toString('base64url'),
      'cursor',
      'cursor',
    ],
  ])('answers a cursor made of %s with 400 naming the cursor', async (_label, cursor, path, rule) => {
    const answer = await api.call('auditor', 'GET', `${FUND}/ledger?cursor=${encodeURIComponent(cursor)}`);
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([expect.objectContaining({ path, rule })]);
  });

  it.each([
    ['0', 'too_small'],
    ['101', 'too_big'],
    ['ten', 'invalid_type'],
    ['2.5', 'invalid_type'],
  ])('answers limit=%s with 400 naming the limit', async (limit, rule) => {
    const answer = await api.call('auditor', 'GET', `${FUND}/ledger?limit=${limit}`);
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([expect.objectContaining({ path: 'limit' })]);
    expect(answer.body.issues[0].rule).toBe(rule);
  });
});
