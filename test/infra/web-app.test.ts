/**
 * The web app on AWS: CloudFront answers the app's routes with index.html (task links, whose ids
 * have dots, among them) and leaves real files, config.json among them, to S3; it serves the API
 * under /api on the same origin, so the CSP names no API, only Cognito's origins; it sends the
 * shared security headers, caches hashed files for good and the rest not at all; the web client
 * signs in at the hosted sign-in by the code flow with PKCE; config.json has the shape the app reads.
 */
import { runInNewContext } from 'node:vm';
import { Match } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { webAppConfig } from '../../infra/constructs/web-app';
import { createRetornoApp } from '../../infra/retorno-app';
import { manifest } from '../../shared/manifest';
import { taskIdFor } from '../../shared/tasks/task';
import { IS_WEB_FILE_SOURCE } from '../../shared/web-routes';
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
  "connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com " +
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

  it("embeds the rule the local static server follows (shared/web-routes.ts), in CloudFront's ES5", () => {
    expect(code()).toContain(IS_WEB_FILE_SOURCE);
    expect(code()).not.toMatch(/\b(const|let|class)\b|=>|`/);
  });

  // The link of every task email (shared/notifications/notifier.ts): its last segment has dots.
  const taskLink = `/tasks/${taskIdFor({ caseId: 'RET-7K2M9Q', kind: 'country_approval', country: 'MX', attempt: 1 })}`;

  it.each([
    taskLink,
    '/',
    '/cases',
    '/cases/RET-ABC',
    '/cases/RET-0123456789/audit',
    '/tasks/abc',
    '/auth/callback',
  ])('answers the app route %s with /index.html', (uri) => {
    expect(taskLink).toBe('/tasks/RET-7K2M9Q.country_approval.MX.1');
    expect(rewrite(uri)).toBe('/index.html');
  });

  it.each([
    '/app.js',
    '/app.js.map',
    '/app.css',
    '/config.json',
    '/index.html',
    '/favicon.ico',
    '/chunks/x.js',
    '/chunks/missing.js',
    '/assets/a-1.woff2',
  ])('leaves the file %s to S3, which answers a missing one with its error', (uri) => {
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
    const behaviors = (distributionConfig().CacheBehaviors as Record<string, unknown>[]).filter(
      (behavior) => behavior.PathPattern !== '/api/*',
    );
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
        signIn: {
          issuer: 'https://cognito-idp.eu-west-1.amazonaws.com',
          domain: 'https://retorno-dev-123456789012.auth.eu-west-1.amazoncognito.com',
        },
      }).headers,
    );
  });

  it('has no dependency cycle, though the distribution names the API and the API names the distribution', () => {
    // The API's authorizer (the web client's callback URLs) and its functions (email links) name
    // the distribution, which names the API resource: only the API resource itself must not name
    // the distribution back, as its CORS once did.
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

describe('the API under /api on the same distribution', () => {
  const apiBehavior = () => {
    const found = (distributionConfig().CacheBehaviors as Record<string, unknown>[]).filter(
      (behavior) => behavior.PathPattern === '/api/*',
    );
    expect(found).toHaveLength(1);
    return found[0]!;
  };

  it('forwards every method, the Authorization header and the query, over HTTPS only, caching nothing', () => {
    expect(apiBehavior()).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId:
        cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      ResponseHeadersPolicyId: { Ref: synth.logicalId(synth.stack.web.apiHeaders) },
    });
    expect(cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId).toBe(
      '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
    );
    expect(cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId).toBe(
      'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    );
    // API answers are not the app: no rewrite to index.html.
    expect(apiBehavior().FunctionAssociations).toBeUndefined();
  });

  it("goes to the HTTP API's own domain over TLS 1.2, with no origin path: /api/cases reaches the route /api/cases", () => {
    const origins = distributionConfig().Origins as Record<string, unknown>[];
    const origin = origins.find((candidate) => candidate.Id === apiBehavior().TargetOriginId)!;
    expect(render(origin.DomainName)).toBe(
      `<Ref:${synth.logicalId(synth.stack.httpApi.api)}>.execute-api.eu-west-1.amazonaws.com`,
    );
    expect(origin.CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(origin.OriginPath ?? '').toBe('');
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default' });
    for (const route of manifest.routes) expect(route.path).toMatch(/^\/api\//);
  });

  it('sends the same security headers as the app, and leaves caching to the API', () => {
    const config = policyConfig(synth.stack.web.apiHeaders);
    expect(render(config.SecurityHeadersConfig.ContentSecurityPolicy!.ContentSecurityPolicy)).toBe(
      EXPECTED_CSP,
    );
    const documents = policyConfig(synth.stack.web.documentHeaders);
    expect(config.SecurityHeadersConfig).toEqual(documents.SecurityHeadersConfig);
    expect(config.CustomHeadersConfig.Items).toEqual(
      documents.CustomHeadersConfig.Items.filter((item) => item.Header !== 'cache-control'),
    );
  });

  it('lets the app call the API on its own origin: a CSP without API Gateway, an API without CORS', () => {
    const csp = render(
      policyConfig(synth.stack.web.documentHeaders).SecurityHeadersConfig.ContentSecurityPolicy!
        .ContentSecurityPolicy,
    );
    expect(csp).not.toContain('execute-api');
    expect(csp).toContain(
      "connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com https://retorno-dev-123456789012.auth.eu-west-1.amazoncognito.com;",
    );
    const [, api] = only('AWS::ApiGatewayV2::Api');
    expect(api.CorsConfiguration).toBeUndefined();
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

  it("calls the API on the app's own origin unless told otherwise", () => {
    expect(webAppConfig({ authority: 'a', clientId: 'c', domain: 'd' }).apiUrl).toBe('');
  });

  it("names no API (the app's own /api), and the issuer, the client and the domain", () => {
    const config = synth.stack.resolve(synth.stack.web.config) as Record<string, unknown>;
    const api = synth.logicalId(synth.stack.httpApi.api);
    expect(config).toEqual({
      apiUrl: '',
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
    expect(markers).not.toContain(api);
    expect(markers).toContain(JSON.stringify({ Ref: synth.logicalId(synth.stack.users.domain) }));
  });
});
