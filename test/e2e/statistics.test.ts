/**
 * The statistics screen in a real browser, over cases driven through the API: the page shows the
 * API's own numbers, its filters (kept in the address) change them, the CSV download holds the
 * same numbers, Spanish headings, a bad month named beside its field, no serious axe finding, and
 * no sideways scrolling on a phone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { RCM_COUNTRIES } from '../../shared/countries';
import { complete, contribute, submitCase, waitForStatus } from '../support/journey';
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

beforeAll(async () => {
  harness = await startBrowserHarness();
  const { api } = harness;
  await contribute(api, 10_000);
  // Through Mexico and Guatemala, rejected by Mexico; and one straight from Guatemala.
  const viaMexico = await submitCase(api);
  const fromGuatemala = await submitCase(api, {
    location: { country: 'GT', city: 'Ciudad de Guatemala', facility: 'Casa del Migrante' },
    route: { mode: 'land', transitCountries: [] },
    consent: { dataTransferConsent: ['GT', 'HN'] },
  });
  await waitForStatus(api, viaMexico, 'AWAITING_APPROVALS');
  await waitForStatus(api, fromGuatemala, 'AWAITING_APPROVALS');
  await complete(api, 'authority.mx', viaMexico, 'country_approval', {
    decision: 'reject',
    comment: 'Sin documentos de viaje',
  });
  await waitForStatus(api, viaMexico, 'REJECTED');
}, 180_000);
afterAll(async () => harness?.stop());

// biome-ignore lint/suspicious/noExplicitAny: the answer is read as loosely typed JSON
async function statistics(query = ''): Promise<any> {
  const answer = await harness.api.call('secretariat', 'GET', `/api/statistics${query}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

/** A table's body rows as the page shows them: the row's heading, then its cells. */
async function rowsOf(page: Page, id: string): Promise<string[][]> {
  return page
    .locator(`#statistics-${id} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
    );
}

const en = {
  number: (value: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(value),
  days: (value: number | undefined) =>
    value === undefined ? '—' : new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(value),
  percent: (value: number | undefined) =>
    value === undefined
      ? '—'
      : new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(value),
  country: (code: keyof typeof RCM_COUNTRIES) => RCM_COUNTRIES[code].en,
};

async function openStatistics(page: Page, path = '/statistics'): Promise<void> {
  await page.goto(path);
  await page.locator('.statistics-cohort').waitFor();
}

test("the page shows the API's numbers, and the filters in the address change them", async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'secretariat', '/statistics');
  await page.locator('.statistics-cohort').waitFor();
  const all = await statistics();
  expect(all.totals.cases).toBe(2);

  expect(await rowsOf(page, 'totals')).toEqual([
    ['Cases submitted', en.number(all.totals.cases)],
    ['Arrivals confirmed', en.number(all.totals.arrived)],
    ['Repeat returns', en.number(all.totals.repeatReturns)],
    ['Share of repeat returns', en.percent(all.totals.repeatReturnShare)],
  ]);
  expect(await rowsOf(page, 'by-host-country')).toEqual(
    all.byHostCountry.map((row: { country: 'MX'; cases: number }) => [
      en.country(row.country),
      en.number(row.cases),
    ]),
  );
  expect(await rowsOf(page, 'approvals')).toEqual(
    all.approvals.map(
      (row: {
        country?: 'MX';
        decided: number;
        approved: number;
        rejected: number;
        approvalRate?: number;
        rejectionRate?: number;
      }) => [
        row.country ? en.country(row.country) : 'Secretariat (disbursement)',
        en.number(row.decided),
        en.number(row.approved),
        en.number(row.rejected),
        en.percent(row.approvalRate),
        en.percent(row.rejectionRate),
      ],
    ),
  );
  expect((await rowsOf(page, 'approvals')).find((row) => row[0] === 'Mexico')).toEqual([
    'Mexico',
    '1',
    '0',
    '1',
    '0%',
    '100%',
  ]);
  expect(await rowsOf(page, 'durations')).toEqual(
    all.durations.map((row: { count: number; meanDays?: number; medianDays?: number; maxDays?: number }) => [
      expect.any(String),
      en.number(row.count),
      en.days(row.meanDays),
      en.days(row.medianDays),
      en.days(row.maxDays),
    ]),
  );
  // Without a period, an outcome's count links to the list of those cases.
  await expect(
    page.locator('#statistics-by-outcome tr', { hasText: 'Rejected' }).locator('a').getAttribute('href'),
  ).resolves.toBe('/cases?status=REJECTED');
  // Every table has its caption and its definition beneath.
  expect(await page.locator('.statistics-table caption').count()).toBe(11);
  expect(await page.locator('.statistics-definition').count()).toBe(11);
  expect(await seriousAxeFindings(page)).toEqual([]);
  expect(await tablesCutOff(page)).toEqual([]);
  await screenshot(page, 'statistics');

  // Only the case that crosses Mexico concerns Mexico.
  await page.locator('select[name="country"]').selectOption('MX');
  await page.locator('form[aria-label="Filters"] button[type="submit"]').click();
  await page.waitForURL(/\/statistics\?country=MX$/);
  await page.locator('.statistics-cohort', { hasText: 'that concern Mexico' }).waitFor();
  const mexico = await statistics('?country=MX');
  expect(mexico.totals.cases).toBe(1);
  expect((await rowsOf(page, 'totals'))[0]).toEqual(['Cases submitted', '1']);
  expect((await rowsOf(page, 'by-host-country')).find((row) => row[0] === 'Guatemala')).toEqual([
    'Guatemala',
    '0',
  ]);

  // A period after the cases were submitted: none.
  const month: string = all.byMonth[0].month;
  const [year, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  await page.locator('input[name="from"]').fill(next);
  await page.locator('form[aria-label="Filters"] button[type="submit"]').click();
  await page.waitForURL(new RegExp(`from=${next}`));
  await page.locator('.statistics-cohort', { hasText: 'from ' }).waitFor();
  expect((await statistics(`?from=${next}&country=MX`)).totals.cases).toBe(0);
  expect((await rowsOf(page, 'totals'))[0]).toEqual(['Cases submitted', '0']);

  // The address alone opens the same figures.
  await page.goto(`/statistics?country=MX`);
  await page.locator('.statistics-cohort', { hasText: 'that concern Mexico' }).waitFor();
  expect((await rowsOf(page, 'totals'))[0]).toEqual(['Cases submitted', '1']);
  await context.close();
});

test('the CSV download holds the same numbers as the answer', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'auditor', '/statistics');
  await page.locator('.statistics-cohort').waitFor();
  const all = await statistics();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('statistics.csv');
  const csv = readFileSync((await download.path()) as string, 'utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toBe('Table,Row,Column,Value');
  const value = (table: string, row: string, column: string) =>
    lines
      .find((line) => line.startsWith(`${table},${row},${column},`))
      ?.split(',')
      .pop();
  expect(value('Summary', 'Cases submitted', 'Value')).toBe(String(all.totals.cases));
  expect(value('Cases by host country', 'Mexico', 'Cases')).toBe(
    String(all.byHostCountry.find((row: { country: string }) => row.country === 'MX').cases),
  );
  expect(value('Cases by host country', 'Guatemala', 'Cases')).toBe('1');
  const mexico = all.approvals.find((row: { country?: string }) => row.country === 'MX');
  expect(value('Approval and rejection rates', 'Mexico', 'Rejection rate')).toBe(
    String(mexico.rejectionRate),
  );
  expect(value('Approval and rejection rates', 'Canada', 'Rejection rate')).toBe('');
  // Every figure of every table is a line: as many lines as cells on the page.
  const cells = await page.locator('.statistics-table tbody td').count();
  expect(lines).toHaveLength(cells + 1);
  await context.close();
});

test('in Spanish, on a phone: Spanish headings, a bad month named beside its field, no sideways scrolling', async () => {
  const context = await harness.context({ language: 'es', width: 390 });
  const page = await context.newPage();
  await signIn(page, 'secretariat', '/statistics');
  await openStatistics(page);
  await expect(page.locator('h1').textContent()).resolves.toBe('Estadísticas');
  expect(await page.locator('h2').allTextContents()).toEqual([
    'Casos',
    'Tiempos y decisiones',
    'Retorno y reintegración',
  ]);
  const captions = await page.locator('.statistics-table caption').allTextContents();
  expect(captions).toEqual(
    expect.arrayContaining([
      'Casos por nacionalidad',
      'Tasas de aprobación y rechazo',
      'Seguimientos de reintegración',
    ]),
  );
  expect((await rowsOf(page, 'by-host-country')).find((row) => row[0] === 'México')?.[1]).toBe('1');
  expect(await scrollsSideways(page)).toBe(false);
  expect(await seriousAxeFindings(page)).toEqual([]);
  await screenshot(page, 'statistics-phone');

  // A month the API refuses is named beside its field, in Spanish.
  await page.goto('/statistics?from=2024-13');
  await page.locator('#f-from-error').waitFor();
  await expect(page.locator('#f-from-error').textContent()).resolves.toBe('debe ser un mes AAAA-MM');
  expect(await page.locator('input[name="from"]').getAttribute('aria-invalid')).toBe('true');
  expect(await scrollsSideways(page)).toBe(false);
  await context.close();
});
