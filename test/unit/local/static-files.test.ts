/**
 * The web app's static files, by the rule CloudFront follows (shared/web-routes.ts): the app's
 * routes (a task link's id has dots) get index.html, a missing file is a 404 and never HTML;
 * nothing outside the web root, not even a sibling folder whose name starts the same; served
 * under the same security headers as on CloudFront, with the CSP of the same origin; hashed
 * chunks cached for good, everything else revalidated.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serveStatic } from '../../../local/gateway/static-files';
import { taskIdFor } from '../../../shared/tasks/task';
import { webSecurityHeaders } from '../../../shared/web-security-headers';

const work = mkdtempSync(join(tmpdir(), 'static-'));
const root = join(work, 'web');
let server: Server;
let base: string;

beforeAll(async () => {
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), 'INDEX');
  writeFileSync(join(root, 'app.js'), 'APP');
  writeFileSync(join(root, 'config.json'), '{"apiUrl":""}');
  mkdirSync(join(root, 'chunks'));
  writeFileSync(join(root, 'chunks', 'case-page-AB12CD34.js'), 'CHUNK');
  mkdirSync(join(work, 'web-secrets'));
  writeFileSync(join(work, 'web-secrets', 'key.txt'), 'SECRET');
  server = createServer((req, res) => serveStatic(root, (req.url ?? '/').split('?')[0]!, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(work, { recursive: true, force: true });
});

describe('serveStatic', () => {
  it('serves a file of the web root', async () => {
    expect(await (await fetch(`${base}/app.js`)).text()).toBe('APP');
  });

  it.each([
    ['/..%2fweb-secrets%2fkey.txt', 404, 'not found'],
    ['/chunks/..%2f..%2fweb-secrets%2fkey.txt', 404, 'not found'],
    ['/%2e%2e/web-secrets/key.txt', 200, 'INDEX'],
    ['/..%2f..%2fetc%2fpasswd', 200, 'INDEX'],
  ])('does not leave the web root for %s', async (path, status, body) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(status);
    expect(await response.text()).toBe(body);
  });
});

const TASK_ID = taskIdFor({ caseId: 'RET-7K2M9Q', kind: 'country_approval', country: 'MX', attempt: 1 });

describe('files and routes, as CloudFront tells them apart', () => {
  it.each([`/tasks/${TASK_ID}`, '/cases/RET-ABC', '/auth/callback'])(
    'answers the app route %s with index.html',
    async (path) => {
      expect(TASK_ID).toBe('RET-7K2M9Q.country_approval.MX.1');
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toBe('INDEX');
    },
  );

  it.each([
    ['/chunks/case-page-AB12CD34.js', 'CHUNK', 'text/javascript; charset=utf-8'],
    ['/app.js', 'APP', 'text/javascript; charset=utf-8'],
    ['/config.json', '{"apiUrl":""}', 'application/json'],
    ['/index.html', 'INDEX', 'text/html; charset=utf-8'],
  ])('serves the file %s as itself', async (path, body, type) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(await response.text()).toBe(body);
  });

  it.each([
    '/chunks/nope.js',
    '/chunks/missing.js',
    '/assets/gone-1.woff2',
    '/app.css',
    '/favicon.ico',
    '/chunks/',
  ])('answers the missing file %s with a 404 in plain text, not with the app', async (path) => {
    const response = await fetch(`${base}${path}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(LOCAL_CSP);
    expect(await response.text()).toBe('not found');
  });
});

const LOCAL_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

describe('the headers it serves the app with', () => {
  it("is the shared CSP for the same origin: the local API is the app's own origin", () => {
    expect(webSecurityHeaders().contentSecurityPolicy).toBe(LOCAL_CSP);
  });

  it.each(['/', '/index.html', '/cases/RET-0123456789', `/tasks/${TASK_ID}`, '/auth/callback'])(
    'sends index.html for %s with the CSP, the other security headers and no long caching',
    async (path) => {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('INDEX');
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(LOCAL_CSP);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('permissions-policy')).toBe('camera=(), microphone=(), geolocation=()');
      expect(response.headers.get('cache-control')).toBe('no-cache');
    },
  );

  it('caches a hashed chunk for a year, and revalidates app.js, whose name has no hash', async () => {
    const chunk = await fetch(`${base}/chunks/case-page-AB12CD34.js`);
    expect(await chunk.text()).toBe('CHUNK');
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(chunk.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${base}/app.js`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('still says the app is not built, under the same headers, when there is no index.html', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'static-empty-'));
    const bare = createServer((req, res) => serveStatic(empty, req.url ?? '/', res));
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/cases/1`);
      expect(response.status).toBe(404);
      expect(await response.text()).toMatch(/not built: run npm run build/);
      expect(response.headers.get('content-security-policy')).toBe(LOCAL_CSP);
    } finally {
      await new Promise((resolve) => bare.close(resolve));
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
