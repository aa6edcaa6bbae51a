/**
 * The browser tier's harness: one local cloud (test/support/api.ts: in-memory data, free ports,
 * the built web app at `/`) and Debian's headless chromium driven by playwright-core, with the
 * helpers every screen test uses: sign in as a demo user, check a screen with axe-core, and save
 * a screenshot where the test run leaves its artifacts (`artifacts/screenshots`).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { startTestApi, type TestApi } from '../../support/api';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The flags this machine's chromium was run with and works (docs/architecture.md, Testing).
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export const ARTIFACTS = resolve(__dirname, '..', '..', '..', 'artifacts');
export const SCREENSHOTS = join(ARTIFACTS, 'screenshots');

export interface BrowserHarness {
  readonly api: TestApi;
  readonly browser: Browser;
  readonly baseUrl: string;
  /**
   * A fresh browser context (its own storage), in `language`, at `width` px. With `localClock`,
   * the page's clock reads the local cloud's (which tests move forward), so what the app judges
   * by the time (a date not in the future, "due soon") agrees with the API.
   */
  context(options?: {
    language?: 'es' | 'en';
    width?: number;
    localClock?: boolean;
  }): Promise<BrowserContext>;
  stop(): Promise<void>;
}

export async function startBrowserHarness(): Promise<BrowserHarness> {
  const api = await startTestApi();
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    api,
    browser,
    baseUrl: api.baseUrl,
    async context({ language = 'en', width = 1280, localClock = false } = {}) {
      const context = await browser.newContext({
        baseURL: api.baseUrl,
        locale: language === 'es' ? 'es-419' : 'en-US',
        viewport: { width, height: 900 },
      });
      context.setDefaultTimeout(15_000);
      if (localClock) await context.clock.setSystemTime(new Date(api.cloud.clock.now()));
      return context;
    },
    async stop() {
      await browser.close();
      await api.stop();
    },
  };
}

/** Signs in on the sign-in page as a demo user; lands where the app sends that user. */
export async function signIn(page: Page, username: string, returnTo = '/'): Promise<void> {
  await page.goto(returnTo);
  await page.waitForURL(/\/sign-in/);
  await page.locator('select[name="username"]').selectOption(username);
  await page.locator('form button[type="submit"]').click();
  // `/` itself only sends each role to its first page.
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in') && url.pathname !== '/');
}

const AXE_SOURCE = require.resolve('axe-core/axe.min.js');

export interface AxeFinding {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** axe-core's serious and critical findings on the page as it is now (none is the goal). */
export async function seriousAxeFindings(page: Page): Promise<AxeFinding[]> {
  // Evaluated, not added as a <script>: the app's CSP (script-src 'self') refuses inline scripts.
  await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: never[] }> } }).axe;
    const result = await axe.run();
    return (
      result.violations as Array<{
        id: string;
        impact: string | null;
        help: string;
        nodes: Array<{ target: string[] }>;
      }>
    )
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      }));
  });
}

/** Whether the page scrolls sideways (it must not, at 390 px). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

/**
 * The captions of the tables that do not fit their frame, so that part of them is out of sight
 * until scrolled (on a phone that is the frame's job; at a desktop's width every table fits).
 */
export function tablesCutOff(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.table-wrap')]
      .filter((frame) => frame.scrollWidth > frame.clientWidth + 1)
      .map(
        (frame) =>
          frame.querySelector('caption')?.textContent?.trim() || frame.getAttribute('aria-label') || '?',
      ),
  );
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
