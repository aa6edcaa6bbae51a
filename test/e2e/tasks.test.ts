/**
 * The inbox and the task page in a real browser: each assignee finds their task in their inbox
 * with its due date, opens it (which decides nothing), and completes it through its form; an
 * approval refuses a rejection without a reason and is confirmed before it is sent; the
 * Secretariat's disbursements, an arrival, a check-in (in Spanish) and a manual booking; an
 * overdue task marked in the inbox; another country's task not found; no serious axe finding and
 * no sideways scrolling on a phone. Cases are driven to each task through the API.
 */
import type { Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import {
  advancePast,
  approveRoute,
  CHECK_IN,
  caseOf,
  complete,
  contribute,
  inboxTask,
  localToday,
  submitCase,
  waitForStatus,
} from '../support/journey';
import {
  type BrowserHarness,
  screenshot,
  scrollsSideways,
  seriousAxeFindings,
  signIn,
  startBrowserHarness,
} from './support/browser';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
  await contribute(harness.api, 50_000);
}, 120_000);
afterAll(async () => harness?.stop());

const api = () => harness.api;

/** A context whose browser clock reads the local cloud's clock (moved forward by the tests). */
async function contextAtLocalClock(options: { language?: 'es' | 'en'; width?: number } = {}) {
  return harness.context({ ...options, localClock: true });
}

async function signedIn(user: string, options: { language?: 'es' | 'en'; width?: number } = {}) {
  const context = await contextAtLocalClock(options);
  const page = await context.newPage();
  await signIn(page, user);
  return { context, page };
}

async function taskOf(user: string, taskId: string) {
  const answer = await api().call(user, 'GET', `/api/tasks/${taskId}`);
  expect(answer.status).toBe(200);
  return answer.body as { status: string; overdue: boolean; decision?: { form: Record<string, unknown> } };
}

/** Counts the completions the page sends. */
function completionsSent(page: Page): string[] {
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes('/complete')) sent.push(request.url());
  });
  return sent;
}

async function openTask(page: Page, taskId: string) {
  await page.goto(`/tasks/${taskId}`);
  await page.locator('.task-facts').waitFor();
}

const text = async (page: Page, selector: string) =>
  (await page.locator(selector).first().textContent()) ?? '';

/** A case approved and disbursed, booked, and travelling. */
async function travelling(caseIds: string[]) {
  for (const caseId of caseIds) {
    await approveRoute(api(), caseId);
    await complete(api(), 'secretariat', caseId, 'disbursement_approval');
  }
  const booked = [];
  for (const caseId of caseIds) booked.push(await waitForStatus(api(), caseId, 'AWAITING_DEPARTURE'));
  const last = booked
    .map((b) => b.booking.departureAt as string)
    .sort()
    .at(-1)!;
  await advancePast(api(), last);
  for (const caseId of caseIds) await waitForStatus(api(), caseId, 'TRAVELLING');
}

test('an authority finds the approval in the inbox, a rejection needs a reason, an approval is confirmed', async () => {
  const caseId = await submitCase(api());
  const task = await inboxTask(api(), 'authority.mx', caseId, 'country_approval');
  const { context, page } = await signedIn('authority.mx');
  expect(new URL(page.url()).pathname).toBe('/tasks');

  // The inbox: the task's row, with its due date, kind and case.
  const row = page.locator(`tr[data-task-id="${task.taskId}"]`);
  await row.waitFor();
  expect(await row.locator('time').getAttribute('datetime')).toBe(task.dueAt);
  expect(await row.textContent()).toContain('Country approval');
  expect(await row.locator(`a[href="/cases/${caseId}"]`).textContent()).toBe(caseId);
  expect(await row.locator('th a').textContent()).toBe(`Decide the approval of Mexico for case ${caseId}`);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await screenshot(page, 'inbox');

  // Opening the task shows the case as the exit country sees it, and changes nothing.
  const sent = completionsSent(page);
  await row.locator('th a').click();
  await page.waitForURL(`**/tasks/${task.taskId}`);
  await page.locator('.case-facts').waitFor();
  expect(await text(page, 'h1')).toBe(`Decide the approval of Mexico for case ${caseId}`);
  const facts = await text(page, '.case-facts');
  expect(facts).toContain('Leaves fromMexico');
  expect(facts).toContain('Returns toHonduras');
  expect(facts).toContain('ThroughGuatemala');
  expect(facts).toContain('$780.00');
  expect((await taskOf('authority.mx', task.taskId)).status).toBe('open');

  // A rejection without a reason: the contract's message beside the comment, nothing sent.
  await page.locator('input[name="decision"][value="reject"]').check();
  await page.locator('form.task-form button[type="submit"]').click();
  await page.locator('#f-comment-error').waitFor();
  expect(await text(page, '#f-comment-error')).toBe('is required to reject: say why');
  expect(await page.locator('textarea[name="comment"]').getAttribute('aria-invalid')).toBe('true');
  expect(await text(page, '.error-summary')).toContain('Comment: is required to reject: say why');
  expect(await page.locator('dialog.confirm-decision').isVisible()).toBe(false);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await screenshot(page, 'task-approval');

  // With a reason, the rejection asks first and says it ends the case; going back sends nothing.
  await page.locator('textarea[name="comment"]').fill('Falta el documento.');
  await page.locator('form.task-form button[type="submit"]').click();
  await page.locator('dialog.confirm-decision').waitFor();
  expect(await text(page, 'dialog .consequence')).toMatch(/^Reject: this ends the case/);
  await page.locator('dialog button', { hasText: 'Go back' }).click();
  await page.locator('dialog.confirm-decision').waitFor({ state: 'hidden' });
  expect(sent).toEqual([]);
  expect((await taskOf('authority.mx', task.taskId)).status).toBe('open');

  // Approving: confirmed, then completed, and the case records Mexico's approval.
  await page.locator('input[name="decision"][value="approve"]').check();
  await page.locator('textarea[name="comment"]').fill('');
  await page.locator('form.task-form button[type="submit"]').click();
  await page.locator('dialog.confirm-decision').waitFor();
  expect(await text(page, 'dialog .consequence')).toMatch(/^Approve: Mexico's approval is recorded/);
  await page.locator('dialog button', { hasText: 'Confirm: approve' }).click();
  await page.locator('.notice-done').waitFor();
  expect(sent).toHaveLength(1);
  expect(await text(page, '.task-facts')).toContain('Completed');
  expect(await text(page, '.task-decision')).toBe('Approved');
  expect(await page.locator('form.task-form').count()).toBe(0);
  expect(await page.locator('a', { hasText: 'Back to the inbox' }).getAttribute('href')).toBe('/tasks');
  const done = await taskOf('authority.mx', task.taskId);
  expect(done).toMatchObject({ status: 'completed', decision: { form: { decision: 'approve' } } });
  const detail = await caseOf(api(), caseId);
  expect(detail.approvals.find((a: { country?: string }) => a.country === 'MX')).toMatchObject({
    status: 'approved',
    decidedBy: { username: 'authority.mx' },
  });

  // Opened again, the completed task shows its decision and no form.
  await openTask(page, task.taskId);
  expect(await text(page, '.task-decision')).toBe('Approved');
  expect(await page.locator('form.task-form').count()).toBe(0);

  // It has left the open inbox for the history of completed tasks.
  await page.locator('a', { hasText: 'Back to the inbox' }).click();
  await page.locator('table, .inbox-empty').first().waitFor();
  expect(await page.locator(`tr[data-task-id="${task.taskId}"]`).count()).toBe(0);
  await page.locator('select[name="status"]').selectOption('completed');
  await page.locator('form.inbox-filters button[type="submit"]').click();
  await page.waitForURL('**/tasks?status=completed');
  await page.locator(`tr[data-task-id="${task.taskId}"]`).waitFor();
  expect(await text(page, `tr[data-task-id="${task.taskId}"] .task-status`)).toMatch(/^Completed · /);
  await context.close();
}, 120_000);

test("another country's authority opening the task's link finds nothing, and the task stays open", async () => {
  const caseId = await submitCase(api());
  const task = await inboxTask(api(), 'authority.mx', caseId, 'country_approval');
  const { context, page } = await signedIn('authority.ni');
  // Nicaragua is on no case's route: its inbox is empty, and says so.
  await page.locator('.inbox-empty').waitFor();
  expect(await text(page, '.inbox-empty')).toBe('Nothing waits for you: your inbox is empty.');
  await page.goto(`/tasks/${task.taskId}`);
  await page.locator('.notice-error').waitFor();
  expect(await text(page, '.notice-error')).toContain('Not found, or not yours to see.');
  expect(await page.locator('form.task-form').count()).toBe(0);
  expect((await taskOf('authority.mx', task.taskId)).status).toBe('open');
  await context.close();
}, 90_000);

test("a task completed meanwhile: the page says so with the API's message and shows no form", async () => {
  const caseId = await submitCase(api());
  const task = await inboxTask(api(), 'authority.gt', caseId, 'country_approval');
  const { context, page } = await signedIn('authority.gt');
  await openTask(page, task.taskId);
  await page.locator('input[name="decision"][value="approve"]').check();
  await page.locator('form.task-form button[type="submit"]').click();
  await page.locator('dialog.confirm-decision').waitFor();
  // Someone else in the same office decides first, otherwise (the same decision again would be
  // taken as a retry of it).
  await complete(api(), 'authority.gt', caseId, 'country_approval', {
    decision: 'reject',
    comment: 'Falta el documento de viaje.',
  });
  await page.locator('dialog button', { hasText: 'Confirm: approve' }).click();
  await page.locator('.notice-error .detail').waitFor();
  expect(await text(page, '.notice-error')).toContain('This task can no longer be completed');
  expect(await text(page, '.notice-error .detail')).toMatch(/already/);
  await page.locator('.task-decision').waitFor();
  expect(await text(page, '.task-decision')).toBe('Rejected');
  expect(await text(page, '.task-facts')).toContain('Completed');
  expect(await page.locator('form.task-form').count()).toBe(0);
  await context.close();
}, 90_000);

test('the Secretariat approves a disbursement from its Disbursements list, seeing the amount', async () => {
  const caseId = await submitCase(api());
  await approveRoute(api(), caseId);
  const task = await inboxTask(api(), 'secretariat', caseId, 'disbursement_approval');
  const { context, page } = await signedIn('secretariat');
  await page.locator('nav .nav-items a', { hasText: 'Disbursements' }).click();
  await page.waitForURL('**/tasks?kind=disbursement_approval');
  const row = page.locator(`tr[data-task-id="${task.taskId}"]`);
  await row.waitFor();
  expect(await text(page, 'h1')).toBe('Inbox: Disbursement approval');
  expect(await page.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(
    expect.arrayContaining(['Disbursement approval']),
  );
  expect(new Set(await page.locator('tbody tr td:nth-child(3)').allTextContents())).toEqual(
    new Set(['Disbursement approval']),
  );

  await row.locator('th a').click();
  await page.locator('.disbursement-amount').waitFor();
  expect(await text(page, '.disbursement-amount')).toBe('Amount to disburse: $780.00');
  expect(await seriousAxeFindings(page)).toEqual([]);
  await page.locator('input[name="decision"][value="approve"]').check();
  await page.locator('form.task-form button[type="submit"]').click();
  await page.locator('dialog.confirm-decision').waitFor();
  expect(await text(page, 'dialog .consequence')).toContain('$780.00 is disbursed from the Reserve Fund');
  await page.locator('dialog button', { hasText: 'Confirm: approve' }).click();
  await page.locator('.notice-done').waitFor();
  expect(await page.locator('a', { hasText: 'Back to the inbox' }).getAttribute('href')).toBe(
    '/tasks?kind=disbursement_approval',
  );
  expect((await taskOf('secretariat', task.taskId)).status).toBe('completed');
  const booked = await waitForStatus(api(), caseId, 'AWAITING_DEPARTURE');
  expect(booked.amounts.disbursedUsd).toBe(780);
  await context.close();
}, 120_000);

test('operations records a manual booking through its form', async () => {
  await api().call(null, 'POST', '/local/travel-provider/failures', { permanent: 'no_seats' });
  const caseId = await submitCase(api());
  await approveRoute(api(), caseId);
  await complete(api(), 'secretariat', caseId, 'disbursement_approval');
  const task = await inboxTask(api(), 'operations', caseId, 'manual_booking');
  await api().call(null, 'DELETE', '/local/travel-provider/failures');
  const { context, page } = await signedIn('operations');
  await openTask(page, task.taskId);
  const sent = completionsSent(page);

  // Sent empty: each required field says so beside itself, and nothing is sent.
  await page.locator('form.task-form button[type="submit"]').click();
  await page.locator('.error-summary').waitFor();
  for (const field of ['provider', 'reference', 'departureAt', 'arrivalAt', 'cost'])
    expect(await page.locator(`[name="${field}"]`).getAttribute('aria-invalid')).toBe('true');
  expect(sent).toEqual([]);
  expect(await seriousAxeFindings(page)).toEqual([]);

  const minute = 60_000;
  const departureAt = new Date(Math.ceil((api().cloud.clock.now() + 4 * 86_400_000) / minute) * minute);
  const arrivalAt = new Date(departureAt.getTime() + 12 * 3_600_000);
  const wallTime = (instant: Date) =>
    page.evaluate((iso) => {
      const d = new Date(iso);
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    }, instant.toISOString());
  await page.locator('[name="provider"]').fill('Transportes del Sur');
  await page.locator('[name="reference"]').fill('TDS-2201');
  await page.locator('[name="departureAt"]').fill(await wallTime(departureAt));
  await page.locator('[name="arrivalAt"]').fill(await wallTime(arrivalAt));
  await page.locator('[name="cost"]').fill('320');
  await page.locator('[name="escortSeat"]').check();
  await page.locator('form.task-form button[type="submit"]').click();
  await page.locator('.notice-done').waitFor();
  expect(sent).toHaveLength(1);
  expect((await taskOf('operations', task.taskId)).status).toBe('completed');
  const booked = await waitForStatus(api(), caseId, 'AWAITING_DEPARTURE');
  expect(booked.booking).toMatchObject({ bookedBy: 'manual', reference: 'TDS-2201', escortSeat: true });
  expect(Date.parse(booked.booking.departureAt)).toBe(departureAt.getTime());
  expect(Date.parse(booked.booking.arrivalAt)).toBe(arrivalAt.getTime());
  await context.close();
}, 120_000);

test('on a phone, in Spanish, the inbox and the approval fit the screen and read in Spanish', async () => {
  const caseId = await submitCase(api());
  const task = await inboxTask(api(), 'authority.mx', caseId, 'country_approval');
  const { context, page } = await signedIn('authority.mx', { language: 'es', width: 390 });
  await page.locator(`tr[data-task-id="${task.taskId}"]`).waitFor();
  expect(await text(page, 'h1')).toBe('Bandeja');
  expect(await scrollsSideways(page)).toBe(false);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await screenshot(page, 'inbox-phone');

  await openTask(page, task.taskId);
  await page.locator('.case-facts').waitFor();
  expect(await text(page, 'h1')).toBe(`Decidir la aprobación de México para el caso ${caseId}`);
  expect(await text(page, 'label[for="f-comment"]')).toContain('Comentario');
  expect(await text(page, '#f-decision legend')).toBe('Decisión');
  await page.locator('input[name="decision"][value="reject"]').check();
  await page.locator('form.task-form button[type="submit"]').click();
  await page.locator('#f-comment-error').waitFor();
  expect(await text(page, '#f-comment-error')).toBe('es obligatorio para rechazar: indique el motivo');
  expect(await scrollsSideways(page)).toBe(false);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await screenshot(page, 'task-phone');
  expect((await taskOf('authority.mx', task.taskId)).status).toBe('open');
  await context.close();
}, 90_000);

describe('after the departure: arrival, an overdue confirmation, and a check-in', () => {
  let arriving: string;
  let late: string;

  beforeAll(async () => {
    arriving = await submitCase(api());
    late = await submitCase(api());
    await travelling([arriving, late]);
  }, 180_000);

  test('the return country confirms an arrival through its form', async () => {
    const task = await inboxTask(api(), 'authority.hn', arriving, 'arrival_confirmation');
    const { context, page } = await signedIn('authority.hn');
    await openTask(page, task.taskId);
    const sent = completionsSent(page);
    expect(await page.locator('[name="arrivedOn"]').inputValue()).toBe(await localToday(api()));
    await page.locator('form.task-form button[type="submit"]').click();
    await page.locator('#f-receivedBy-error').waitFor();
    expect(await text(page, '#f-receivedBy-error')).toBe('must not be empty');
    expect(sent).toEqual([]);
    expect(await seriousAxeFindings(page)).toEqual([]);

    await page.locator('[name="receivedBy"]').fill('DINAF San Pedro Sula');
    await page.locator('[name="notes"]').fill('Llegó con su escolta.');
    await page.locator('form.task-form button[type="submit"]').click();
    await page.locator('.notice-done').waitFor();
    const done = await taskOf('authority.hn', task.taskId);
    expect(done).toMatchObject({
      status: 'completed',
      decision: { form: { arrivedOn: await localToday(api()) } },
    });
    await waitForStatus(api(), arriving, 'REINTEGRATION');
    await context.close();
  }, 90_000);

  test('an arrival confirmation past its due date is marked overdue in the inbox', async () => {
    const task = await inboxTask(api(), 'authority.hn', late, 'arrival_confirmation');
    await advancePast(api(), task.dueAt);
    expect((await taskOf('authority.hn', task.taskId)).overdue).toBe(true);
    const { context, page } = await signedIn('authority.hn');
    const row = page.locator(`tr[data-task-id="${task.taskId}"]`);
    await row.waitFor();
    expect(await row.locator('.badge.overdue').textContent()).toBe('Overdue');
    await screenshot(page, 'inbox-overdue');
    await context.close();
  }, 90_000);

  test('the reintegration officer records a check-in through its form, in Spanish', async () => {
    await eventually(async () => ((await caseOf(api(), arriving)).checkIns.length > 0 ? true : undefined));
    await api().advance('25d');
    const task = await inboxTask(api(), 'reintegration.hn', arriving, 'reintegration_checkin');
    const { context, page } = await signedIn('reintegration.hn', { language: 'es' });
    await openTask(page, task.taskId);
    const sent = completionsSent(page);
    expect(await text(page, 'h1')).toBe(`Registrar el seguimiento de reintegración del caso ${arriving}`);
    expect(await text(page, 'label[for="f-housing"]')).toBe('Vivienda');

    await page.locator('form.task-form button[type="submit"]').click();
    await page.locator('#f-contactMade-error').waitFor();
    expect(await text(page, '#f-contactMade-error')).toBe('debe elegir una opción');
    expect(await page.locator('select[name="housing"]').getAttribute('aria-invalid')).toBe('true');
    expect(await text(page, '#f-housing-error')).toBe('debe elegir una opción');
    expect(sent).toEqual([]);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await screenshot(page, 'task-checkin');

    await page.locator('input[name="contactMade"][value="yes"]').check();
    for (const finding of ['housing', 'workOrTraining', 'health', 'psychosocialSupport'] as const)
      await page.locator(`select[name="${finding}"]`).selectOption(CHECK_IN[finding]);
    await page
      .locator(`input[name="intendsToMigrateAgain"][value="${CHECK_IN.intendsToMigrateAgain}"]`)
      .check();
    await page.locator('[name="notes"]').fill(CHECK_IN.notes);
    await page.locator('form.task-form button[type="submit"]').click();
    await page.locator('.notice-done').waitFor();
    expect(await text(page, '.notice-done')).toBe('Listo: la tarea está completada.');
    expect(sent).toHaveLength(1);
    expect((await taskOf('reintegration.hn', task.taskId)).status).toBe('completed');
    const recorded = await eventually(async () => {
      const detail = await caseOf(api(), arriving);
      return detail.checkIns[0]?.status === 'completed' ? detail.checkIns[0] : undefined;
    });
    expect(recorded).toMatchObject({
      contactMade: true,
      housing: 'stable',
      workOrTraining: 'training',
      intendsToMigrateAgain: 'no',
    });
    await context.close();
  }, 90_000);
});
