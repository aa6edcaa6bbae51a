/**
 * A case's audit trail through the real API: the secretariat and the auditor read the chain a
 * case's submission and reads left, page by page, with whether it verifies; an edit made behind
 * the API's back shows as a broken chain.
 */
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '../../local/dynamodb';
import { seqSk } from '../../shared/adapters/dynamodb/dynamo-audit-log';
import { startTestApi, type TestApi } from '../support/api';
import { validCaseRequest } from '../support/case-request-fixture';

interface AuditEntry {
  readonly caseId: string;
  readonly seq: number;
  readonly action: string;
  readonly actor: { readonly username: string; readonly role: string };
  readonly details: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

let api: TestApi;
let caseId: string;

const auditPath = (id: string, query = '') => `/api/cases/${encodeURIComponent(id)}/audit${query}`;

/** Every entry of the case's chain, following the cursors, and the last page's verdict. */
async function wholeTrail(as: string, limit: number): Promise<{ items: AuditEntry[]; chainValid: boolean }> {
  const items: AuditEntry[] = [];
  let cursor: string | undefined;
  let chainValid = false;
  do {
    const page = await api.call(
      as,
      'GET',
      auditPath(caseId, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`),
    );
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    chainValid = page.body.chainValid;
    cursor = page.body.nextCursor;
  } while (cursor);
  return { items, chainValid };
}

/** Polls until the trail has an entry the check accepts (the workflow appends in the background). */
async function trailWith(check: (entry: AuditEntry) => boolean): Promise<AuditEntry[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { items } = await wholeTrail('auditor', 100);
    if (items.some(check)) return items;
    if (Date.now() > deadline) throw new Error(`no such audit entry; the trail is ${JSON.stringify(items)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  api = await startTestApi();
  const submitted = await api.call('consular.hn', 'POST', '/api/cases', validCaseRequest());
  expect(submitted.status).toBe(201);
  caseId = submitted.body.caseId;
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

describe("a case's audit trail through the API", () => {
  it('starts with the submission by the consular officer, chained and verified', async () => {
    await trailWith((entry) => entry.action === 'case.submitted');
    for (const reader of ['secretariat', 'auditor']) {
      const answer = await api.call(reader, 'GET', auditPath(caseId));
      expect(answer.status).toBe(200);
      expect(answer.body.chainValid).toBe(true);
      const items = answer.body.items as AuditEntry[];
      expect(items[0]).toMatchObject({
        caseId,
        seq: 1,
        action: 'case.submitted',
        actor: { username: 'consular.hn', role: 'consular' },
        prevHash: '0'.repeat(64),
      });
      items.forEach((entry, index) => {
        expect(entry.seq).toBe(index + 1);
        if (index > 0) expect(entry.prevHash).toBe(items[index - 1]?.hash);
      });
    }
  });

  it("records a read of the case's personal data, and the chain still verifies", async () => {
    const read = await api.call('auditor', 'GET', `/api/cases/${caseId}`);
    expect(read.status).toBe(200);
    const items = await trailWith(
      (entry) => entry.action === 'case.read_personal_data' && entry.actor.username === 'auditor',
    );
    expect(items.some((entry) => entry.action === 'case.submitted')).toBe(true);
    expect((await api.call('secretariat', 'GET', auditPath(caseId))).body.chainValid).toBe(true);
  });

  it('answers the chain a page at a time, oldest first', async () => {
    await api.cloud.stepFunctions.settle();
    const paged = await wholeTrail('secretariat', 1);
    const whole = await wholeTrail('secretariat', 100);
    // The workflow may still append while the pages are read: the pages are the chain's start.
    expect(paged.items).toEqual(whole.items.slice(0, paged.items.length));
    expect(paged.items.map((entry) => entry.seq)).toEqual(paged.items.map((_, index) => index + 1));
    expect(paged.items.length).toBeGreaterThanOrEqual(2);
    const first = await api.call('auditor', 'GET', auditPath(caseId, '?limit=1'));
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
  });

  it('shows an entry edited behind the API as a broken chain', async () => {
    const client = DynamoDBDocumentClient.from(localDynamoClient(api.cloud.urls.dynamoDb));
    try {
      await client.send(
        new UpdateCommand({
          TableName: api.cloud.names.tableName('audit'),
          Key: { pk: `case#${caseId}`, sk: seqSk(1) },
          UpdateExpression: 'SET #action = :action',
          ExpressionAttributeNames: { '#action': 'action' },
          ExpressionAttributeValues: { ':action': 'case.quietly_rewritten' },
        }),
      );
    } finally {
      client.destroy();
    }
    const answer = await api.call('auditor', 'GET', auditPath(caseId));
    expect(answer.status).toBe(200);
    expect(answer.body.chainValid).toBe(false);
    expect(answer.body).toMatchObject({ firstBrokenSeq: 1, problem: 'edited' });
    expect(answer.body.items[0].action).toBe('case.quietly_rewritten');
  });

  it('answers 404 for a case that does not exist', async () => {
    for (const reader of ['secretariat', 'auditor']) {
      const answer = await api.call(reader, 'GET', auditPath('RET-0000000000'));
      expect(answer.status).toBe(404);
      expect(answer.body.error).toBe('CaseNotFoundError');
    }
  });

  const encoded = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');

  it.each<[string, (id: string) => string, string]>([
    ['characters a cursor never has', () => 'no such cursor!', 'invalid_format'],
    ['text that is not an encoded position', () => 'bm90LWpzb24', 'cursor'],
    ["another case's position", () => encoded({ pk: 'case#RET-0THER00000', sk: seqSk(1) }), 'cursor'],
    ['a position that lacks its sort key', (id) => encoded({ pk: `case#${id}` }), 'cursor'],
  ])('answers a cursor made of %s with 400 naming the cursor', async (_label, cursorFor, rule) => {
    const cursor = encodeURIComponent(cursorFor(caseId));
    const answer = await api.call('auditor', 'GET', auditPath(caseId, `?cursor=${cursor}`));
    expect(answer.status).toBe(400);
    expect(answer.body.issues).toEqual([expect.objectContaining({ path: 'cursor', rule })]);
  });
});
