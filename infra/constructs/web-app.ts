/**
 * The browser app: the files of dist/web in a private bucket, served by CloudFront through an
 * origin access control, plus a `config.json` that tells the app where the API and the hosted
 * sign-in are (web/src/config.ts reads it). Its routes (`/cases/RET-…`, `/auth/callback`) are
 * answered with index.html by a viewer-request function; every answer carries the security
 * headers of shared/web-security-headers.ts, which the local cloud sends too.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import {
  CACHE_CONTROL,
  HSTS_MAX_AGE_SECONDS,
  IMMUTABLE_FOLDERS,
  type WebOrigins,
  webSecurityHeaders,
} from '../../shared/web-security-headers';
import type { WebConfig } from '../../web/src/config';

/**
 * The viewer-request function (cloudfront-js-2.0) of the default behaviour: a path whose last
 * segment has no dot is one of the app's routes, so it is answered with `/index.html` (status 200);
 * a path with an extension (`/app.js`, `/config.json`, `/chunks/x.js`) is left for S3.
 *
 * Rather than errorResponses 403/404 → index.html: those would also turn a missing script or
 * config.json into an HTML page with status 200 (a failed deploy would look like a broken app
 * instead of a 403 in the network tab), and would rewrite the API's or S3's real errors alike.
 * Written in the ES5 subset every CloudFront Functions runtime accepts.
 */
export const DEEP_LINK_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/** Properties of {@link WebApp}. */
export interface WebAppProps {
  /** Folder with the built web app (`npm run build` makes dist/web). */
  readonly webDir: string;
  /** Bucket for S3 and CloudFront access logs. */
  readonly accessLogs: s3.IBucket;
  /** What the app may call besides its own origin (the CSP's connect-src and form-action). */
  readonly origins: WebOrigins;
}

/**
 * Where the app finds its API and its sign-in; written to `/config.json` at deploy time, in the
 * shape web/src/config.ts reads (its `WebConfig`, with Cognito sign-in).
 */
export type WebAppConfig = WebConfig & { readonly auth: Extract<WebConfig['auth'], { kind: 'cognito' }> };

/** The arguments of {@link webAppConfig}. */
export interface WebAppConfigInput {
  /** The API's base URL without a trailing slash: the app calls `${apiUrl}/api/...`. */
  readonly apiUrl: string;
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
    apiUrl: input.apiUrl,
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
    this.deepLinks = new cloudfront.Function(this, 'DeepLinks', {
      functionName: `${prefix}-web-deep-links`,
      comment: "Answers the web app's routes (paths without a file extension) with /index.html.",
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
          'No WAF on the distribution: it serves only static files; the API it calls has JWT auth and stage throttling. Add a us-east-1 web ACL when a deployment needs one.',
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
   * CloudFront replaces what S3 sends (override), so the viewer gets exactly these.
   */
  private headersPolicy(
    id: string,
    name: string,
    origins: WebOrigins,
    options: { readonly cacheControl: string; readonly comment: string },
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
          { header: 'cache-control', value: options.cacheControl, override: true },
        ],
      },
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
