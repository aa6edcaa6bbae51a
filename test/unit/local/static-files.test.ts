/** The web app's static files: nothing outside the web root, not even a sibling folder whose name starts the same. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { serveStatic } from '../../../local/gateway/static-files';

const work = mkdtempSync(join(tmpdir(), 'static-'));
const root = join(work, 'web');
let server: Server;
let base: string;

beforeAll(async () => {
  mkdirSync(root);
  writeFileSync(join(root, 'index.html'), 'INDEX');
  writeFileSync(join(root, 'app.js'), 'APP');
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

  it.each(['/..%2fweb-secrets%2fkey.txt', '/%2e%2e/web-secrets/key.txt', '/..%2f..%2fetc%2fpasswd'])(
    'does not leave the web root for %s',
    async (path) => {
      expect(await (await fetch(`${base}${path}`)).text()).toBe('INDEX');
    },
  );
});
