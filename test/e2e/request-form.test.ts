/**
 * The consular officer's new-request form in a real browser: a filled form becomes a case with
 * the typed values; a form with problems shows each one beside its field and in the summary,
 * marks its sections and sends nothing; the child section follows the age and the
 * unaccompanied-child box; the draft survives a reload; the live total against the fund's
 * ceiling; Spanish; axe-core, a phone's width and screenshots.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { DEFAULT_CASE_CEILING_USD } from '../../shared/contracts/fund';
import {
  type BrowserHarness,
  screenshot,
  scrollsSideways,
  seriousAxeFindings,
  signIn,
  startBrowserHarness,
} from './support/browser';
import { box, field, fillAdultRequest } from './support/request-form';

let harness: BrowserHarness;
beforeAll(async () => {
  harness = await startBrowserHarness();
}, 120_000);
afterAll(async () => harness?.stop());

async function openForm(language: 'en' | 'es' = 'en', width = 1280) {
  const context = await harness.context({ language, width });
  const page = await context.newPage();
  await signIn(page, 'consular.hn', '/cases/new');
  await field(page, 'migrant.givenNames').waitFor();
  return { context, page };
}

async function caseCount(): Promise<number> {
  const answer = await harness.api.call('consular.hn', 'GET', '/api/cases?limit=100');
  expect(answer.status).toBe(200);
  return answer.body.items.length;
}

/** The issue shown beside a field: the text of the elements its aria-describedby names. */
async function describedText(page: Page, selector: string): Promise<string> {
  const element = page.locator(selector).first();
  expect(await element.getAttribute('aria-invalid')).toBe('true');
  const ids = ((await element.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

const usd = (amount: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount);

test('a consular officer fills the form and submits: the case holds what was typed', async () => {
  const { context, page } = await openForm();
  const before = await caseCount();
  const familyNames = `Pérez ${randomBytes(3).toString('hex')}`;
  await fillAdultRequest(page, familyNames);
  expect(await box(page, 'consent.dataTransferConsent', 'MX').isChecked()).toBe(true);
  expect(await box(page, 'consent.dataTransferConsent', 'HN').isChecked()).toBe(true);
  // A double click sends one case: the same draft, the same idempotency key.
  await page.getByRole('button', { name: 'Submit request' }).dblclick();
  await page.waitForURL(/\/cases\/(?!new)[^/]+$/);
  const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() as string);

  const answer = await harness.api.call('consular.hn', 'GET', `/api/cases/${encodeURIComponent(caseId)}`);
  expect(answer.status).toBe(200);
  const request = answer.body.request;
  expect(request.migrant).toMatchObject({
    givenNames: 'Ana Lucía',
    familyNames,
    dateOfBirth: '1985-07-02',
    sex: 'female',
    nationality: 'HN',
    documentType: 'passport',
  });
  expect(request.location).toEqual({ country: 'MX', city: 'Tapachula', facility: 'Albergue Belén' });
  expect(request.returnTo).toEqual({
    country: 'HN',
    city: 'San Pedro Sula',
    receivingContact: { name: 'María López', relationship: 'sister' },
  });
  expect(request.route).toEqual({ mode: 'land', transitCountries: ['GT'] });
  expect(request.vulnerabilities).toEqual(['illness_or_injury']);
  expect(request.needs).toEqual({ escort: true, medicalEscort: false, wheelchair: false });
  expect(request.consent).toEqual({
    informedConsent: true,
    consentDate: '2024-05-10',
    dataTransferConsent: ['MX', 'GT', 'HN'],
  });
  expect(request.child).toBeUndefined();
  expect(request.costs).toEqual({
    transport: 320,
    escort: 250.5,
    lodging: 0,
    food: 0,
    documents: 0,
    medical: 0,
    other: 0,
  });
  expect(await caseCount()).toBe(before + 1);
  // The draft is gone once the case is stored.
  expect(await page.evaluate(() => sessionStorage.getItem('retorno.draft.consular.hn'))).toBeNull();
  await context.close();
}, 60_000);

test('a form with problems shows each beside its field and in the summary, marks the sections and sends nothing', async () => {
  const { context, page } = await openForm();
  const before = await caseCount();
  const posts: string[] = [];
  page.on('request', (sent) => {
    if (sent.method() === 'POST' && new URL(sent.url()).pathname === '/api/cases') posts.push(sent.url());
  });
  await field(page, 'migrant.familyNames').fill('Pérez Xol');
  await field(page, 'migrant.dateOfBirth').fill('2999-01-01');
  for (const item of ['transport', 'escort', 'lodging', 'food', 'documents', 'medical', 'other'])
    await field(page, `costs.${item}`).fill('0');
  await page.getByRole('button', { name: 'Submit request' }).click();

  const summary = page.locator('.error-summary[role="alert"]');
  await summary.waitFor();
  expect(await describedText(page, '[name="migrant.givenNames"]')).toContain('must not be empty');
  expect(await describedText(page, '[name="migrant.dateOfBirth"]')).toContain('must not be in the future');
  expect(await describedText(page, '#f-vulnerabilities')).toContain('must name at least one vulnerability');
  expect(await describedText(page, '#f-costs')).toContain('at least one cost must be greater than 0');
  expect(await describedText(page, '[name="migrant.sex"]')).toContain('must be chosen');
  expect(await field(page, 'migrant.familyNames').getAttribute('aria-invalid')).toBeNull();

  const summaryText = await summary.textContent();
  expect(summaryText).toContain('Given names (Person): must not be empty');
  expect(summaryText).toContain('Date of birth (Person): must not be in the future');
  expect(summaryText).toContain('Vulnerabilities: must name at least one vulnerability');
  expect(summaryText).toContain('Costs: at least one cost must be greater than 0');
  // The summary's links take the keyboard to the field.
  await summary.getByRole('link', { name: /Given names/ }).click();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('migrant.givenNames');

  const nav = page.getByRole('navigation', { name: 'Sections of the request' });
  expect(await nav.getByRole('link', { name: /^Person \d+ problems$/ }).count()).toBe(1);
  expect(await nav.getByRole('link', { name: 'Vulnerabilities 1 problem' }).count()).toBe(1);
  expect(await nav.getByRole('link', { name: 'Costs 1 problem' }).count()).toBe(1);
  expect(await nav.getByRole('link', { name: 'Needs for the journey' }).count()).toBe(1);
  expect(await page.locator('#s-costs.has-issues').count()).toBe(1);
  expect(await page.locator('#s-needs.has-issues').count()).toBe(0);

  expect(posts).toEqual([]);
  expect(await caseCount()).toBe(before);
  await screenshot(page, 'request-form-errors');
  expect(await seriousAxeFindings(page)).toEqual([]);
  await context.close();
}, 60_000);

test('the child section appears for a person under 18 and for the unaccompanied-child box', async () => {
  const { context, page } = await openForm();
  const child = page.locator('#s-child');
  const navLink = page.getByRole('navigation', { name: 'Sections of the request' }).getByRole('link', {
    name: 'Child protection',
  });
  expect(await child.count()).toBe(0);
  expect(await navLink.count()).toBe(0);
  const year = new Date().getFullYear();
  await field(page, 'migrant.dateOfBirth').fill(`${year - 12}-01-15`);
  await child.waitFor();
  expect(await navLink.count()).toBe(1);
  expect(await field(page, 'child.bestInterestsDetermination.authority').isVisible()).toBe(true);
  await field(page, 'migrant.dateOfBirth').fill(`${year - 30}-01-15`);
  await child.waitFor({ state: 'detached' });
  await box(page, 'vulnerabilities', 'unaccompanied_child').check();
  await child.waitFor();
  expect(await field(page, 'child.guardian.name').isVisible()).toBe(true);
  await box(page, 'vulnerabilities', 'unaccompanied_child').uncheck();
  await child.waitFor({ state: 'detached' });
  await context.close();
}, 60_000);

test('what was typed survives a reload, with its idempotency key, until the draft is discarded', async () => {
  const { context, page } = await openForm();
  await field(page, 'migrant.givenNames').fill('Rosa Elena');
  await field(page, 'migrant.sex').selectOption('female');
  await box(page, 'vulnerabilities', 'pregnancy').check();
  await field(page, 'costs.food').fill('45');
  const keyBefore = await page.evaluate(
    () => JSON.parse(sessionStorage.getItem('retorno.draft.consular.hn') ?? '{}').idempotencyKey,
  );
  expect(typeof keyBefore).toBe('string');

  await page.reload();
  await field(page, 'migrant.givenNames').waitFor();
  expect(await field(page, 'migrant.givenNames').inputValue()).toBe('Rosa Elena');
  expect(await field(page, 'migrant.sex').inputValue()).toBe('female');
  expect(await box(page, 'vulnerabilities', 'pregnancy').isChecked()).toBe(true);
  expect(await field(page, 'costs.food').inputValue()).toBe('45');
  expect(await page.locator('[role="status"]', { hasText: 'Your draft of' }).count()).toBe(1);
  const keyAfter = await page.evaluate(
    () => JSON.parse(sessionStorage.getItem('retorno.draft.consular.hn') ?? '{}').idempotencyKey,
  );
  expect(keyAfter).toBe(keyBefore);

  await page.getByRole('button', { name: 'Discard draft' }).click();
  await page.getByRole('button', { name: 'Yes, discard it' }).click();
  expect(await field(page, 'migrant.givenNames').inputValue()).toBe('');
  await page.reload();
  await field(page, 'migrant.givenNames').waitFor();
  expect(await field(page, 'migrant.givenNames').inputValue()).toBe('');
  expect(await box(page, 'vulnerabilities', 'pregnancy').isChecked()).toBe(false);
  await context.close();
}, 60_000);

test('the live total is shown against the fund’s per-case ceiling and warns when it is over', async () => {
  const fund = await harness.api.call('consular.hn', 'GET', '/api/funds/rcm-reserve');
  expect(fund.status).toBe(200);
  const ceiling = fund.body.ceiling as number;
  const { context, page } = await openForm();
  const total = page.locator('#cost-total');
  await field(page, 'costs.transport').fill('320');
  await field(page, 'costs.lodging').fill('90.25');
  await expect(total.locator('[data-total]').textContent()).resolves.toBe(usd(410.25));
  expect(await total.textContent()).toContain(`The Fund pays at most ${usd(ceiling)} per case.`);
  expect(await total.textContent()).toContain(`Within the ceiling: ${usd(ceiling - 410.25)} left.`);
  expect(await page.locator('#cost-total.over-ceiling').count()).toBe(0);

  await field(page, 'costs.escort').fill(String(ceiling));
  await expect(total.locator('[data-total]').textContent()).resolves.toBe(usd(ceiling + 410.25));
  expect(await total.textContent()).toContain(`Over the ceiling by ${usd(410.25)}`);
  expect(await page.locator('#cost-total.over-ceiling').count()).toBe(1);
  await context.close();
}, 60_000);

test('when the fund cannot be read, the total is shown against the usual ceiling', async () => {
  const { context, page } = await openForm();
  await page.route('**/api/funds/**', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: '{"error":"Unavailable","message":"down"}',
    }),
  );
  await page.reload();
  const total = page.locator('#cost-total');
  await total.locator('p', { hasText: 'the usual ceiling' }).waitFor();
  expect(await total.textContent()).toContain(
    `The Fund pays at most ${usd(DEFAULT_CASE_CEILING_USD)} per case`,
  );
  await field(page, 'costs.transport').fill(String(DEFAULT_CASE_CEILING_USD + 0.01));
  expect(await total.textContent()).toContain(`Over the ceiling by ${usd(0.01)}`);
  await context.close();
}, 60_000);

test('in Spanish: the labels, the sections and the validation messages', async () => {
  const { context, page } = await openForm('es');
  expect(await page.locator('h1').textContent()).toBe('Nueva solicitud');
  expect(await page.locator('label[for="f-migrant-givenNames"]').textContent()).toBe('Nombres');
  expect(await page.locator('label[for="f-costs-transport"]').textContent()).toBe('Transporte');
  await field(page, 'costs.transport').fill('1200');
  expect(await page.locator('#cost-total').textContent()).toContain('Supera el tope');
  await page.getByRole('button', { name: 'Enviar solicitud' }).click();
  const summary = page.locator('.error-summary[role="alert"]');
  await summary.waitFor();
  expect(await summary.textContent()).toMatch(/Hay \d+ problemas por corregir/);
  expect(await summary.textContent()).toContain('Nombres (Persona): no puede estar vacío');
  expect(await describedText(page, '[name="migrant.givenNames"]')).toContain('no puede estar vacío');
  expect(await describedText(page, '#f-vulnerabilities')).toContain(
    'debe indicar al menos una vulnerabilidad',
  );
  expect(
    await page
      .getByRole('navigation', { name: 'Secciones de la solicitud' })
      .getByRole('link', { name: /^Persona \d+ problemas$/ })
      .count(),
  ).toBe(1);
  await context.close();
}, 60_000);

test('no serious axe finding on the empty form, no sideways scrolling on a phone; screenshots', async () => {
  const { context, page } = await openForm();
  // The ceiling has been read before the picture is taken.
  await page.locator('#cost-total', { hasText: 'per case' }).waitFor();
  expect(await seriousAxeFindings(page)).toEqual([]);
  await screenshot(page, 'request-form-desktop');
  await context.close();

  const phone = await openForm('en', 390);
  await box(phone.page, 'route.transitCountries', 'GT').check();
  await box(phone.page, 'route.transitCountries', 'MX').check();
  // The route's order is the order ticked, and can be changed.
  const order = phone.page.locator('ol[aria-labelledby="transit-order-label"] li');
  expect(await order.allTextContents()).toEqual(['Guatemala', 'Mexico↑']);
  await phone.page.getByRole('button', { name: 'Move Mexico up' }).click();
  expect(await order.allTextContents()).toEqual(['Mexico', 'Guatemala↑']);
  await expect(
    phone.page.waitForFunction(
      () => document.activeElement?.getAttribute('aria-label') === 'Move Guatemala up',
    ),
  ).resolves.toBeTruthy();
  expect(await scrollsSideways(phone.page)).toBe(false);
  await phone.page.getByRole('button', { name: 'Submit request' }).click();
  await phone.page.locator('.error-summary[role="alert"]').waitFor();
  expect(await scrollsSideways(phone.page)).toBe(false);
  expect(await seriousAxeFindings(phone.page)).toEqual([]);
  await screenshot(phone.page, 'request-form-phone');
  await phone.context.close();
}, 60_000);

test('the API’s refusals: a 400’s issues land on their fields, a 409’s message is shown and the draft kept', async () => {
  const { context, page } = await openForm();
  await fillAdultRequest(page, `Refusal ${randomBytes(3).toString('hex')}`);
  const refuse = (status: number, body: unknown) =>
    page.route('**/api/cases', (route) =>
      route.request().method() === 'POST'
        ? route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body) })
        : route.continue(),
    );
  await refuse(400, {
    error: 'ValidationError',
    message: 'the body is not valid',
    issues: [{ path: 'location.city', rule: 'too_big', message: 'must be at most 100 characters' }],
  });
  await page.getByRole('button', { name: 'Submit request' }).click();
  await page.locator('.error-summary[role="alert"]').waitFor();
  expect(await describedText(page, '[name="location.city"]')).toContain('must be at most 100 characters');
  expect(
    await page
      .getByRole('navigation', { name: 'Sections of the request' })
      .getByRole('link', { name: 'Where the person is now 1 problem' })
      .count(),
  ).toBe(1);

  await page.unroute('**/api/cases');
  await refuse(409, {
    error: 'OpenCaseClaimedError',
    message: 'another open case holds this person: see it before submitting again',
  });
  await page.getByRole('button', { name: 'Submit request' }).click();
  const notice = page.locator('.notice-error[role="alert"]', { hasText: 'The request was not stored.' });
  await notice.waitFor();
  expect(await notice.textContent()).toContain('another open case holds this person');
  expect(new URL(page.url()).pathname).toBe('/cases/new');
  expect(await page.evaluate(() => sessionStorage.getItem('retorno.draft.consular.hn'))).not.toBeNull();
  await context.close();
}, 60_000);

test('an answer lost on the way makes one case: edited and sent again, the earlier version is named as recorded', async () => {
  const { context, page } = await openForm();
  const before = await caseCount();
  const familyNames = `Lost ${randomBytes(3).toString('hex')}`;
  await fillAdultRequest(page, familyNames);
  const draftKeyNow = () =>
    page.evaluate(
      () => JSON.parse(sessionStorage.getItem('retorno.draft.consular.hn') ?? '{}').idempotencyKey,
    );
  const firstKey = await draftKeyNow();

  // The API stores the case, but its answer never reaches the browser.
  await page.route('**/api/cases', async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    await route.fetch();
    return route.abort('connectionreset');
  });
  await page.getByRole('button', { name: 'Submit request' }).click();
  await page.locator('.notice-error[role="alert"]').waitFor();
  expect(await caseCount()).toBe(before + 1);
  expect(await draftKeyNow()).toBe(firstKey);
  await page.unroute('**/api/cases');

  // Edited and sent with the same key: the API refuses it as another version of a recorded request.
  await field(page, 'location.city').fill('Tapachula, Chiapas');
  await page.getByRole('button', { name: 'Submit request' }).click();
  const reused = page.locator('[data-outcome="key-reused"]');
  await reused.waitFor();
  expect(await reused.textContent()).toContain('that earlier version may be recorded');
  expect(await reused.getByRole('link', { name: 'See your cases' }).getAttribute('href')).toBe('/cases');
  expect(await caseCount()).toBe(before + 1);
  // The key is spent: what is sent next is a new request, which the open-case rule finds
  // ineligible beside the recorded one (kept, as every ineligible request is, and never funded).
  const secondKey = await draftKeyNow();
  expect(secondKey).not.toBe(firstKey);
  await page.getByRole('button', { name: 'Submit request' }).click();
  await page.waitForURL(/\/cases\/(?!new)[^/]+$/);
  const second = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
  const answer = await harness.api.call('consular.hn', 'GET', `/api/cases/${encodeURIComponent(second)}`);
  expect(answer.body.status).toBe('INELIGIBLE');
  expect(await caseCount()).toBe(before + 2);
  await context.close();
}, 60_000);
