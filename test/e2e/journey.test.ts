/**
 * One case the whole way through the web app, each step done by its own user in the browser:
 * the consulate's request form, the approval of each country on the route (exit, transit,
 * return) from their inboxes, the Secretariat's disbursement, the booking the provider makes,
 * the return country's arrival confirmation and the reintegration officer's first check-in; then
 * the consulate follows it all on the case page. Only the clock is moved through the API.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import {
  advancePast,
  caseOf,
  contribute,
  expectFundBalanced,
  fundOf,
  inboxTask,
  waitForStatus,
} from '../support/journey';
import {
  type BrowserHarness,
  screenshot,
  signIn,
  startBrowserHarness,
  tablesCutOff,
} from './support/browser';
import { fillAdultRequest } from './support/request-form';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
  await contribute(harness.api, 20_000);
}, 120_000);
afterAll(async () => harness?.stop());

async function as(user: string, path = '/') {
  const context = await harness.context({ localClock: true });
  const page = await context.newPage();
  await signIn(page, user, path);
  return { context, page };
}

/** Opens the task from the user's inbox (the row of this case's task) and answers its page. */
async function openFromInbox(page: Page, taskId: string, inbox = '/tasks') {
  if (new URL(page.url()).pathname !== '/tasks') await page.goto(inbox);
  await page.locator(`tr[data-task-id="${taskId}"] th a`).click();
  await page.waitForURL(new RegExp(`/tasks/${taskId}$`));
  await page.locator('form.task-form').waitFor();
}

async function approve(page: Page) {
  await page.locator('input[name="decision"][value="approve"]').check();
  await page.locator('form.task-form button[type="submit"]').click();
  await page.locator('dialog.confirm-decision').waitFor();
  await page.locator('dialog button', { hasText: 'Confirm: approve' }).click();
  await page.locator('.notice-done').waitFor();
}

test('a case goes from the consular form to its first check-in, each step by its user', async () => {
  const api = harness.api;
  const before = await fundOf(api);

  // The consulate in Tapachula submits the request for a Honduran woman going home overland.
  const consulate = await as('consular.hn', '/cases/new');
  await fillAdultRequest(consulate.page, `Journey ${randomBytes(3).toString('hex')}`);
  await consulate.page.getByRole('button', { name: 'Submit request' }).click();
  await consulate.page.waitForURL(/\/cases\/(?!new)[^/]+$/);
  const caseId = decodeURIComponent(new URL(consulate.page.url()).pathname.split('/').pop() as string);
  await consulate.context.close();
  await waitForStatus(api, caseId, 'AWAITING_APPROVALS');

  // Mexico (exit), Guatemala (transit) and Honduras (return) each approve from their inbox.
  for (const user of ['authority.mx', 'authority.gt', 'authority.hn']) {
    const task = await inboxTask(api, user, caseId, 'country_approval');
    const { context, page } = await as(user);
    await openFromInbox(page, task.taskId);
    await approve(page);
    await context.close();
  }

  // The Secretariat approves the disbursement from its "Disbursements" list.
  await waitForStatus(api, caseId, 'AWAITING_DISBURSEMENT');
  const disbursement = await inboxTask(api, 'secretariat', caseId, 'disbursement_approval');
  const secretariat = await as('secretariat');
  await secretariat.page.locator('nav .nav-items a', { hasText: 'Disbursements' }).click();
  await openFromInbox(secretariat.page, disbursement.taskId, '/tasks?kind=disbursement_approval');
  await approve(secretariat.page);
  await secretariat.context.close();

  // The provider books the travel; at the departure the person is travelling.
  const booked = await waitForStatus(api, caseId, 'AWAITING_DEPARTURE', 60_000);
  await advancePast(api, booked.booking.departureAt);
  await waitForStatus(api, caseId, 'TRAVELLING');

  // Honduras confirms the arrival through its form.
  const arrival = await inboxTask(api, 'authority.hn', caseId, 'arrival_confirmation');
  const reception = await as('authority.hn');
  await openFromInbox(reception.page, arrival.taskId);
  await reception.page.locator('[name="receivedBy"]').fill('DINAF San Pedro Sula');
  await reception.page.locator('form.task-form button[type="submit"]').click();
  await reception.page.locator('.notice-done').waitFor();
  await reception.context.close();
  await waitForStatus(api, caseId, 'REINTEGRATION');

  // A month later the reintegration officer records the first check-in.
  await eventually(async () => ((await caseOf(api, caseId)).checkIns.length > 0 ? true : undefined));
  await api.advance('25d');
  const checkIn = await inboxTask(api, 'reintegration.hn', caseId, 'reintegration_checkin');
  const officer = await as('reintegration.hn');
  await openFromInbox(officer.page, checkIn.taskId);
  await officer.page.locator('input[name="contactMade"][value="yes"]').check();
  await officer.page.locator('select[name="housing"]').selectOption('stable');
  await officer.page.locator('select[name="workOrTraining"]').selectOption('training');
  await officer.page.locator('select[name="health"]').selectOption('good');
  await officer.page.locator('select[name="psychosocialSupport"]').selectOption('receiving');
  await officer.page.locator('input[name="intendsToMigrateAgain"][value="no"]').check();
  await officer.page.locator('form.task-form button[type="submit"]').click();
  await officer.page.locator('.notice-done').waitFor();
  await officer.context.close();

  // The consulate follows it on the case page: every decision, the travel, the check-in.
  const detail = await eventually(async () => {
    const current = await caseOf(api, caseId);
    return current.checkIns[0]?.status === 'completed' ? current : undefined;
  });
  expect(detail.status).toBe('REINTEGRATION');
  expect(detail.approvals.map((a: { status: string }) => a.status)).toEqual([
    'approved',
    'approved',
    'approved',
    'approved',
  ]);
  const follow = await as('consular.hn', `/cases/${caseId}`);
  const page = follow.page;
  await page.locator('[aria-current="step"]').waitFor();
  expect(await page.locator('[aria-current="step"]').textContent()).toContain('Reintegration');
  const shown = (await page.locator('main').textContent()) ?? '';
  expect(shown).toContain(booked.booking.reference);
  expect(shown).toContain('Stable');
  for (const entry of detail.timeline as Array<{ en: string }>) expect(shown).toContain(entry.en);
  expect(await tablesCutOff(page)).toEqual([]);
  await screenshot(page, 'journey-case-page');
  await follow.context.close();

  // Money moved once: reserved, then disbursed, and the fund still balances.
  const after = await fundOf(api);
  expectFundBalanced(after);
  expect(detail.amounts.disbursedUsd).toBeGreaterThan(0);
  expect(after.disbursed - before.disbursed).toBeCloseTo(detail.amounts.disbursedUsd, 2);
}, 300_000);
