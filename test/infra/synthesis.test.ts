/**
 * The app as `cdk synth` builds it: offline, environment-agnostic, and clean under cdk-nag's
 * AWS Solutions checks (errors and warnings), every exception acknowledged with a reason.
 */

import { Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ensureBuilt, type Synthesized, synthRetorno } from './support/synth';

let synth: Synthesized;

beforeAll(async () => {
  await ensureBuilt();
  synth = synthRetorno();
});

const nagViolations = (scope: Synthesized['app'] | Synthesized['stack']) =>
  new AwsSolutionsChecks(undefined, { verbose: true })
    .validateScope(scope)
    .violations.map(
      (violation) =>
        `${violation.ruleName} at ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );

describe('synthesis', () => {
  it('leaves no unacknowledged cdk-nag AwsSolutions finding, error or warning', () => {
    expect(nagViolations(synth.app)).toEqual([]);
    const annotations = Annotations.fromStack(synth.stack);
    expect(annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
    expect(annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'))).toEqual([]);
  });

  it('really runs the checks: a stray bucket is reported', () => {
    const stray = synthRetorno();
    new s3.Bucket(stray.stack, 'Stray');
    expect(nagViolations(stray.stack)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^AwsSolutions-S1 at Retorno\/Stray/)]),
    );
  });

  it('has no CDK errors and needs no context lookups, so it synthesizes offline', () => {
    expect(Annotations.fromStack(synth.stack).findError('*', Match.anyValue())).toEqual([]);
    const assembly = synth.app.synth();
    expect(assembly.manifest.missing ?? []).toEqual([]);
  });

  it('is environment-agnostic and named after its stage', () => {
    expect(Token.isUnresolved(synth.stack.account)).toBe(true);
    expect(Token.isUnresolved(synth.stack.region)).toBe(true);
    expect(synth.stack.node.id).toBe('Retorno');
    expect(synth.stack.stackName).toBe('retorno-dev');
  });

  it('outputs what a deployer needs: API URL, web URL, user pool and client ids, the alarm topic', () => {
    const outputs = Object.keys(synth.template.toJSON().Outputs);
    expect(outputs).toEqual(
      expect.arrayContaining(['ApiUrl', 'WebUrl', 'UserPoolId', 'UserPoolClientId', 'AlarmTopicArn']),
    );
  });

  it('traces every state machine with X-Ray and logs its executions without their data', () => {
    const machines = Object.values(synth.template.findResources('AWS::StepFunctions::StateMachine')) as {
      Properties: {
        TracingConfiguration?: unknown;
        LoggingConfiguration?: { IncludeExecutionData?: boolean; Level?: string };
      };
    }[];
    expect(machines.length).toBe(2);
    for (const machine of machines) {
      expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
      // Inputs and outputs carry case ids, but an error's cause could quote personal data.
      expect(machine.Properties.LoggingConfiguration).toMatchObject({
        Level: 'ALL',
        IncludeExecutionData: false,
      });
    }
  });
});

describe('the web app', () => {
  it('keeps its files in a private, encrypted, SSL-only bucket', () => {
    const bucketId = synth.logicalId(synth.stack.web.bucket);
    expect(synth.template.toJSON().Resources[bucketId].Properties).toMatchObject({
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    synth.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('serves it through CloudFront with an origin access control, HTTPS only', () => {
    synth.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    synth.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
        // The app's bucket (and the API, under /api/*, on the same origin).
        Origins: Match.arrayWith([Match.objectLike({ OriginAccessControlId: Match.anyValue() })]),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
  });

  it('deploys dist/web with a config.json naming the user pool (the API is on the same origin)', () => {
    synth.template.resourceCountIs('Custom::CDKBucketDeployment', 1);
    const deployment = Object.values(synth.template.findResources('Custom::CDKBucketDeployment'))[0]!;
    expect(deployment.Properties.SourceMarkers).toHaveLength(2);
    expect(JSON.stringify(deployment.Properties.SourceMarkers)).toContain(
      synth.logicalId(synth.stack.users.webClient),
    );
  });
});
