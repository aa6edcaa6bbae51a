import { Match } from 'aws-cdk-lib/assertions';
import { RCM_COUNTRY_CODES } from '../../shared/countries';
import { manifest } from '../../shared/manifest';
import type { RouteSpec } from '../../shared/manifest-types';
import { COUNTRY_ROLES, groupName, ROLES } from '../../shared/roles';
import { ensureBuilt, type Synthesized, synthRetorno } from './support/synth';

let synth: Synthesized;

beforeAll(async () => {
  await ensureBuilt();
  synth = synthRetorno({}, { allowedOrigins: 'http://localhost:3000' });
});

const routes = manifest.routes as readonly RouteSpec[];
const routeResource = (route: RouteSpec) => {
  const found = Object.values(synth.template.findResources('AWS::ApiGatewayV2::Route')).filter(
    (resource) => resource.Properties.RouteKey === `${route.method} ${route.path}`,
  );
  expect(found).toHaveLength(1);
  return found[0]!.Properties as Record<string, unknown>;
};

describe('the HTTP API', () => {
  it('has one route per manifest route and nothing else', () => {
    synth.template.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
  });

  it('verifies Cognito tokens: issuer is the user pool, audience the web client', () => {
    const pool = synth.logicalId(synth.stack.users.userPool);
    const client = synth.logicalId(synth.stack.users.webClient);
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: client }],
        Issuer: { 'Fn::GetAtt': [pool, 'ProviderURL'] },
      },
    });
  });

  it.each(routes.map((route) => [`${route.method} ${route.path}`, route] as const))(
    '%s needs a JWT unless the manifest makes it public, and calls its function',
    (_, route) => {
      const properties = routeResource(route);
      if (route.auth === 'public') {
        expect(properties.AuthorizationType).toBe('NONE');
        expect(properties.AuthorizerId).toBeUndefined();
      } else {
        expect(properties.AuthorizationType).toBe('JWT');
        expect(properties.AuthorizerId).toEqual({ Ref: expect.stringMatching(/CognitoJwt/) });
      }
      const integrationId = JSON.stringify(properties.Target).match(/"Ref":"([^"]+)"/)?.[1];
      const integration = synth.template.toJSON().Resources[integrationId!].Properties;
      const fn = synth.logicalId(synth.stack.functions.get(route.function).function);
      expect(integration).toMatchObject({
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [fn, 'Arn'] },
      });
    },
  );

  it('allows exactly the configured origins through CORS; the web app needs none, it calls its own /api', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({
        AllowOrigins: ['http://localhost:3000'],
        AllowHeaders: ['authorization', 'content-type'],
      }),
    });
  });

  it('logs every request and throttles the stage', () => {
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('AccessLogs'), 'Arn'] },
        Format: Match.stringLikeRegexp('routeKey'),
      },
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
  });
});

describe('sign-in', () => {
  it('lets only administrators create users, with a strong password policy and TOTP required of everyone', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      // Required for all (Cognito cannot require it per group), by authenticator app only: no SMS.
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
    });
  });

  it('has a group for every country role in every member country and for every regional role', () => {
    const expected = ROLES.flatMap((role) =>
      COUNTRY_ROLES.includes(role)
        ? RCM_COUNTRY_CODES.map((country) => groupName(role, country))
        : [groupName(role)],
    );
    const groups = Object.values(synth.template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (group) => group.Properties.GroupName as string,
    );
    expect(groups.sort()).toEqual(expected.sort());
    expect(groups).toContain('consular:hn');
    expect(groups).toContain('secretariat');
  });

  it('gives the browser a public client using SRP', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
  });
});
