// The local cloud as a client sees it: the API behind the JWT authorizer, CORS, the body limit,
// the local-only endpoints, and the web app, on the real services started on free ports.
import { type LocalCloud, startLocalCloud } from '../../local/cloud';
import { readLocalSettings } from '../../local/local-config';

describe('the local cloud', () => {
  let cloud: LocalCloud;
  let base: string;

  const token = async (username: string): Promise<string> => {
    const response = await fetch(`${base}/local/token`, {
      method: 'POST',
      body: JSON.stringify({ username }),
    });
    return ((await response.json()) as { token: string }).token;
  };

  beforeAll(async () => {
    cloud = await startLocalCloud({
      settings: { ...readLocalSettings({}), corsOrigins: ['http://app.test'], maxBodyBytes: 4096 },
      inMemory: true,
      freePorts: true,
    });
    base = cloud.urls.api.replace(/\/api$/, '');
  }, 60_000);
  afterAll(() => cloud?.stop());

  it('answers a public route without a token', async () => {
    const response = await fetch(`${base}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', service: 'retorno' });
    expect(response.headers.get('apigw-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 401 with a Bearer challenge on a protected route without a token', async () => {
    const response = await fetch(`${base}/api/me`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({ message: 'Unauthorized' });
  });

  it('issues a token for a demo user that the API accepts, carrying role and country', async () => {
    const response = await fetch(`${base}/api/me`, {
      headers: { authorization: `Bearer ${await token('authority.mx')}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      username: 'authority.mx',
      role: 'authority',
      country: 'MX',
    });
  });

  it('refuses a token request for an unknown user, naming the field', async () => {
    const response = await fetch(`${base}/local/token`, {
      method: 'POST',
      body: JSON.stringify({ username: 'mallory' }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /^username: no demo user "mallory"/,
    );
  });

  it('lists the demo users', async () => {
    const { users } = (await (await fetch(`${base}/local/users`)).json()) as {
      users: Array<{ username: string }>;
    };
    expect(users.map((user) => user.username)).toEqual(
      expect.arrayContaining(['consular.hn', 'authority.mx', 'secretariat']),
    );
  });

  it('answers a CORS preflight for an allowed origin and not for another', async () => {
    const allowed = await fetch(`${base}/api/me`, {
      method: 'OPTIONS',
      headers: { origin: 'http://app.test', 'access-control-request-method': 'GET' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('GET');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await fetch(`${base}/api/me`, {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.test', 'access-control-request-method': 'GET' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds the CORS header to answers for an allowed origin', async () => {
    const response = await fetch(`${base}/api/health`, { headers: { origin: 'http://app.test' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://app.test');
  });

  it('refuses a body over the limit with 413 before calling any function', async () => {
    const big = await fetch(`${base}/local/token`, { method: 'POST', body: 'x'.repeat(5000) });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({ message: 'Request Entity Too Large' });
  });

  it('answers 404 for an unknown API route', async () => {
    const response = await fetch(`${base}/api/nothing-here`);
    expect(response.status).toBe(404);
  });

  it('serves the web app at / and falls back to it for app routes', async () => {
    for (const path of ['/', '/cases/123']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<title>Retorno</title>');
    }
  });

  it('serves the web app bundle built by esbuild, with its source map', async () => {
    const app = await fetch(`${base}/app.js`);
    expect(app.status).toBe(200);
    expect(app.headers.get('content-type')).toContain('text/javascript');
    const source = await app.text();
    expect(source).toContain('sourceMappingURL=app.js.map');
    expect((await fetch(`${base}/app.js.map`)).status).toBe(200);
    // The entry imports the shared chunks esbuild split out; each one is served beside it.
    const chunk = source.match(/"\.\/(chunks\/[^"]+\.js)"/)?.[1];
    expect(chunk).toBeDefined();
    const served = await fetch(`${base}/${chunk}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('text/javascript');
  });

  it('does not serve files outside the web root', async () => {
    const response = await fetch(`${base}/..%2f..%2fpackage.json`);
    expect(await response.text()).not.toContain('"name": "retorno"');
  });

  it('moves the local clock forward on request and refuses a malformed duration', async () => {
    const before = Date.now();
    const moved = await fetch(`${base}/local/clock`, {
      method: 'POST',
      body: JSON.stringify({ advance: '30d' }),
    });
    expect(moved.status).toBe(200);
    const { now } = (await moved.json()) as { now: string };
    expect(Date.parse(now) - before).toBeGreaterThanOrEqual(30 * 86_400_000);
    const bad = await fetch(`${base}/local/clock`, {
      method: 'POST',
      body: JSON.stringify({ advance: 'soon' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/duration "soon" is not valid/);
  });
});
