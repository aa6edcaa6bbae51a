/**
 * The HTTP API: one route per manifest route, each integrated with its function (payload 2.0,
 * as the local gateway sends). Every route but the public ones needs a Cognito JWT; which role may
 * call a route is then checked by the handler itself (shared/route-access.ts), as locally.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteSpec } from '../../shared/manifest-types';

/** Properties of {@link ManifestHttpApi}. */
export interface ManifestHttpApiProps {
  /** The manifest's routes. */
  readonly routes: readonly RouteSpec[];
  /** The function of a manifest function name. */
  readonly handler: (name: string) => lambda.IFunction;
  /** The user pool whose tokens the API accepts. */
  readonly userPool: cognito.UserPool;
  /** The app client whose tokens the API accepts (the JWT audience). */
  readonly userPoolClient: cognito.IUserPoolClient;
  /**
   * Browser origins allowed to call the API across origins (CORS), e.g. `http://localhost:3000`;
   * none gives the API no CORS at all (the web app calls it on its own origin).
   */
  readonly allowOrigins: readonly string[];
  /**
   * Steady-state requests per second across the API.
   * @default 50
   */
  readonly rateLimit?: number;
  /**
   * Burst of requests the API accepts above the rate.
   * @default 100
   */
  readonly burstLimit?: number;
  /**
   * How long access logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
}

/** API Gateway's enum for a manifest method. */
const METHODS: Record<RouteSpec['method'], apigwv2.HttpMethod> = {
  GET: apigwv2.HttpMethod.GET,
  POST: apigwv2.HttpMethod.POST,
  PUT: apigwv2.HttpMethod.PUT,
  PATCH: apigwv2.HttpMethod.PATCH,
  DELETE: apigwv2.HttpMethod.DELETE,
};

/** The API with its routes, JWT authorizer, CORS, access logs and throttling. */
export class ManifestHttpApi extends Construct {
  /** The HTTP API. */
  public readonly api: apigwv2.HttpApi;
  /** The `$default` stage, with access logs and throttling. */
  public readonly stage: apigwv2.HttpStage;

  constructor(scope: Construct, id: string, props: ManifestHttpApiProps) {
    super(scope, id);
    const methods = [...new Set(props.routes.map((route) => METHODS[route.method]))];
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: 'Retorno API: fund requests, approvals, tasks and the fund.',
      createDefaultStage: false,
      ...(props.allowOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...props.allowOrigins],
              allowMethods: [...methods, apigwv2.CorsHttpMethod.OPTIONS].map(
                (method) => method as apigwv2.CorsHttpMethod,
              ),
              allowHeaders: ['authorization', 'content-type'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        // Who called what and how it went; never bodies, which may carry personal data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const authorizer = new HttpJwtAuthorizer('CognitoJwt', props.userPool.userPoolProviderUrl, {
      jwtAudience: [props.userPoolClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const route of props.routes) {
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(
          `${route.function}Integration`,
          props.handler(route.function),
        );
        integrations.set(route.function, integration);
      }
      const [created] = this.api.addRoutes({
        path: route.path,
        methods: [METHODS[route.method]],
        integration,
        ...(route.auth === 'public' ? {} : { authorizer }),
      });
      if (route.auth === 'public' && created) {
        Validations.of(created).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is declared public in shared/manifest.ts (auth: 'public') and must answer without a token.`,
        });
      }
    }
  }

  /** The API's base URL, e.g. `https://abc.execute-api.eu-west-1.amazonaws.com/`. */
  public get url(): string {
    return this.stage.url;
  }
}
