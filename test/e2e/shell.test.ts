/**
 * The app shell in a real browser: signing in as a demo user, the menu by role, the language
 * switch (kept across visits, on `<html lang>`), an expired session asking to sign in again and
 * returning to the page, deep links, and no serious axe-core finding on the sign-in page.
 */
import type { Page } from 'playwright-core';
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
}, 120_000);
afterAll(async () => harness?.stop());

async function menuItems(page: Page): Promise<string[]> {
  return page.locator('nav[aria-label] .nav-items a').allTextContents();
}

test('a deep link asks for sign-in, then opens the page asked for', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'secretariat', '/statistics');
  expect(new URL(page.url()).pathname).toBe('/statistics');
  await context.close();
});

test('the sign-in page lists the demo users, has no serious axe finding, and fits a phone', async () => {
  const context = await harness.context({ width: 390 });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.locator('select[name="username"] option[value="consular.hn"]').waitFor({ state: 'attached' });
  const options = await page.locator('select[name="username"] option').allTextContents();
  expect(options.some((option) => option.startsWith('consular.hn'))).toBe(true);
  expect(await seriousAxeFindings(page)).toEqual([]);
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'sign-in-phone');
  await context.close();
});

test('each role finds its own menu and lands on its first item', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'consular.hn');
  expect(new URL(page.url()).pathname).toBe('/cases');
  expect(await menuItems(page)).toEqual(['My cases', 'New request']);
  await context.close();

  const authority = await harness.context();
  const authorityPage = await authority.newPage();
  await signIn(authorityPage, 'authority.mx');
  expect(new URL(authorityPage.url()).pathname).toBe('/tasks');
  expect(await menuItems(authorityPage)).toEqual(['Inbox', 'Cases']);
  await authority.close();
});

test('the language follows the browser, switches, and is kept across visits', async () => {
  const context = await harness.context({ language: 'es' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  expect(await page.locator('html').getAttribute('lang')).toBe('es');
  await expect(page.locator('h1').textContent()).resolves.toBe('Iniciar sesión');
  await page.locator('select[name="language"]').selectOption('en');
  await expect(page.locator('h1').textContent()).resolves.toBe('Sign in');
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
  await page.reload();
  await expect(page.locator('h1').textContent()).resolves.toBe('Sign in');
  await context.close();
});

test('an expired session asks to sign in again and comes back to the page the user was on', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  await signIn(page, 'secretariat', '/board');
  // (The case list asks the API for cases as it opens.)
  // The token is refused from now on, as an expired one is: the API answers 401.
  await page.route('**/api/**', (route) =>
    route.fulfill({
      status: 401,
      body: '{"error":"UnauthorizedError","message":"expired"}',
      contentType: 'application/json',
    }),
  );
  await page.goto('/cases');
  await page.waitForURL(/\/sign-in/);
  await expect(page.locator('[role="status"]').first().textContent()).resolves.toMatch(/session ended/);
  await page.unroute('**/api/**');
  await page.locator('select[name="username"]').selectOption('secretariat');
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL(/\/cases$/);
  await context.close();
});

test('signing in works from the keyboard alone, with the focus visible at each step', async () => {
  const context = await harness.context();
  const page = await context.newPage();
  // No transitions (Pico honours reduced motion), so a focus ring is measured fully drawn.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/sign-in');
  await page.locator('select[name="username"] option[value="auditor"]').waitFor({ state: 'attached' });
  const focusShown = () =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return null;
      // Visible: the element looks different focused than not (an outline or a focus ring).
      const look = () => {
        const style = getComputedStyle(element);
        return `${style.outlineStyle} ${style.outlineWidth} ${style.boxShadow} ${style.borderColor}`;
      };
      const focusedLook = look();
      element.blur();
      const restingLook = look();
      element.focus();
      return {
        name: element.getAttribute('name') ?? element.tagName.toLowerCase(),
        visible: focusedLook !== restingLook,
      };
    });
  // Tab until the user list has the focus (past the skip link, the brand and the language).
  let focused = await focusShown();
  for (let step = 0; step < 10 && focused?.name !== 'username'; step += 1) {
    await page.keyboard.press('Tab');
    focused = await focusShown();
  }
  expect(focused).toEqual({ name: 'username', visible: true });
  await page.keyboard.press('ArrowDown');
  expect(await page.locator('select[name="username"]').inputValue()).not.toBe('');
  await page.keyboard.press('Tab');
  expect(await focusShown()).toEqual({ name: 'button', visible: true });
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in') && url.pathname !== '/');
  await context.close();
});
