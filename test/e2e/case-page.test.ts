/**
 * The case list, the case page and the audit log in a real browser, over cases set up through the
 * API: the consulate's list and its status filter kept in the URL; a case's status, progress,
 * timeline (in English and Spanish) and decisions; a country that may not see a case finding
 * nothing of it; a withdrawal that asks for a reason and a confirmation; the auditor reading a
 * chain that verifies. Each screen is checked with axe-core and at phone width.
 */
import type { Locator, Page } from 'playwright-core';
import { eventually } from '../support/eventually';
import { approveRoute, caseOf, contribute, submitCase, waitForStatus } from '../support/journey';
import {
  type BrowserHarness,
  screenshot,
  scrollsSideways,
  seriousAxeFindings,
  signIn,
  startBrowserHarness,
  tablesCutOff,
} from './support/browser';

let harness: BrowserHarness;
/** Approved by every country on its route: waits for the Secretariat's disbursement approval. */
let approved: string;
/** Waiting for the countries' approvals: the one withdrawn. */
let awaiting: string;

beforeAll(async () => {
  harness = await startBrowserHarness();
  const { api } = harness;
  await contribute(api, 50_000);
  approved = await submitCase(api);
  awaiting = await submitCase(api);
  await waitForStatus(api, approved, 'AWAITING_APPROVALS');
  await approveRoute(api, approved);
  await waitForStatus(api, approved, 'AWAITING_DISBURSEMENT').catch(async (error: Error) => {
    const failed = await caseOf(api, approved);
    throw new Error(`${error.message}: ${JSON.stringify(failed.failure ?? failed.timeline.at(-1))}`);
  });
  await waitForStatus(api, awaiting, 'AWAITING_APPROVALS');
}, 180_000);
afterAll(async () => harness?.stop());

const caseLinks = (page: Page) => page.locator('table.case-table tbody th a').allTextContents();
/** The list's case ids once they are `expected`, in any order (the list loads after the URL changes). */
const listedEventually = (page: Page, expected: string[]) =>
  eventually(
    async () => {
      const links = (await caseLinks(page)).sort();
      return JSON.stringify(links) === JSON.stringify([...expected].sort()) ? links : undefined;
    },
    10_000,
    `the list to show ${expected.join(', ')}`,
  );
/** An element's text, spaces collapsed (visually hidden text included: it is on the page too). */
const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
const mainText = (page: Page) => textOf(page.locator('main'));

test('the consulate lists its cases and filters them by status, the filter kept in the URL', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'consular.hn', '/cases');
  await page.locator('table.case-table').waitFor();
  await expect(page.locator('h1').textContent()).resolves.toBe('My cases');
  expect((await caseLinks(page)).sort()).toEqual([approved, awaiting].sort());
  const row = page.locator('table.case-table tbody tr', { has: page.locator(`a:text-is("${approved}")`) });
  expect(await textOf(row)).toMatch(/Awaiting disbursement[\s\S]*Honduras[\s\S]*Mexico → Honduras/);
  expect(await page.locator(`a:text-is("${approved}")`).getAttribute('href')).toBe(`/cases/${approved}`);
  expect(await seriousAxeFindings(page)).toEqual([]);
  expect(await tablesCutOff(page)).toEqual([]);
  await screenshot(page, 'case-list');

  await page.locator('select[name="status"]').selectOption('AWAITING_APPROVALS');
  await page.locator('form.case-filters button[type="submit"]').click();
  await page.waitForURL(/status=AWAITING_APPROVALS/);
  await listedEventually(page, [awaiting]);

  await page.reload();
  await page.locator('table.case-table').waitFor();
  expect(await caseLinks(page)).toEqual([awaiting]);
  expect(await page.locator('select[name="status"]').inputValue()).toBe('AWAITING_APPROVALS');
  expect(new URL(page.url()).search).toBe('?status=AWAITING_APPROVALS');

  // A consulate sees its own country's cases: there is no country to choose.
  expect(await page.locator('select[name="country"]').count()).toBe(0);
  await page.goto('/cases?status=CLOSED');
  await page.locator('main .notice').waitFor();
  expect(await mainText(page)).toContain('No cases match.');
  await context.close();
});

test('a "show more" page answered after the filter changed does not land in the new list', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  // The unfiltered list comes one case a page (so it has a "Show more"), and the page after it is
  // held until the filter has changed and the filtered list has arrived.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const cursorRequests: URL[] = [];
  await page.route(
    (url) => url.pathname === '/api/cases',
    async (route) => {
      const url = new URL(route.request().url());
      if (url.searchParams.has('cursor')) {
        cursorRequests.push(url);
        await held;
        await route.continue();
      } else if (!url.searchParams.has('status')) {
        url.searchParams.set('limit', '1');
        await route.continue({ url: url.toString() });
      } else {
        await route.continue();
      }
    },
  );
  await signIn(page, 'consular.hn', '/cases');
  await page.locator('table.case-table tbody tr').first().waitFor();
  expect(await caseLinks(page)).toHaveLength(1);
  await page.locator('button', { hasText: 'Show more' }).click();
  await eventually(async () => cursorRequests.length === 1 || undefined, 10_000, 'the next page to be asked');

  const status = (await caseOf(harness.api, approved)).status;
  await page.locator('select[name="status"]').selectOption(status);
  await page.locator('form.case-filters button[type="submit"]').click();
  await page.waitForURL(new RegExp(`status=${status}`));
  await listedEventually(page, [approved]);

  const late = page.waitForResponse((response) => response.url().includes('cursor='));
  release();
  await late;
  // Let the page handle the late answer before reading it.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
  expect(await caseLinks(page)).toEqual([approved]);
  expect(await textOf(page.locator('table.case-table caption'))).toBe('1 case');
  expect(await page.locator('button', { hasText: 'Show more' }).count()).toBe(0);
  // The one cursor sent went with the filters that produced it (none), not with the new status.
  expect(cursorRequests.map((url) => url.searchParams.get('status'))).toEqual([null]);
  await context.close();
});

test("a link to a filtered list, as the Secretariat's board gives, opens that list", async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'secretariat', '/cases?status=AWAITING_DISBURSEMENT&country=MX');
  await listedEventually(page, [approved]);
  expect(await page.locator('select[name="status"]').inputValue()).toBe('AWAITING_DISBURSEMENT');
  expect(await page.locator('select[name="country"]').inputValue()).toBe('MX');
  await page.goto('/cases?country=CA');
  await page.locator('main .notice').waitFor();
  expect(await mainText(page)).toContain('No cases match.');
  await page.goto('/cases?country=HN');
  await listedEventually(page, [awaiting, approved]);
  await context.close();
});

test('the list fits a phone without sideways scrolling', async () => {
  const context = await harness.context({ width: 390 });
  const page = await context.newPage();
  await signIn(page, 'consular.hn', '/cases');
  await page.locator('table.case-table').waitFor();
  expect(await scrollsSideways(page)).toBe(false);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await screenshot(page, 'case-list-phone');
  await context.close();
});

test('the case page shows the status, the progress, the timeline in both languages and the decisions', async () => {
  const detail = await caseOf(harness.api, approved);
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'consular.hn', `/cases/${approved}`);
  await page.locator('.stepper').waitFor();
  await expect(page.locator('h1').textContent()).resolves.toBe(`Case ${approved}`);
  expect(await page.locator('.case-name').textContent()).toBe(detail.displayName);
  expect(await page.locator('.case-header .badge').textContent()).toBe('Awaiting disbursement');

  const current = page.locator('.stepper li[aria-current="step"]');
  expect(await current.count()).toBe(1);
  expect(await textOf(current)).toMatch(/Awaiting disbursement/);
  expect(await page.locator('.stepper li.step-done .step-name').allTextContents()).toEqual([
    'Submitted (done)',
    'Awaiting approvals (done)',
  ]);
  expect(await textOf(page.locator('.stepper li').last())).toMatch(/Closed/);

  const timeline = await page.locator('.timeline li .sentence').allTextContents();
  expect(timeline).toEqual(
    [...detail.timeline]
      .sort((a: { at: string }, b: { at: string }) => a.at.localeCompare(b.at))
      .map((entry: { en: string }) => entry.en),
  );
  expect(timeline).toContain('Request submitted.');

  const approvals = page.locator('table.approvals tbody tr');
  expect(await approvals.count()).toBe(4);
  expect(await textOf(page.locator('tr[data-approval="disbursement"]'))).toMatch(/Secretariat\s*Pending/);
  for (const [country, name, user] of [
    ['MX', 'Mexico', 'authority.mx'],
    ['GT', 'Guatemala', 'authority.gt'],
    ['HN', 'Honduras', 'authority.hn'],
  ]) {
    const text = await textOf(page.locator(`tr[data-approval$="-${country}"]`));
    expect(text).toContain(name);
    expect(text).toContain('Approved');
    expect(text).toContain(user);
  }
  const amounts = page.locator('section[aria-labelledby="case-amounts-heading"] .facts');
  expect(await amounts.locator('dt').allTextContents()).toEqual(['Requested', 'Reserved', 'Disbursed']);
  expect(await amounts.locator('dd').allTextContents()).toEqual(['$780.00', '$780.00', '$0.00']);
  expect(await page.locator('a[href$="/audit"]').count()).toBe(0);
  expect(await seriousAxeFindings(page)).toEqual([]);
  expect(await tablesCutOff(page)).toEqual([]);
  await screenshot(page, 'case-page-desktop');

  await page.locator('select[name="language"]').selectOption('es');
  await expect(page.locator('h1').textContent()).resolves.toBe(`Caso ${approved}`);
  expect(await page.locator('.timeline li .sentence').allTextContents()).toContain('Solicitud presentada.');
  expect(await textOf(page.locator('.stepper li[aria-current="step"]'))).toMatch(/paso actual/);
  expect(await textOf(page.locator(`tr[data-approval$="-MX"]`))).toContain('Aprobada');
  expect(await seriousAxeFindings(page)).toEqual([]);
  await context.close();
});

test('the case page reads on a phone without sideways scrolling', async () => {
  const context = await harness.context({ width: 390 });
  const page = await context.newPage();
  await signIn(page, 'consular.hn', `/cases/${approved}`);
  await page.locator('.stepper').waitFor();
  expect(await scrollsSideways(page)).toBe(false);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await screenshot(page, 'case-page-phone');
  await context.close();
});

test('a country the case does not concern finds nothing of it by its link', async () => {
  const detail = await caseOf(harness.api, approved);
  expect((await harness.api.call('authority.ca', 'GET', `/api/cases/${approved}`)).status).toBe(404);
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'authority.ca', `/cases/${approved}`);
  await page.locator('main [role="alert"]').waitFor();
  const text = await mainText(page);
  expect(text).toContain('Not found, or not yours to see.');
  expect(text).not.toContain(detail.displayName);
  expect(text).not.toContain(detail.request.migrant.familyNames);
  expect(text).not.toContain('Tapachula');
  expect(text).not.toContain('Request submitted.');
  expect(text).not.toContain('Awaiting disbursement');
  expect(await page.locator('.stepper, .timeline, .facts, table').count()).toBe(0);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await context.close();
});

test('a transit country reads the part of the case it needs, and may not withdraw it', async () => {
  const detail = await caseOf(harness.api, approved);
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'authority.gt', `/cases/${approved}`);
  await page.locator('.stepper').waitFor();
  expect(await page.locator('.case-name').textContent()).toBe(detail.displayName);
  const text = await mainText(page);
  expect(text).toContain('What a transit country needs');
  // The transit profile carries neither where the person is staying nor the costs.
  expect(text).not.toContain('Tapachula');
  expect(text).not.toContain('Costs');
  expect(await page.locator('.case-withdraw, a[href$="/audit"]').count()).toBe(0);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await context.close();
});

test('withdrawing asks for a reason and a confirmation, shows a refusal, then the case is withdrawn', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'consular.hn', `/cases/${awaiting}`);
  await page.locator('.case-withdraw').waitFor();
  const dialog = page.locator('.case-withdraw dialog');

  // No reason: refused beside the field, nothing asked of the API.
  await page.locator('.case-withdraw button[type="submit"]').click();
  await expect(page.locator('#f-reason-error').textContent()).resolves.toBe('must not be empty');
  expect(await page.locator('#f-reason').getAttribute('aria-invalid')).toBe('true');
  expect(await page.locator('#f-reason').getAttribute('aria-describedby')).toContain('f-reason-error');
  expect(await dialog.isVisible()).toBe(false);

  // A reason: the confirmation names what ends; keeping the request changes nothing.
  const reason = 'Decidió quedarse con su familia en México.';
  await page.locator('#f-reason').fill(reason);
  await page.locator('.case-withdraw button[type="submit"]').click();
  await dialog.waitFor();
  expect(await textOf(dialog)).toMatch(/cannot be reopened[\s\S]*Decidió quedarse/);
  expect(await page.locator('#f-reason-error').count()).toBe(0);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await dialog.locator('button', { hasText: 'Keep the request' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect((await caseOf(harness.api, awaiting)).status).toBe('AWAITING_APPROVALS');

  // The API refuses (as after departure): its message is shown.
  await page.route('**/api/cases/*/withdraw', (route) =>
    route.fulfill({
      status: 409,
      contentType: 'application/json',
      body: JSON.stringify({
        error: 'CaseNotWithdrawableError',
        message: `case ${awaiting} departed on 2026-01-02: it can no longer be withdrawn`,
      }),
    }),
  );
  await page.locator('.case-withdraw button[type="submit"]').click();
  await dialog.locator('button[data-confirm="withdraw"]').click();
  await expect(textOf(page.locator('.case-withdraw [role="alert"]'))).resolves.toContain(
    'it can no longer be withdrawn',
  );
  await page.unroute('**/api/cases/*/withdraw');

  await page.locator('.case-withdraw button[type="submit"]').click();
  await dialog.locator('button[data-confirm="withdraw"]').click();
  await page.locator('.case-header .badge', { hasText: 'Withdrawn' }).waitFor();
  await expect(textOf(page.locator('main .notice[role="status"]'))).resolves.toContain('withdrawn');
  expect(await textOf(page.locator('.stepper li[aria-current="step"]'))).toMatch(/Withdrawn \(ended here\)/);
  expect(await page.locator('.case-withdraw').count()).toBe(0);
  expect(await mainText(page)).toContain(reason);

  const stored = await caseOf(harness.api, awaiting);
  expect(stored.status).toBe('WITHDRAWN');
  expect(stored.withdrawal.reason).toBe(reason);
  await context.close();
});

test("the auditor reads the case's audit log and is told the chain verifies", async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'auditor', `/cases/${approved}`);
  await page.locator('a[href$="/audit"]').click();
  await page.waitForURL(`**/cases/${approved}/audit`);
  await page.locator('.chain-verdict').waitFor();
  expect(await textOf(page.locator('.chain-verdict'))).toContain('The chain verifies');
  const audit = (await harness.api.call('auditor', 'GET', `/api/cases/${approved}/audit?limit=100`)).body;
  expect(audit.chainValid).toBe(true);
  const rows = page.locator('table.audit-table tbody tr');
  // The auditor's own reading of the case is in the chain the page asked for, and may come after.
  expect(await rows.count()).toBeGreaterThanOrEqual(audit.items.length - 1);
  // Each action and detail in words, with the recorded code beside it.
  expect(await textOf(rows.first())).toMatch(/^1\D[\s\S]*Request submitted case\.submitted/);
  const opened = rows.filter({ hasText: 'task.created' }).first();
  expect(await textOf(opened.locator('[data-key="kind"] dd'))).toMatch(/^Country approval country_approval$/);
  expect(await textOf(opened.locator('[data-key="country"] dt'))).toBe('Country');
  expect(await seriousAxeFindings(page)).toEqual([]);
  expect(await tablesCutOff(page)).toEqual([]);
  await screenshot(page, 'audit-log');
  await context.close();

  // In Spanish the same log reads in Spanish, codes unchanged.
  const spanish = await harness.context({ language: 'es' });
  const es = await spanish.newPage();
  await signIn(es, 'auditor', `/cases/${approved}/audit`);
  const esRows = es.locator('table.audit-table tbody tr');
  await esRows.first().waitFor();
  expect(await textOf(esRows.first())).toMatch(/Solicitud presentada case\.submitted/);
  const esOpened = esRows.filter({ hasText: 'task.created' }).first();
  expect(await textOf(esOpened.locator('[data-key="country"] dt'))).toBe('País');
  expect(await textOf(esOpened.locator('[data-key="kind"] dd'))).toContain('country_approval');
  await spanish.close();
});
