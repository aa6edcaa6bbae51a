/**
 * The Secretariat's fund screen and board in a real browser, over a local cloud whose state is set
 * through the API: a contribution, cases waiting on the route's approvals, one disbursed. The fund's
 * figures read as the API's numbers in money of the interface's language, the tables beside the
 * charts hold the ledger's sums, Chart.js loads with the fund screen only, a contribution made in
 * the form is stored (and a bad one is not, with its errors beside the fields), the auditor reads
 * without the form; the board counts the open tasks by country and kind, links each count to the
 * case list, and puts an overdue task first.
 */
import { randomBytes } from 'node:crypto';
import type { Page, Request } from 'playwright-core';
import { approveRoute, complete, submitCase, waitForStatus } from '../support/journey';
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
/** Cases waiting on their approvals, and one past its disbursement. */
let waiting: string[] = [];
let disbursed: string;
let firstReference: string;

interface Entry {
  entryKey: string;
  type: string;
  amount: number;
  caseId?: string;
  reference?: string;
  country?: string;
  at: string;
}

const money = (usd: number, locale = 'en-US') =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' }).format(usd);
const spaces = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

async function apiFund() {
  return (await harness.api.call('secretariat', 'GET', '/api/funds/rcm-reserve')).body as {
    capital: number;
    available: number;
    reserved: number;
    disbursed: number;
  };
}

async function apiLedger(): Promise<Entry[]> {
  const entries: Entry[] = [];
  let cursor = '';
  do {
    const page = (
      await harness.api.call(
        'secretariat',
        'GET',
        `/api/funds/rcm-reserve/ledger?limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      )
    ).body as { items: Entry[]; nextCursor?: string };
    entries.push(...page.items);
    cursor = page.nextCursor ?? '';
  } while (cursor);
  return entries;
}

async function contributeByApi(amount: number, country: string): Promise<string> {
  const reference = `e2e-${randomBytes(4).toString('hex')}`;
  const answer = await harness.api.call('secretariat', 'POST', '/api/funds/rcm-reserve/contributions', {
    country,
    amount,
    reference,
  });
  expect(answer.status).toBe(201);
  return reference;
}

async function figure(page: Page, key: string): Promise<string> {
  return spaces(await page.locator(`[data-figure="${key}"] dd`).textContent());
}

/** Opens the fund screen and waits for its ledger table. */
async function openFund(page: Page, user: string) {
  await signIn(page, user, '/fund');
  await page.locator('table[data-table="ledger"] tbody tr').first().waitFor();
}

beforeAll(async () => {
  harness = await startBrowserHarness();
  firstReference = await contributeByApi(20_000, 'PA');
  await contributeByApi(7_500.25, 'MX');
  waiting = [await submitCase(harness.api), await submitCase(harness.api)];
  disbursed = await submitCase(harness.api);
  for (const caseId of [...waiting, disbursed])
    await waitForStatus(harness.api, caseId, 'AWAITING_APPROVALS');
  await approveRoute(harness.api, disbursed);
  await complete(harness.api, 'secretariat', disbursed, 'disbursement_approval');
  await waitForStatus(harness.api, disbursed, 'AWAITING_DEPARTURE');
}, 180_000);
afterAll(async () => harness?.stop());

test('the fund shows the API’s figures, the ledger, and tables beside the charts that hold the ledger’s sums', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await openFund(page, 'secretariat');
  const fund = await apiFund();
  for (const key of ['capital', 'available', 'reserved', 'disbursed'] as const)
    expect(await figure(page, key)).toBe(money(fund[key]));
  expect(fund.disbursed).toBeGreaterThan(0);

  // The ledger lists the contribution, with its reference and contributing country.
  const row = page.locator(`table[data-table="ledger"] tr[data-entry="contribution#${firstReference}"]`);
  expect(spaces(await row.textContent())).toContain(firstReference);
  expect(spaces(await row.textContent())).toContain('Panama');
  expect(spaces(await row.textContent())).toContain(money(20_000));

  // The expected sums, computed here from the API's ledger (read in small pages).
  const ledger = await apiLedger();
  const byMonth = new Map<string, Record<string, number>>();
  for (const entry of ledger) {
    const month = entry.at.slice(0, 7);
    const sums = byMonth.get(month) ?? {};
    sums[entry.type] = Math.round(((sums[entry.type] ?? 0) + entry.amount) * 100) / 100;
    byMonth.set(month, sums);
  }
  expect(await page.locator('table[data-table="by-month"] tbody tr').count()).toBe(byMonth.size);
  for (const [month, sums] of byMonth)
    for (const kind of ['contribution', 'reservation', 'release', 'disbursement', 'reversal'])
      expect(
        spaces(
          await page
            .locator(`table[data-table="by-month"] tr[data-month="${month}"] td[data-kind="${kind}"]`)
            .textContent(),
        ),
      ).toBe(money(sums[kind] ?? 0));

  // Contributions by contributing country; disbursements by the case's return country (HN).
  const returnCountry = (
    (await harness.api.call('secretariat', 'GET', '/api/cases?limit=100')).body.items as Array<{
      caseId: string;
      returnCountry: string;
    }>
  ).find((item) => item.caseId === disbursed)?.returnCountry;
  const byCountry = new Map<string, { contributions: number; disbursements: number }>();
  for (const entry of ledger) {
    const country =
      entry.type === 'contribution'
        ? entry.country
        : entry.type === 'disbursement'
          ? returnCountry
          : undefined;
    if (!country) continue;
    const sums = byCountry.get(country) ?? { contributions: 0, disbursements: 0 };
    if (entry.type === 'contribution')
      sums.contributions = Math.round((sums.contributions + entry.amount) * 100) / 100;
    else sums.disbursements = Math.round((sums.disbursements + entry.amount) * 100) / 100;
    byCountry.set(country, sums);
  }
  expect(byCountry.get('HN')?.disbursements).toBe(fund.disbursed);
  const countryTable = page.locator('table[data-table="by-country"]');
  await countryTable.waitFor();
  expect(await countryTable.locator('tbody tr').count()).toBe(byCountry.size);
  for (const [country, sums] of byCountry) {
    const cells = countryTable.locator(`tr[data-country="${country}"]`);
    expect(spaces(await cells.locator('td[data-kind="contributions"]').textContent())).toBe(
      money(sums.contributions),
    );
    expect(spaces(await cells.locator('td[data-kind="disbursements"]').textContent())).toBe(
      money(sums.disbursements),
    );
  }

  // Each chart is drawn (pixels on its canvas), an image whose text alternative names its table.
  for (const name of ['by-month', 'by-country']) {
    const canvas = page.locator(`canvas[data-chart="${name}"]`);
    expect(await canvas.getAttribute('role')).toBe('img');
    expect(await canvas.getAttribute('aria-label')).toMatch(/table/);
    await page.waitForFunction((selector) => {
      const element = document.querySelector(selector) as HTMLCanvasElement | null;
      if (!element || element.width === 0) return false;
      const pixels = element.getContext('2d')?.getImageData(0, 0, element.width, element.height).data ?? [];
      for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) return true;
      return false;
    }, `canvas[data-chart="${name}"]`);
  }
  expect(await seriousAxeFindings(page)).toEqual([]);
  expect(await tablesCutOff(page)).toEqual([]);
  await screenshot(page, 'fund-desktop');
  await context.close();
}, 60_000);

test('Chart.js is downloaded with the fund screen only, never on the board or the case list', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  const scripts: Request[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request);
  });
  await signIn(page, 'secretariat', '/board');
  await page.locator('table[data-table="open-tasks"]').waitFor();
  await page.goto('/cases');
  await page.locator('h1').waitFor();
  await page.waitForLoadState('networkidle');
  // Each script the page asked for, fetched again by its address (its text is the same file).
  const bodies = () =>
    Promise.all(scripts.map(async (request) => (await context.request.get(request.url())).text()));
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((request) => /fund-charts/.test(request.url()))).toEqual([]);
  // No script it loaded carries Chart.js's code (its registry's own error message).
  expect((await bodies()).some((body) => body.includes('is not a registered'))).toBe(false);

  // Opened from the menu, the fund screen brings it: the control that the check above can fail.
  // The chunk is imported after the screen renders, and a client-side navigation has no load
  // state to wait on: wait for its request instead (this fails by timeout if it never comes).
  const chartChunk = page.waitForRequest(/\/chunks\/fund-charts-[A-Z0-9]+\.js$/);
  await page.locator('nav .nav-items a[href="/fund"]').click();
  await page.locator('canvas[data-chart="by-month"]').waitFor();
  await chartChunk;
  await page.waitForLoadState('networkidle');
  expect(scripts.some((request) => /\/chunks\/fund-charts-[A-Z0-9]+\.js$/.test(request.url()))).toBe(true);
  expect((await bodies()).some((body) => body.includes('is not a registered'))).toBe(true);
  await context.close();
}, 60_000);

test('a contribution made in the form is stored and shown; an invalid one shows its errors beside the fields and stores nothing', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await openFund(page, 'secretariat');
  const before = await apiFund();
  const entriesBefore = (await apiLedger()).length;

  // Nothing typed, then too many decimals: the contract's issues, beside each field and summed up.
  await page.locator('button[type="submit"]', { hasText: 'Review the contribution' }).click();
  await page.locator('.error-summary[role="alert"]').waitFor();
  for (const field of ['country', 'amount', 'reference']) {
    expect(await page.locator(`#f-${field}`).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#f-${field}-error`).isVisible()).toBe(true);
  }
  await page.locator('#f-amount').fill('12.345');
  await page.locator('button[type="submit"]').click();
  await expect(page.locator('#f-amount-error').textContent()).resolves.toBe(
    'must have at most 2 decimals (whole cents)',
  );
  expect(await apiFund()).toEqual(expect.objectContaining({ capital: before.capital }));
  expect((await apiLedger()).length).toBe(entriesBefore);

  // A valid one is confirmed first, then recorded: the figures, the ledger and the API show it.
  const reference = `form-${randomBytes(4).toString('hex')}`;
  await page.locator('#f-country').selectOption('CR');
  await page.locator('#f-amount').fill('1234.56');
  await page.locator('#f-reference').fill(reference);
  await page.locator('button[type="submit"]').click();
  const confirm = page.locator('article.confirm');
  expect(spaces(await confirm.textContent())).toContain(
    `Record ${money(1234.56)} from Costa Rica, reference ${reference}?`,
  );
  expect((await apiLedger()).length).toBe(entriesBefore);
  await confirm.locator('button', { hasText: 'Record the contribution' }).click();
  await page.locator('[data-outcome="recorded"]').waitFor();
  const capital = Math.round((before.capital + 1234.56) * 100) / 100;
  expect((await apiFund()).capital).toBe(capital);
  await page.waitForFunction(
    ([expected]) =>
      document.querySelector('[data-figure="capital"] dd')?.textContent?.replace(/\s+/g, ' ') === expected,
    [money(capital)],
  );
  const row = page.locator(`table[data-table="ledger"] tr[data-entry="contribution#${reference}"]`);
  await row.waitFor();
  expect(spaces(await row.textContent())).toContain('Costa Rica');
  const stored = (await apiLedger()).filter((entry) => entry.reference === reference);
  expect(stored).toEqual([expect.objectContaining({ type: 'contribution', amount: 1234.56, country: 'CR' })]);

  // The same reference again: the form says it is there; the API answers the entry and adds nothing.
  await page.locator('#f-country').selectOption('CR');
  await page.locator('#f-amount').fill('1234.56');
  await page.locator('#f-reference').fill(reference);
  await page.locator('button[type="submit"]').click();
  expect(spaces(await confirm.textContent())).toContain('This reference is already in the ledger');
  await confirm.locator('button', { hasText: 'Record the contribution' }).click();
  await page.locator('[data-outcome="repeated"]').waitFor();
  expect((await apiFund()).capital).toBe(capital);
  expect((await apiLedger()).filter((entry) => entry.reference === reference)).toHaveLength(1);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await context.close();
}, 60_000);

test('the auditor reads the fund without the form', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await openFund(page, 'auditor');
  expect(await figure(page, 'capital')).toBe(money((await apiFund()).capital));
  expect(await page.locator('#contribution-heading').count()).toBe(0);
  expect(await page.locator('main form').count()).toBe(0);
  expect(await page.locator('#f-amount').count()).toBe(0);
  await context.close();
});

test('at phone width in Spanish the fund reads as money of es-419 and does not scroll sideways', async () => {
  const context = await harness.context({ language: 'es', width: 390 });
  const page = await context.newPage();
  await openFund(page, 'secretariat');
  expect(await figure(page, 'capital')).toBe(spaces(money((await apiFund()).capital, 'es-419')));
  await page.locator('canvas[data-chart="by-month"]').waitFor();
  expect(await scrollsSideways(page)).toBe(false);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await screenshot(page, 'fund-phone');
  await context.close();
});

interface ApiTask {
  taskId: string;
  kind: string;
  caseId: string;
  assignedRole: string;
  assignedCountry?: string;
  overdue: boolean;
  dueAt: string;
}

async function openTasks(): Promise<ApiTask[]> {
  const tasks: ApiTask[] = [];
  let cursor = '';
  do {
    const page = (
      await harness.api.call(
        'secretariat',
        'GET',
        `/api/tasks?view=all&status=open&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      )
    ).body as { items: ApiTask[]; nextCursor?: string };
    tasks.push(...page.items);
    cursor = page.nextCursor ?? '';
  } while (cursor);
  return tasks;
}

test('the board counts the open tasks by country and kind, and each count opens the filtered case list', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'secretariat', '/board');
  const table = page.locator('table[data-table="open-tasks"]');
  await table.waitFor();
  const expected = new Map<string, number>();
  for (const task of await openTasks()) {
    const key = `${task.assignedCountry ?? `role:${task.assignedRole}`}|${task.kind}`;
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  // The two cases still waiting wait on each country of their route (MX exit, GT transit, HN return).
  for (const country of ['MX', 'GT', 'HN'])
    expect(expected.get(`${country}|country_approval`)).toBe(waiting.length);
  for (const [key, count] of expected) {
    const [assignee, kind] = key.split('|');
    const link = table.locator(`tr[data-assignee="${assignee}"] td[data-kind="${kind}"] a`);
    expect(spaces(await link.textContent())).toBe(`${count}`);
  }
  expect(await table.locator('tbody tr').count()).toBe(
    new Set([...expected.keys()].map((k) => k.split('|')[0])).size,
  );
  expect(await seriousAxeFindings(page)).toEqual([]);
  expect(await tablesCutOff(page)).toEqual([]);
  await screenshot(page, 'board');

  await table.locator('tr[data-assignee="MX"] td[data-kind="country_approval"] a').click();
  await page.waitForURL(/\/cases\?/);
  const url = new URL(page.url());
  expect(url.pathname).toBe('/cases');
  expect(Object.fromEntries(url.searchParams)).toEqual({ status: 'AWAITING_APPROVALS', country: 'MX' });
  await context.close();

  const phone = await harness.context({ width: 390 });
  const phonePage = await phone.newPage();
  await signIn(phonePage, 'auditor', '/board');
  await phonePage.locator('table[data-table="open-tasks"]').waitFor();
  expect(await scrollsSideways(phonePage)).toBe(false);
  await screenshot(phonePage, 'board-phone');
  await phone.close();
}, 60_000);

test('an arrival not confirmed by its due date is listed first, and its country’s row leads the board', async () => {
  // The disbursed case departs; the return country's arrival confirmation then runs past its date.
  const booked = await waitForStatus(harness.api, disbursed, 'AWAITING_DEPARTURE');
  const untilDeparture = Date.parse(booked.booking.departureAt) - harness.api.cloud.clock.now();
  await harness.api.advance(`${Math.ceil(untilDeparture / 60_000) + 1}m`);
  await waitForStatus(harness.api, disbursed, 'TRAVELLING');
  const arrival = await (async () => {
    for (let i = 0; i < 60; i++) {
      const task = (await openTasks()).find(
        (t) => t.caseId === disbursed && t.kind === 'arrival_confirmation',
      );
      if (task) return task;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error('no arrival confirmation task');
  })();
  await harness.api.advance(
    `${Math.ceil((Date.parse(arrival.dueAt) - harness.api.cloud.clock.now()) / 60_000) + 1}m`,
  );
  expect((await openTasks()).find((t) => t.taskId === arrival.taskId)?.overdue).toBe(true);

  // Signed in again after the clock moved (tokens follow the local clock).
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'secretariat', '/board');
  const overdue = page.locator('table[data-table="overdue"] tbody tr');
  await overdue.first().waitFor();
  expect(await overdue.first().getAttribute('data-task')).toBe(arrival.taskId);
  expect(spaces(await overdue.first().textContent())).toContain('Arrival confirmation');
  expect(spaces(await overdue.first().textContent())).toContain('Honduras');
  const firstRow = page.locator('table[data-table="open-tasks"] tbody tr').first();
  expect(await firstRow.getAttribute('data-assignee')).toBe('HN');
  expect(spaces(await firstRow.locator('td[data-kind="arrival_confirmation"] a').textContent())).toBe(
    '1 (1 overdue)',
  );
  await firstRow.locator('td[data-kind="arrival_confirmation"] a').click();
  await page.waitForURL(/\/cases\?/);
  expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({
    status: 'TRAVELLING',
    country: 'HN',
  });
  await context.close();
}, 90_000);
