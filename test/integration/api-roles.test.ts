/**
 * Who may call what, through the real gateway: every route of shared/manifest.ts for every role,
 * as a table of allowed and refused, plus 401 without a token (or with a forged one) on every
 * route that is not public. The table is generated from the manifest, so a new route or role is
 * covered without touching this file. The OpenAPI document is checked against the same routes.
 *
 * The requests are harmless: path ids that do not exist, and on allowed POST routes a body that
 * no contract accepts, so the handler answers 400 (or 404 for the unknown target) and nothing is
 * stored. What is asserted is the
 * access decision, not the handlers' behaviour (their own tests do that).
 */
import { manifest } from '../../shared/manifest';
import type { RouteSpec } from '../../shared/manifest-types';
import { ROLES, type Role } from '../../shared/roles';
import { routeKey } from '../../shared/route-access';
import { type ApiAnswer, startTestApi, type TestApi } from '../support/api';

/** One demo user per role (local/auth/demo-users.ts). */
const USER_OF_ROLE: Readonly<Record<Role, string>> = {
  consular: 'consular.hn',
  authority: 'authority.mx',
  reintegration: 'reintegration.gt',
  secretariat: 'secretariat',
  operations: 'operations',
  auditor: 'auditor',
};

/** Values for path parameters: ids that exist nowhere, except the fund, which exists by definition. */
const PATH_VALUES: Readonly<Record<string, string>> = {
  caseId: 'c-00000000-no-such-case',
  taskId: 't-00000000-no-such-task',
  fundId: 'rcm-reserve',
};

/** A body no contract accepts (unknown field, wrong types): an allowed POST answers 400. */
const INVALID_BODY = { 'not-a-field': true };
/** How many requests are in flight at once: enough to be quick, few enough not to swamp workers. */
const BATCH = 8;

const routes: readonly RouteSpec[] = manifest.routes;

function concretePath(route: RouteSpec): string {
  return route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = PATH_VALUES[name];
    if (!value) throw new Error(`no test value for path parameter {${name}} of ${routeKey(route)}`);
    return encodeURIComponent(value);
  });
}

const protectedRoutes = routes.filter((route) => route.auth !== 'public');
const publicRoutes = routes.filter((route) => route.auth === 'public');

const allows = (route: RouteSpec, role: Role) => route.auth === 'public' || route.auth.includes(role);

interface Probe {
  readonly route: RouteSpec;
  /** A role, `anonymous` (no token) or `forged` (a token no issuer signed). */
  readonly caller: Role | 'anonymous' | 'forged';
}

const FORGED_TOKEN = [
  Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url'),
  Buffer.from(JSON.stringify({ sub: 'x', 'cognito:groups': ['secretariat'] })).toString('base64url'),
  'c2lnbmF0dXJl',
].join('.');

const probes: readonly Probe[] = routes.flatMap((route) => [
  ...ROLES.map((role) => ({ route, caller: role })),
  { route, caller: 'anonymous' as const },
  { route, caller: 'forged' as const },
]);

const probeKey = (probe: Probe) => `${routeKey(probe.route)} as ${probe.caller}`;

let api: TestApi;
const answers = new Map<string, ApiAnswer>();

function send(probe: Probe): Promise<ApiAnswer> {
  const { route, caller } = probe;
  const body = route.method === 'GET' ? undefined : INVALID_BODY;
  const path = concretePath(route);
  if (caller === 'anonymous') return api.call(null, route.method, path, body);
  if (caller === 'forged') {
    return api.call(null, route.method, path, body, { authorization: `Bearer ${FORGED_TOKEN}` });
  }
  return api.call(USER_OF_ROLE[caller], route.method, path, body);
}

beforeAll(async () => {
  api = await startTestApi();
  for (let start = 0; start < probes.length; start += BATCH) {
    const batch = probes.slice(start, start + BATCH);
    const results = await Promise.all(
      batch.map(async (probe) => [probeKey(probe), await send(probe)] as const),
    );
    for (const [key, answer] of results) answers.set(key, answer);
  }
}, 180_000);

afterAll(async () => {
  await api?.stop();
});

function answerTo(probe: Probe): ApiAnswer {
  const answer = answers.get(probeKey(probe));
  if (!answer) throw new Error(`no answer recorded for ${probeKey(probe)}`);
  return answer;
}

describe('the access table', () => {
  it('has a demo user for every role and a value for every path parameter', () => {
    expect(Object.keys(USER_OF_ROLE).sort()).toEqual([...ROLES].sort());
    for (const route of routes) expect(() => concretePath(route)).not.toThrow();
  });

  const roleCells = routes.flatMap((route) =>
    ROLES.map((role) => [routeKey(route), role, allows(route, role) ? 'allowed' : 'refused', route] as const),
  );

  it.each(roleCells)('%s as %s is %s', (_key, role, decision, route) => {
    const answer = answerTo({ route, caller: role });
    if (decision === 'refused') {
      expect(answer.status).toBe(403);
      return;
    }
    // Past the gateway and the handler's own role check; a 5xx would mean the probe proved nothing.
    expect([401, 403]).not.toContain(answer.status);
    expect(answer.status).toBeLessThan(500);
    // An allowed POST is refused for its invalid body (400) or its unknown target (404, when the
    // form depends on the target, as a task's does): either way it changed nothing.
    if (route.method !== 'GET') expect([400, 404]).toContain(answer.status);
  });

  it.each(protectedRoutes.map((route) => [routeKey(route), route] as const))(
    '%s answers 401 without a token and with a forged one',
    (_key, route) => {
      expect(answerTo({ route, caller: 'anonymous' }).status).toBe(401);
      expect(answerTo({ route, caller: 'forged' }).status).toBe(401);
    },
  );

  it.each(publicRoutes.map((route) => [routeKey(route), route] as const))(
    '%s answers without a token',
    (_key, route) => {
      expect(answerTo({ route, caller: 'anonymous' }).status).toBe(200);
    },
  );
});

describe('the OpenAPI document', () => {
  it('is answered without a token as OpenAPI 3.1, listing every route of the manifest with its security', async () => {
    const answer = await api.call(null, 'GET', '/api/openapi.json');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('application/json');
    const document = answer.body as {
      openapi: string;
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    expect(document.openapi).toMatch(/^3\.1\./);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual(routes.map(routeKey).sort());
    for (const route of publicRoutes) {
      expect(document.paths[route.path]?.[route.method.toLowerCase()]?.security).toEqual([]);
    }
  });
});
