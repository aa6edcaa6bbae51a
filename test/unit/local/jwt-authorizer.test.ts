// Written from the API Gateway developer guide, "Controlling access to HTTP APIs with JWT
// authorizers": the token must be signed by a key of the issuer's JWKS, unexpired, with the
// configured issuer and audience; otherwise 401. The route's roles then decide 403.
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { DEMO_USERS, findDemoUser } from '../../../local/auth/demo-users';
import { createTokenIssuer, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../../local/auth/token-issuer';
import { JwtAuthorizer } from '../../../local/gateway/jwt-authorizer';
import type { RouteSpec } from '../../../shared/manifest-types';

const secretariatOnly: RouteSpec = {
  method: 'POST',
  path: '/api/funds/{fundId}/contributions',
  function: 'x',
  auth: ['secretariat'],
};
const publicRoute: RouteSpec = { method: 'GET', path: '/api/health', function: 'x', auth: 'public' };

describe('the local JWT authorizer', () => {
  let issuer: Awaited<ReturnType<typeof createTokenIssuer>>;
  let authorizer: JwtAuthorizer;
  const secretariat = findDemoUser('secretariat')!;
  const consular = findDemoUser('consular.hn')!;

  beforeAll(async () => {
    issuer = await createTokenIssuer();
    authorizer = new JwtAuthorizer({ jwks: issuer.jwks, issuer: issuer.issuer, audience: issuer.audience });
  });

  it('lets anyone through to a public route', async () => {
    expect(await authorizer.authorize(publicRoute, undefined)).toEqual({ allowed: true });
  });

  it('allows a valid token whose role the route allows, and passes its claims on', async () => {
    const decision = await authorizer.authorize(secretariatOnly, `Bearer ${await issuer.issue(secretariat)}`);
    expect(decision).toMatchObject({
      allowed: true,
      principal: { role: 'secretariat', username: 'secretariat' },
    });
    if (decision.allowed) expect(decision.claims?.['cognito:groups']).toEqual(['secretariat']);
  });

  it('answers 401 without an Authorization header', async () => {
    expect(await authorizer.authorize(secretariatOnly, undefined)).toMatchObject({
      allowed: false,
      statusCode: 401,
      message: 'Unauthorized',
    });
  });

  it('answers 401 for a header that is not a bearer JWT', async () => {
    for (const header of [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer not-a-jwt',
      `Token ${await issuer.issue(secretariat)}`,
    ]) {
      expect(await authorizer.authorize(secretariatOnly, header)).toMatchObject({
        allowed: false,
        statusCode: 401,
      });
    }
  });

  it('answers 401 for an expired token', async () => {
    const token = await issuer.issue(secretariat, {
      now: Date.now() - 10 * 3600_000,
      expiresInSeconds: 3600,
    });
    expect(await authorizer.authorize(secretariatOnly, `Bearer ${token}`)).toMatchObject({
      allowed: false,
      statusCode: 401,
    });
  });

  /** A token signed with a key the authorizer trusts, carrying the claims the test chooses. */
  async function signedToken(
    build: (jwt: SignJWT) => SignJWT,
  ): Promise<{ token: string; trusting: JwtAuthorizer }> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'ES256', use: 'sig' };
    const trusting = new JwtAuthorizer({
      jwks: { keys: [jwk] },
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
    });
    const jwt = new SignJWT({ 'cognito:groups': ['secretariat'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'test-key' })
      .setSubject(secretariat.subject)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE);
    return { token: await build(jwt).sign(privateKey), trusting };
  }

  it('answers 401 for a correctly signed token without exp, which would never expire', async () => {
    const { token, trusting } = await signedToken((jwt) => jwt.setIssuedAt());
    expect(await trusting.authorize(secretariatOnly, `Bearer ${token}`)).toMatchObject({
      allowed: false,
      statusCode: 401,
      reason: expect.stringContaining('"exp"'),
    });
    // The same token with exp is let through, so it is exp that decides.
    const withExp = await signedToken((jwt) => jwt.setIssuedAt().setExpirationTime('1h'));
    expect(await withExp.trusting.authorize(secretariatOnly, `Bearer ${withExp.token}`)).toMatchObject({
      allowed: true,
    });
  });

  it('answers 401 for a token issued in the future', async () => {
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const { token, trusting } = await signedToken((jwt) =>
      jwt.setIssuedAt(inAnHour).setExpirationTime(inAnHour + 3600),
    );
    expect(await trusting.authorize(secretariatOnly, `Bearer ${token}`)).toMatchObject({
      allowed: false,
      statusCode: 401,
      reason: expect.stringContaining('"iat"'),
    });
  });

  it('answers 401 for a token signed with another key', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ 'cognito:groups': ['secretariat'] })
      .setProtectedHeader({ alg: 'ES256', kid: issuer.jwks.keys[0]!.kid! })
      .setSubject(secretariat.subject)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await authorizer.authorize(secretariatOnly, `Bearer ${forged}`)).toMatchObject({
      allowed: false,
      statusCode: 401,
    });
  });

  it('answers 401 for a tampered payload', async () => {
    const [header, , signature] = (await issuer.issue(consular)).split('.');
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'x',
        'cognito:groups': ['secretariat'],
        iss: LOCAL_ISSUER,
        aud: LOCAL_AUDIENCE,
        exp: 9999999999,
      }),
    ).toString('base64url');
    expect(
      await authorizer.authorize(secretariatOnly, `Bearer ${header}.${payload}.${signature}`),
    ).toMatchObject({ statusCode: 401 });
  });

  it('answers 401 for the wrong audience or issuer', async () => {
    const other = new JwtAuthorizer({ jwks: issuer.jwks, issuer: issuer.issuer, audience: 'another-api' });
    expect(await other.authorize(secretariatOnly, `Bearer ${await issuer.issue(secretariat)}`)).toMatchObject(
      { statusCode: 401 },
    );
    const otherIssuer = new JwtAuthorizer({
      jwks: issuer.jwks,
      issuer: 'https://elsewhere',
      audience: issuer.audience,
    });
    expect(
      await otherIssuer.authorize(secretariatOnly, `Bearer ${await issuer.issue(secretariat)}`),
    ).toMatchObject({ statusCode: 401 });
  });

  it('answers 403 for a valid token whose role the route does not allow', async () => {
    expect(
      await authorizer.authorize(secretariatOnly, `Bearer ${await issuer.issue(consular)}`),
    ).toMatchObject({
      allowed: false,
      statusCode: 403,
      message: 'Forbidden',
    });
  });

  it('answers 403 for a valid token that carries no Retorno role', async () => {
    const token = await issuer.issue({ ...secretariat, groups: ['admins'] });
    expect(await authorizer.authorize(secretariatOnly, `Bearer ${token}`)).toMatchObject({ statusCode: 403 });
  });

  it('checks expiry against the local clock when it has been moved', async () => {
    const token = await issuer.issue(secretariat, { expiresInSeconds: 3600 });
    const later = new JwtAuthorizer({
      jwks: issuer.jwks,
      issuer: issuer.issuer,
      audience: issuer.audience,
      now: () => Date.now() + 2 * 3600_000,
    });
    expect(await later.authorize(secretariatOnly, `Bearer ${token}`)).toMatchObject({ statusCode: 401 });
  });

  it('has a demo user for every country role in every member country and for each regional role', () => {
    expect(DEMO_USERS).toHaveLength(3 * 11 + 3);
    expect(DEMO_USERS.map((user) => user.username)).toEqual(
      expect.arrayContaining([
        'consular.hn',
        'authority.mx',
        'reintegration.gt',
        'secretariat',
        'operations',
        'auditor',
        'consular.ca',
      ]),
    );
    expect(findDemoUser('authority.mx')).toMatchObject({
      role: 'authority',
      country: 'MX',
      groups: ['authority:mx'],
    });
  });
});
