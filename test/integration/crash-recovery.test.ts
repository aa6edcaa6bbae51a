/**
 * Nothing lost to a crash: `npm start`'s process tree is killed with SIGKILL (no handler runs)
 * while cases wait for a burst of approvals, and again while the workflow sends its emails; each
 * time the local cloud is started again on the same data, people retry what failed as they would,
 * and the reconciler repairs the rest. Every decision counts once, the money moves once per case,
 * and every email is sent exactly once: an email SES accepted just before a kill is marked sent by
 * its Send event (journalled by local/ses-events.ts before the emulator answered), and the
 * reconciler takes over a dead sender's claim only after the lease and the send event's grace, so
 * nothing is sent twice. The process handling is test/support/cloud-process.ts's.
 */
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '../../local/dynamodb';
import { DynamoEmailOutbox } from '../../shared/adapters/dynamodb/dynamo-email-outbox';
import { localResourceName } from '../../shared/manifest-names';
import type { OutboxEntry } from '../../shared/ports/email-outbox';
import { outboxKeyText } from '../../shared/ports/email-outbox';
import { validCaseRequest } from '../support/case-request-fixture';
import { type CloudProcess, cloudProcess } from '../support/cloud-process';
import { eventually } from '../support/eventually';

let cloud: CloudProcess;
let api = '';

const tokens = new Map<string, string>();
async function call(user: string, method: string, path: string, body?: unknown) {
  let token = tokens.get(user);
  if (!token) {
    const issued = await fetch(`${api}/local/token`, {
      method: 'POST',
      body: JSON.stringify({ username: user }),
    });
    token = ((await issued.json()) as { token: string }).token;
    tokens.set(user, token);
  }
  const response = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function advance(duration: string) {
  await fetch(`${api}/local/clock`, { method: 'POST', body: JSON.stringify({ advance: duration }) });
  tokens.clear();
}

async function statusOf(caseId: string): Promise<string> {
  return (await call('consular.hn', 'GET', `/api/cases/${caseId}`)).body.status;
}

/** Each user decides their case's task, all at once; answers the decisions that were refused or lost. */
async function burst(decisions: Array<{ user: string; caseId: string; kind: string }>) {
  return Promise.all(
    decisions.map(async (decision) => {
      try {
        const inbox = await call(decision.user, 'GET', `/api/tasks?kind=${decision.kind}&limit=100`);
        const task = (inbox.body.items as Array<{ taskId: string; caseId: string }>).find(
          (t) => t.caseId === decision.caseId,
        );
        // No longer open: decided (the answer the crash swallowed had said so). The checks at
        // the end count every decision on the case.
        if (!task) return inbox.status === 200 ? undefined : decision;
        const done = await call(decision.user, 'POST', `/api/tasks/${task.taskId}/complete`, {
          decision: 'approve',
        });
        return done.status === 200 ? undefined : decision;
      } catch {
        return decision;
      }
    }),
  ).then((left) => left.filter((d): d is NonNullable<typeof d> => d !== undefined));
}

beforeAll(async () => {
  // The reconciler every 2 seconds, so a repair does not wait for the default five minutes.
  cloud = await cloudProcess({ scheduleSeconds: 2 });
  api = cloud.api;
}, 30_000);

afterAll(() => cloud?.dispose());

const output = () => cloud.current?.output().slice(-3000) ?? '';

describe('a SIGKILL of the local cloud', () => {
  it('loses no decision, moves no money twice and sends every email once', async () => {
    await cloud.start();
    const before = (await call('secretariat', 'GET', '/api/funds/rcm-reserve')).body;
    const cases: string[] = [];
    for (let i = 0; i < 4; i++) {
      const request = validCaseRequest({
        migrant: { documentNumber: `0801-2010-CRASH${i}`, familyNames: `Crash ${i}` },
      });
      const submitted = await call('consular.hn', 'POST', '/api/cases', request);
      if (submitted.status !== 201)
        throw new Error(`${submitted.status} ${JSON.stringify(submitted.body)}\n${output()}`);
      cases.push(submitted.body.caseId);
    }
    for (const caseId of cases)
      await eventually(
        async () => ((await statusOf(caseId)) === 'AWAITING_APPROVALS' ? true : undefined),
        30_000,
      );

    // Twelve decisions at once, and the process tree killed while they are under way.
    const decisions = cases.flatMap((caseId) =>
      ['authority.mx', 'authority.gt', 'authority.hn'].map((user) => ({
        user,
        caseId,
        kind: 'country_approval',
      })),
    );
    const first = burst(decisions);
    await new Promise((r) => setTimeout(r, 400));
    await cloud.kill();
    let left = await first;

    await cloud.start();
    // People retry what failed; the reconciler re-sends decisions the crash kept from their workflows.
    for (let round = 0; left.length > 0 && round < 5; round++) left = await burst(left);
    expect(left).toEqual([]);
    await advance('2m');
    for (const caseId of cases)
      await eventually(
        async () => ((await statusOf(caseId)) === 'AWAITING_DISBURSEMENT' ? true : undefined),
        60_000,
        `${caseId} past approvals`,
      );

    // The Secretariat approves the four disbursements; killed again while bookings and emails go out.
    const second = burst(
      cases.map((caseId) => ({ user: 'secretariat', caseId, kind: 'disbursement_approval' })),
    );
    await new Promise((r) => setTimeout(r, 700));
    await cloud.kill();
    left = await second;

    await cloud.start();
    for (let round = 0; left.length > 0 && round < 5; round++) left = await burst(left);
    expect(left).toEqual([]);
    // Past a dead sender's lease (120 s) and the Send event's grace (300 s): what no one sent is
    // sent by the reconciler now, what SES accepted its Send event has marked sent.
    await advance('8m');
    for (const caseId of cases)
      await eventually(
        async () => ((await statusOf(caseId)) === 'AWAITING_DEPARTURE' ? true : undefined),
        90_000,
        `${caseId} booked`,
      );

    // Every decision once on each case, the money moved once per case.
    for (const caseId of cases) {
      const detail = (await call('auditor', 'GET', `/api/cases/${caseId}`)).body;
      expect(detail.approvals.filter((a: { status: string }) => a.status === 'approved')).toHaveLength(4);
      const audit = (await call('auditor', 'GET', `/api/cases/${caseId}/audit?limit=100`)).body;
      expect(audit.chainValid).toBe(true);
      const actions = audit.items.map((e: { action: string }) => e.action);
      expect(actions.filter((a: string) => a === 'task.completed')).toHaveLength(4);
      expect(actions.filter((a: string) => a === 'fund.reserved')).toHaveLength(1);
      expect(actions.filter((a: string) => a === 'fund.disbursed')).toHaveLength(1);
    }
    const after = (await call('secretariat', 'GET', '/api/funds/rcm-reserve')).body;
    expect(after.disbursed - before.disbursed).toBe(4 * 780);
    expect(after.reserved).toBe(before.reserved);
    expect(Math.round((after.available + after.reserved + after.disbursed) * 100) / 100).toBe(after.capital);

    // Every email the outbox holds for the cases is sent (and SES reported it delivered), and
    // SES accepted each one exactly once: no tolerance for a second copy.
    const documentClient = DynamoDBDocumentClient.from(localDynamoClient(cloud.dynamoDb));
    const outbox = new DynamoEmailOutbox(documentClient, localResourceName('retorno', 'outbox'));
    const entries: OutboxEntry[] = [];
    await eventually(
      async () => {
        entries.length = 0;
        for (const caseId of cases) entries.push(...(await outbox.forCase(caseId)));
        return entries.every((entry) => entry.status === 'sent' && entry.deliveredAt) ? true : undefined;
      },
      60_000,
      'every email sent and delivered',
    );
    // Time for a second copy to show, if one were to come.
    await new Promise((r) => setTimeout(r, 5000));
    documentClient.destroy();
    const seen = [...cloud.emails.values()].filter((email) => email.outboxKey !== undefined);
    const copies = new Map<string, number>();
    for (const email of seen) copies.set(email.outboxKey!, (copies.get(email.outboxKey!) ?? 0) + 1);
    expect([...copies].filter(([, count]) => count !== 1)).toEqual([]);
    for (const entry of entries) {
      const key = outboxKeyText(entry);
      expect({ key, copies: copies.get(key) ?? 0 }).toEqual({ key, copies: 1 });
      // The id the outbox keeps is the one SES gave that one copy.
      expect(seen.find((email) => email.outboxKey === key)?.messageId).toBe(entry.messageId);
    }
    for (const caseId of cases) {
      const about = entries.filter((entry) => entry.caseId === caseId).map((entry) => entry.kind);
      expect(about.filter((kind) => kind === 'reception_notice')).toHaveLength(2);
      expect(about).toContain('status_changed#AWAITING_DEPARTURE');
      expect(about.filter((kind) => kind.startsWith('task_assigned#'))).toHaveLength(4);
    }
    // Nothing else reached SES: every email it accepted is one of the cases' entries.
    expect(
      seen.filter((email) => !entries.some((entry) => outboxKeyText(entry) === email.outboxKey)),
    ).toEqual([]);
  }, 600_000);
});
