/**
 * Waiting for funds, through the API of a local cloud of its own (its fund starts empty): cases
 * the fund cannot cover wait, oldest first; a contribution resumes exactly those it covers, in
 * order, and never overspends; a case that waits longer than allowed is REJECTED, the consulate told;
 * a case withdrawn while it waits leaves the queue with nothing held, and the queue goes on.
 */
import { startTestApi, type TestApi } from '../support/api';
import { eventually } from '../support/eventually';
import {
  caseOf,
  contribute,
  expectFundBalanced,
  fundOf,
  submitCase,
  waitForStatus,
} from '../support/journey';
import { type StoredEmail, storedEmails } from '../support/ses-store';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

describe('waiting for funds', () => {
  // First, while the fund is empty: later, approvals expiring would give money back and resume it.
  it('rejects a case that waited 30 days, gives nothing, and tells the consulate', async () => {
    const caseId = await submitCase(api);
    await waitForStatus(api, caseId, 'WAITING_FOR_FUNDS');
    const before = await fundOf(api);
    await api.advance('31d');
    const rejected = await waitForStatus(api, caseId, 'REJECTED');
    expect(rejected.timeline.map((entry: { event: string }) => entry.event)).toContain('funds_wait_expired');
    expect(await fundOf(api)).toEqual(before);
    await eventually(async () => {
      const emails = await storedEmails(api.cloud.urls.ses, { caseId, to: 'consular.hn@demo.retorno.local' });
      return emails.some((email) => email.outboxKey?.includes('status_changed#REJECTED')) ? true : undefined;
    });
  }, 120_000);

  it('resumes exactly the three oldest cases a contribution covers, in order, never overspending', async () => {
    // The fund is empty (the first test's case gave nothing back because it held nothing).
    // Each fixture case asks for 780. Four wait, one after the other.
    const cases: string[] = [];
    for (let i = 0; i < 4; i++) {
      const caseId = await submitCase(api);
      await waitForStatus(api, caseId, 'WAITING_FOR_FUNDS');
      cases.push(caseId);
    }
    expect(await fundOf(api)).toMatchObject({ capital: 0, reserved: 0 });
    // The Secretariat was told of each (the email follows the status by a moment).
    await eventually(async () => {
      const told = await storedEmails(api.cloud.urls.ses, { to: 'secretariat@demo.retorno.local' });
      return cases.every((caseId) => told.some((email) => email.subject.includes(caseId))) ? true : undefined;
    });

    // 2,400 covers three cases (2,340), not the fourth.
    await contribute(api, 2_400);
    // Served at once by the contribution; each case's own execution then records it. On a machine
    // busy with the whole suite that has taken more than 30 s (seen once), so the wait is longer.
    for (const caseId of cases.slice(0, 3)) await waitForStatus(api, caseId, 'AWAITING_APPROVALS', 90_000);
    // The queue gives each its hold in turn, oldest first: the ledger's reservations are in queue
    // order (what runs after, in each case's own execution, is concurrent).
    const ledger = (await api.call('secretariat', 'GET', '/api/funds/rcm-reserve/ledger?limit=100')).body
      .items as Array<{ type: string; caseId?: string }>;
    expect(ledger.filter((entry) => entry.type === 'reservation').map((entry) => entry.caseId)).toEqual(
      cases.slice(0, 3),
    );
    expect((await caseOf(api, cases[3]!)).status).toBe('WAITING_FOR_FUNDS');
    const fund = await fundOf(api);
    expect(fund).toEqual({ capital: 2_400, available: 60, reserved: 2_340, disbursed: 0 });
    expectFundBalanced(fund);
  }, 180_000);

  it('ends the wait of a case withdrawn while it waits: nothing held, the next case served, the consulate told once', async () => {
    // Two more wait, behind whatever the earlier tests left in the queue.
    const withdrawn = await submitCase(api);
    await waitForStatus(api, withdrawn, 'WAITING_FOR_FUNDS');
    const next = await submitCase(api);
    await waitForStatus(api, next, 'WAITING_FOR_FUNDS');

    const answer = await api.call('consular.hn', 'POST', `/api/cases/${withdrawn}/withdraw`, {
      reason: 'Encontró trabajo aquí.',
    });
    expect(answer).toMatchObject({ status: 200, body: { status: 'WITHDRAWN' } });
    // The wait ended at once: the workflow compensated and recorded the withdrawal.
    const detail = await eventually(async () => {
      const found = await caseOf(api, withdrawn);
      return found.timeline.some((entry: { event: string }) => entry.event === 'withdrawal_completed')
        ? found
        : undefined;
    });
    expect(detail.status).toBe('WITHDRAWN');
    expect(detail.amounts).toMatchObject({ reservedUsd: 0, disbursedUsd: 0 });

    // A contribution that covers every case still waiting serves them all, the withdrawn one not.
    const waiting = (await api.call('secretariat', 'GET', '/api/cases?status=WAITING_FOR_FUNDS&limit=100'))
      .body.items as Array<{ caseId: string; totalUsd: number; submittedAt: string }>;
    // The list is newest first; the queue, oldest first.
    waiting.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    expect(waiting.map((item) => item.caseId)).toContain(next);
    expect(waiting.map((item) => item.caseId)).not.toContain(withdrawn);
    const before = await fundOf(api);
    const owed = waiting.reduce((sum, item) => sum + item.totalUsd, 0);
    await contribute(api, Math.max(1, Math.ceil(owed - before.available)));
    await waitForStatus(api, next, 'AWAITING_APPROVALS');
    const ledger = (await api.call('secretariat', 'GET', '/api/funds/rcm-reserve/ledger?limit=100')).body
      .items as Array<{ type: string; caseId?: string }>;
    expect(ledger.filter((entry) => entry.caseId === withdrawn)).toEqual([]);
    const reservations = ledger.filter((entry) => entry.type === 'reservation').map((entry) => entry.caseId);
    expect(reservations.slice(-waiting.length)).toEqual(waiting.map((item) => item.caseId));
    const after = await fundOf(api);
    expectFundBalanced(after);
    expect(Math.round((after.reserved - before.reserved) * 100) / 100).toBe(owed);
    expect((await caseOf(api, withdrawn)).status).toBe('WITHDRAWN');

    // The consulate learns of the withdrawal once; the Secretariat, told the case waited, is told too.
    const aboutWithdrawal = (emails: StoredEmail[], address: string) =>
      emails.filter(
        (email) =>
          email.destination.to.includes(address) &&
          /withdrawal_notice|status_changed#WITHDRAWN/.test(email.outboxKey ?? ''),
      );
    const told = await eventually(async () => {
      const emails = await storedEmails(api.cloud.urls.ses, { caseId: withdrawn });
      return aboutWithdrawal(emails, 'consular.hn@demo.retorno.local').length > 0 &&
        aboutWithdrawal(emails, 'secretariat@demo.retorno.local').length > 0
        ? emails
        : undefined;
    });
    expect(aboutWithdrawal(told, 'consular.hn@demo.retorno.local')).toHaveLength(1);
    expect(aboutWithdrawal(told, 'secretariat@demo.retorno.local')).toHaveLength(1);
    const keys = told.map((email) => email.outboxKey);
    expect(new Set(keys).size).toBe(keys.length);
  }, 120_000);
});
