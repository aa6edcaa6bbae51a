/**
 * The web app on AWS: CloudFront answers the app's routes with index.html (and leaves real files,
 * config.json among them, to S3), sends the shared security headers with a CSP naming the API and
 * Cognito's origins, caches hashed files for good and the rest not at all; the web client signs
 * in at the hosted sign-in by the code flow with PKCE; config.json has the shape the app reads.
 */
import { runInNewContext } from 'node:vm';
import { Match } from 'aws-cdk-lib/assertions';
import { webAppConfig } from '../../infra/constructs/web-app';
import { createRetornoApp } from '../../infra/retorno-app';
import { webSecurityHeaders } from '../../shared/web-security-headers';
import { ensureBuilt, type Synthesized, synthRetorno } from './support/synth';

let synth: Synthesized;
let resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: unknown }>;

beforeAll(async () => {
  await ensureBuilt();
  synth = synthRetorno({}, { webAppUrl: 'https://retorno.example.org/' });
  resources = synth.template.toJSON().Resources;
}, 120_000);

/** A deployment's values for the pseudo parameters. */
const PSEUDO: Record<string, string> = {
  'AWS::Region': 'eu-west-1',
  'AWS::URLSuffix': 'amazonaws.com',
  'AWS::AccountId': '123456789012',
};

/** A template value as a string, pseudo parameters filled in, other references as `<Ref:Id>`. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if ('Ref' in object) return PSEUDO[object.Ref as string] ?? `<Ref:${object.Ref as string}>`;
  if ('Fn::GetAtt' in object) return `<GetAtt:${(object['Fn::GetAtt'] as string[]).join('.')}>`;
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

/** The one resource of a type: its logical id and properties. */
function only(type: string): [string, Record<string, unknown>] {
  const found = Object.entries(resources).filter(([, resource]) => resource.Type === type);
  expect(found).toHaveLength(1);
  const [id, resource] = found[0]!;
  return [id, resource.Properties ?? {}];
}
const distributionConfig = () =>
  synth.template.toJSON().Resources[synth.logicalId(synth.stack.web.distribution)].Properties
    .DistributionConfig;
const policyConfig = (policy: { node: { defaultChild?: unknown } }) =>
  resources[synth.logicalId(policy)]!.Properties!.ResponseHeadersPolicyConfig as {
    SecurityHeadersConfig: Record<string, Record<string, unknown>>;
    CustomHeadersConfig: { Items: { Header: string; Value: string; Override: boolean }[] };
  };

const EXPECTED_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self' https://*.execute-api.eu-west-1.amazonaws.com https://cognito-idp.eu-west-1.amazonaws.com " +
  'https://retorno-dev-123456789012.auth.eu-west-1.amazoncognito.com; ' +
  "frame-ancestors 'none'; base-uri 'self'; " +
  "form-action 'self' https://retorno-dev-123456789012.auth.eu-west-1.amazoncognito.com; object-src 'none'";

describe('the deep links', () => {
  const code = () => {
    const [, fn] = only('AWS::CloudFront::Function');
    expect(fn.FunctionConfig).toMatchObject({ Runtime: 'cloudfront-js-2.0' });
    return fn.FunctionCode as string;
  };
  /** The deployed function's code, run on a viewer request for `uri`: the URI S3 is asked for. */
  const rewrite = (uri: string): string => {
    const handler = runInNewContext(`${code()}; handler`) as (event: unknown) => { uri: string };
    return handler({ request: { method: 'GET', uri, querystring: {}, headers: {} } }).uri;
  };

  it('runs on every viewer request of the default behaviour', () => {
    expect(distributionConfig().DefaultCacheBehavior.FunctionAssociations).toEqual([
      {
        EventType: 'viewer-request',
        FunctionARN: { 'Fn::GetAtt': [synth.logicalId(synth.stack.web.deepLinks), 'FunctionARN'] },
      },
    ]);
  });

  it.each([
    '/',
    '/cases',
    '/cases/RET-0123456789',
    '/cases/RET-0123456789/audit',
    '/tasks/abc',
    '/auth/callback',
  ])('answers the app route %s with /index.html', (uri) => {
    expect(rewrite(uri)).toBe('/index.html');
  });

  it.each([
    '/app.js',
    '/app.css',
    '/config.json',
    '/index.html',
    '/chunks/x.js',
    '/chunks/nope.js',
    '/assets/a-1.woff2',
  ])('leaves the file %s to S3', (uri) => {
    expect(rewrite(uri)).toBe(uri);
  });

  it('does not turn errors into index.html, which would hide a missing script or config.json', () => {
    expect(distributionConfig().CustomErrorResponses).toBeUndefined();
  });
});

describe('the response headers', () => {
  it('sends the documents (default behaviour) the CSP naming the API and Cognito, revalidated on every use', () => {
    expect(distributionConfig().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({
      Ref: synth.logicalId(synth.stack.web.documentHeaders),
    });
    const config = policyConfig(synth.stack.web.documentHeaders);
    expect(render(config.SecurityHeadersConfig.ContentSecurityPolicy!.ContentSecurityPolicy)).toBe(
      EXPECTED_CSP,
    );
    expect(config.SecurityHeadersConfig).toMatchObject({
      ContentSecurityPolicy: { Override: true },
      StrictTransportSecurity: {
        AccessControlMaxAgeSec: 31_536_000,
        IncludeSubdomains: true,
        Override: true,
      },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
    expect(config.CustomHeadersConfig.Items).toEqual(
      expect.arrayContaining([
        { Header: 'permissions-policy', Value: 'camera=(), microphone=(), geolocation=()', Override: true },
        { Header: 'cache-control', Value: 'no-cache', Override: true },
      ]),
    );
  });

  it('caches the hashed chunks and assets for a year, under the same security headers', () => {
    const behaviors = distributionConfig().CacheBehaviors as Record<string, unknown>[];
    expect(behaviors.map((behavior) => behavior.PathPattern).sort()).toEqual(['/assets/*', '/chunks/*']);
    for (const behavior of behaviors) {
      expect(behavior).toMatchObject({
        ResponseHeadersPolicyId: { Ref: synth.logicalId(synth.stack.web.hashedFileHeaders) },
        ViewerProtocolPolicy: 'redirect-to-https',
      });
      expect(behavior.FunctionAssociations).toBeUndefined();
    }
    const config = policyConfig(synth.stack.web.hashedFileHeaders);
    expect(render(config.SecurityHeadersConfig.ContentSecurityPolicy!.ContentSecurityPolicy)).toBe(
      EXPECTED_CSP,
    );
    expect(config.CustomHeadersConfig.Items).toContainEqual({
      Header: 'cache-control',
      Value: 'public, max-age=31536000, immutable',
      Override: true,
    });
  });

  it('are exactly the shared headers the local cloud sends, CloudFront settings and custom headers together', () => {
    const config = policyConfig(synth.stack.web.documentHeaders);
    const security = config.SecurityHeadersConfig;
    const sent: Record<string, string> = {
      'content-security-policy': render(security.ContentSecurityPolicy!.ContentSecurityPolicy),
      'strict-transport-security': `max-age=${security.StrictTransportSecurity!.AccessControlMaxAgeSec as number}${security.StrictTransportSecurity!.IncludeSubdomains ? '; includeSubDomains' : ''}`,
      'x-content-type-options': 'nosniff',
      'x-frame-options': security.FrameOptions!.FrameOption as string,
      'referrer-policy': security.ReferrerPolicy!.ReferrerPolicy as string,
      ...Object.fromEntries(
        config.CustomHeadersConfig.Items.filter((item) => item.Header !== 'cache-control').map((item) => [
          item.Header,
          item.Value,
        ]),
      ),
    };
    expect(sent).toEqual(
      webSecurityHeaders({
        api: 'https://*.execute-api.eu-west-1.amazonaws.com',
        signIn: {
          issuer: 'https://cognito-idp.eu-west-1.amazonaws.com',
          domain: 'https://retorno-dev-123456789012.auth.eu-west-1.amazoncognito.com',
        },
      }).headers,
    );
  });

  it('names the API by its Region, since naming its id would make a dependency cycle with CORS', () => {
    // The API's CORS names the distribution; a headers policy naming the API would close the loop.
    const edges = new Map<string, Set<string>>();
    for (const [id, resource] of Object.entries(resources)) {
      const found = new Set<string>();
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === 'object') {
          const object = value as Record<string, unknown>;
          if (typeof object.Ref === 'string') found.add(object.Ref);
          if (Array.isArray(object['Fn::GetAtt'])) found.add(object['Fn::GetAtt'][0] as string);
          Object.values(object).forEach(walk);
        }
      };
      walk(resource.Properties);
      for (const dependency of [resource.DependsOn ?? []].flat() as string[]) found.add(dependency);
      edges.set(id, new Set([...found].filter((target) => target in resources)));
    }
    const state = new Map<string, 'visiting' | 'done'>();
    const cycle: string[] = [];
    const visit = (id: string, path: string[]): boolean => {
      if (state.get(id) === 'done') return false;
      if (state.get(id) === 'visiting') {
        cycle.push(...path.slice(path.indexOf(id)), id);
        return true;
      }
      state.set(id, 'visiting');
      for (const next of edges.get(id) ?? []) if (visit(next, [...path, id])) return true;
      state.set(id, 'done');
      return false;
    };
    for (const id of edges.keys()) if (visit(id, [])) break;
    expect(cycle).toEqual([]);
  });
});

describe('sign-in at the hosted sign-in', () => {
  it('gives the web client the code flow (PKCE, no secret), the Cognito directory and the app URLs', () => {
    const web = 'https://<GetAtt:' + `${synth.logicalId(synth.stack.web.distribution)}.DomainName>`;
    const [, client] = only('AWS::Cognito::UserPoolClient');
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect((client.CallbackURLs as unknown[]).map(render)).toEqual([
      `${web}/auth/callback`,
      'https://retorno.example.org/auth/callback',
    ]);
    expect((client.LogoutURLs as unknown[]).map(render)).toEqual([
      `${web}/sign-in`,
      'https://retorno.example.org/sign-in',
    ]);
  });

  it('has a hosted sign-in domain of the stage and account, with managed login styled for the client', () => {
    const pool = synth.logicalId(synth.stack.users.userPool);
    const [domainId, domain] = only('AWS::Cognito::UserPoolDomain');
    expect(render(domain.Domain)).toBe('retorno-dev-123456789012');
    expect(domain).toMatchObject({ ManagedLoginVersion: 2, UserPoolId: { Ref: pool } });
    synth.template.hasResource('AWS::Cognito::ManagedLoginBranding', {
      Properties: {
        UserPoolId: { Ref: pool },
        ClientId: { Ref: synth.logicalId(synth.stack.users.webClient) },
        UseCognitoProvidedValues: true,
      },
      DependsOn: Match.arrayWith([domainId]),
    });
  });

  it('refuses a domain prefix Cognito would refuse, before anything is deployed', () => {
    expect(() => createRetornoApp({ stack: { authDomainPrefix: 'Retorno_{stage}' } })).toThrow(
      /retornoAuthDomainPrefix must give lower-case letters/,
    );
    expect(() => createRetornoApp({ stack: { authDomainPrefix: 'retorno-cognito' } })).toThrow(
      /without aws, amazon or cognito/,
    );
  });
});

describe('config.json', () => {
  it('has exactly the shape web/src/config.ts reads', () => {
    expect(
      webAppConfig({
        apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
        authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc',
        clientId: 'client123',
        domain: 'https://retorno-dev-1.auth.eu-west-1.amazoncognito.com',
      }),
    ).toEqual({
      apiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com',
      auth: {
        kind: 'cognito',
        authority: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Abc',
        clientId: 'client123',
        domain: 'https://retorno-dev-1.auth.eu-west-1.amazoncognito.com',
      },
    });
  });

  it('names the API endpoint (no trailing slash: the app adds /api/...), the issuer, the client and the domain', () => {
    const config = synth.stack.resolve(synth.stack.web.config) as Record<string, unknown>;
    const api = synth.logicalId(synth.stack.httpApi.api);
    expect(config).toEqual({
      apiUrl: { 'Fn::GetAtt': [api, 'ApiEndpoint'] },
      auth: {
        kind: 'cognito',
        authority: { 'Fn::GetAtt': [synth.logicalId(synth.stack.users.userPool), 'ProviderURL'] },
        clientId: { Ref: synth.logicalId(synth.stack.users.webClient) },
        domain: expect.anything(),
      },
    });
    const domain = render((config.auth as { domain: unknown }).domain);
    expect(domain).toBe(
      `https://<Ref:${synth.logicalId(synth.stack.users.domain)}>.auth.eu-west-1.amazoncognito.com`,
    );
    // What the deployment writes into config.json is those very values.
    const [, deployment] = only('Custom::CDKBucketDeployment');
    const markers = JSON.stringify(deployment.SourceMarkers);
    expect(markers).toContain(JSON.stringify({ 'Fn::GetAtt': [api, 'ApiEndpoint'] }));
    expect(markers).toContain(JSON.stringify({ Ref: synth.logicalId(synth.stack.users.domain) }));
  });
});
