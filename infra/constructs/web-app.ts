/**
 * The browser app: the files of dist/web in a private bucket, served by CloudFront through an
 * origin access control, plus a `config.json` that tells the app where the hosted sign-in is
 * (web/src/config.ts reads it). The same distribution serves the HTTP API under `/api/*`
 * ({@link WebApp.serveApi}), so the app calls its own origin, as locally, and the CSP's
 * connect-src needs no API Gateway. Its routes (`/cases/RET-…`, `/auth/callback`,
 * `/tasks/<task id>`) are answered with index.html by a viewer-request function; every answer
 * carries the security headers of shared/web-security-headers.ts, which the local cloud sends too.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { IS_WEB_FILE_SOURCE } from '../../shared/web-routes';
import {
  CACHE_CONTROL,
  HSTS_MAX_AGE_SECONDS,
  IMMUTABLE_FOLDERS,
  type WebOrigins,
  webSecurityHeaders,
} from '../../shared/web-security-headers';
import type { WebConfig } from '../../web/src/config';

/**
 * The viewer-request function (cloudfront-js-2.0) of the default behaviour: a path that is not a
 * file of the app (shared/web-routes.ts, the rule the local server follows too) is one of the
 * app's routes, so it is answered with `/index.html` (status 200); a file (`/app.js`,
 * `/config.json`, `/chunks/x.js`) is left for S3, which answers a missing one with an error.
 *
 * Rather than errorResponses 403/404 → index.html: those would also turn a missing script or
 * config.json into an HTML page with status 200 (a failed deploy would look like a broken app
 * instead of a 403 in the network tab), and would rewrite the API's or S3's real errors alike.
 */
export const DEEP_LINK_FUNCTION_CODE = `${IS_WEB_FILE_SOURCE}

function handler(event) {
  var request = event.request;
  if (!isWebFile(request.uri)) request.uri = '/index.html';
  return request;
}`;

/** Properties of {@link WebApp}. */
export interface WebAppProps {
  /** Folder with the built web app (`npm run build` makes dist/web). */
  readonly webDir: string;
  /** Bucket for S3 and CloudFront access logs. */
  readonly accessLogs: s3.IBucket;
  /** What the app may call besides its own origin and API (the CSP's connect-src and form-action). */
  readonly origins: WebOrigins;
}

/**
 * Where the app finds its API and its sign-in; written to `/config.json` at deploy time, in the
 * shape web/src/config.ts reads (its `WebConfig`, with Cognito sign-in).
 */
export type WebAppConfig = WebConfig & { readonly auth: Extract<WebConfig['auth'], { kind: 'cognito' }> };

/** The arguments of {@link webAppConfig}. */
export interface WebAppConfigInput {
  /**
   * The API's base URL without a trailing slash: the app calls `${apiUrl}/api/...`; '' (the
   * default) for the API the distribution serves under `/api/*`, on the app's own origin.
   */
  readonly apiUrl?: string;
  /** The user pool's issuer, `https://cognito-idp.<region>.amazonaws.com/<userPoolId>`. */
  readonly authority: string;
  /** The web app's client id (the API's JWT audience). */
  readonly clientId: string;
  /** The hosted sign-in domain, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domain: string;
}

/** config.json for the app on AWS. */
export function webAppConfig(input: WebAppConfigInput): WebAppConfig {
  return {
    apiUrl: input.apiUrl ?? '',
    auth: { kind: 'cognito', authority: input.authority, clientId: input.clientId, domain: input.domain },
  };
}

/** The web bucket and its CloudFront distribution. */
export class WebApp extends Construct {
  /** The private bucket holding the app. */
  public readonly bucket: s3.Bucket;
  /** The CloudFront distribution in front of it. */
  public readonly distribution: cloudfront.Distribution;
  /** The headers of index.html, config.json, app.js and the app's routes (revalidated on every use). */
  public readonly documentHeaders: cloudfront.ResponseHeadersPolicy;
  /** The headers of the hashed files under /chunks and /assets (cached for a year). */
  public readonly hashedFileHeaders: cloudfront.ResponseHeadersPolicy;
  /** The headers of the API's answers under /api: the same security headers, the API's own caching. */
  public readonly apiHeaders: cloudfront.ResponseHeadersPolicy;
  /** Answers the app's routes with index.html. */
  public readonly deepLinks: cloudfront.Function;
  /** What {@link deploy} wrote to config.json, once called. */
  public config?: WebAppConfig;
  private readonly webDir: string;

  constructor(scope: Construct, id: string, props: WebAppProps) {
    super(scope, id);
    this.webDir = props.webDir;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      serverAccessLogsBucket: props.accessLogs,
      serverAccessLogsPrefix: 'web-bucket/',
    });
    // Physical names carry the stack's name: stages may share an account.
    const prefix = Stack.of(this).stackName;
    this.documentHeaders = this.headersPolicy('DocumentHeaders', `${prefix}-web-documents`, props.origins, {
      cacheControl: CACHE_CONTROL.revalidate,
      comment: 'Retorno web app: security headers; revalidated on every use, so a deploy is seen at once.',
    });
    this.hashedFileHeaders = this.headersPolicy('HashedFileHeaders', `${prefix}-web-hashed`, props.origins, {
      cacheControl: CACHE_CONTROL.immutable,
      comment: 'Retorno web app: security headers; hashed files, cached for a year.',
    });
    this.apiHeaders = this.headersPolicy('ApiHeaders', `${prefix}-web-api`, props.origins, {
      comment: "Retorno API under /api: the web app's security headers; caching as the API says.",
    });
    this.deepLinks = new cloudfront.Function(this, 'DeepLinks', {
      functionName: `${prefix}-web-deep-links`,
      comment:
        "Answers the web app's routes (every path but /chunks, /assets and root files) with /index.html.",
      code: cloudfront.FunctionCode.fromInline(DEEP_LINK_FUNCTION_CODE),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
    });
    const origin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    const hashedFiles: cloudfront.BehaviorOptions = {
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      responseHeadersPolicy: this.hashedFileHeaders,
    };
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Retorno web app',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: this.documentHeaders,
        functionAssociations: [
          { eventType: cloudfront.FunctionEventType.VIEWER_REQUEST, function: this.deepLinks },
        ],
      },
      additionalBehaviors: Object.fromEntries(
        IMMUTABLE_FOLDERS.map((folder) => [`/${folder}/*`, hashedFiles] as const),
      ),
      enableLogging: true,
      logBucket: props.accessLogs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason:
          'No geo restriction: officials of the 11 RCM member states work from consulates abroad; access is controlled by Cognito sign-in, not by location.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'No WAF on the distribution: it serves static files and forwards /api/* to the HTTP API, which verifies a Cognito JWT on every non-public route and throttles its stage. Add a us-east-1 web ACL when a deployment needs one.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; set minimumProtocolVersion TLSv1.2_2021 when a custom domain certificate is added.',
      },
    );
  }

  /**
   * A response headers policy with the shared security headers (CloudFront takes HSTS, frame
   * options and the like as typed settings, the rest as custom headers) and a Cache-Control.
   * CloudFront replaces what S3 (or the API) sends (override), so the viewer gets exactly these;
   * without a cacheControl the origin's own Cache-Control passes through.
   */
  private headersPolicy(
    id: string,
    name: string,
    origins: WebOrigins,
    options: { readonly cacheControl?: string; readonly comment: string },
  ): cloudfront.ResponseHeadersPolicy {
    const { contentSecurityPolicy, headers } = webSecurityHeaders(origins);
    const known = <T extends string>(values: Record<string, T>, value: string | undefined): T => {
      const found = Object.values(values).find((candidate) => candidate === value);
      if (!found) throw new Error(`no CloudFront setting for header value ${value}`);
      return found;
    };
    const custom = ['permissions-policy'];
    return new cloudfront.ResponseHeadersPolicy(this, id, {
      responseHeadersPolicyName: name,
      comment: options.comment,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.seconds(HSTS_MAX_AGE_SECONDS),
          includeSubdomains: headers['strict-transport-security']?.includes('includeSubDomains') ?? false,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: {
          frameOption: known(cloudfront.HeadersFrameOption, headers['x-frame-options']),
          override: true,
        },
        referrerPolicy: {
          referrerPolicy: known(cloudfront.HeadersReferrerPolicy, headers['referrer-policy']),
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          ...custom.map((header) => ({ header, value: headers[header] ?? '', override: true })),
          ...(options.cacheControl
            ? [{ header: 'cache-control', value: options.cacheControl, override: true }]
            : []),
        ],
      },
    });
  }

  /**
   * Serves the HTTP API under `/api/*` on the app's own origin: to its `$default` stage (no origin
   * path, so `/api/cases` reaches the route `/api/cases`), over HTTPS only, every method, nothing
   * cached, every viewer header but Host (the API's domain must be the Host; Authorization goes
   * through to the JWT authorizer) and the query string forwarded.
   *
   * The distribution names only the API resource itself, which names nothing back once its CORS
   * no longer lists the distribution; its authorizer, routes and functions (which name the
   * distribution, for sign-in callbacks and email links) are resources of their own.
   */
  public serveApi(api: apigwv2.IHttpApi): void {
    const stack = Stack.of(this);
    const origin = new origins.HttpOrigin(`${api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
    });
    this.distribution.addBehavior('/api/*', origin, {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicy: this.apiHeaders,
    });
  }

  /** The app's URL, e.g. `https://d111111abcdef8.cloudfront.net`. */
  public get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /** Uploads the app and its `config.json`, and invalidates CloudFront's cache. */
  public deploy(config: WebAppConfig): s3deploy.BucketDeployment {
    this.config = config;
    return new s3deploy.BucketDeployment(this, 'Deployment', {
      sources: [s3deploy.Source.asset(this.webDir), s3deploy.Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
  }
}
