/**
 * The browser app: the files of dist/web in a private bucket, served by CloudFront through an
 * origin access control, plus a `config.json` that tells the app where the API and the user pool
 * are (the local cloud serves the same file shape).
 */
import { Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';

/** Properties of {@link WebApp}. */
export interface WebAppProps {
  /** Folder with the built web app (`npm run build` makes dist/web). */
  readonly webDir: string;
  /** Bucket for S3 and CloudFront access logs. */
  readonly accessLogs: s3.IBucket;
}

/** Where the app finds its API and its sign-in; written to `/config.json` at deploy time. */
export interface WebAppConfig {
  /** The API's base URL. */
  readonly apiUrl: string;
  /** The AWS Region of the user pool. */
  readonly region: string;
  /** The user pool id. */
  readonly userPoolId: string;
  /** The web app's client id in the user pool. */
  readonly userPoolClientId: string;
}

/** The web bucket and its CloudFront distribution. */
export class WebApp extends Construct {
  /** The private bucket holding the app. */
  public readonly bucket: s3.Bucket;
  /** The CloudFront distribution in front of it. */
  public readonly distribution: cloudfront.Distribution;
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
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Retorno web app',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
      },
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

  /** The app's URL, e.g. `https://d111111abcdef8.cloudfront.net`. */
  public get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  /** Uploads the app and its `config.json`, and invalidates CloudFront's cache. */
  public deploy(config: WebAppConfig): s3deploy.BucketDeployment {
    return new s3deploy.BucketDeployment(this, 'Deployment', {
      sources: [s3deploy.Source.asset(this.webDir), s3deploy.Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
  }
}
