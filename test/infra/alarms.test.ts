/**
 * The operators' alarms (infra/constructs/operations-alarms.ts) in the synthesized template: what
 * each watches, where it goes, and that the reconciler publishes the metrics they read.
 */
import { Match } from 'aws-cdk-lib/assertions';
import { manifest } from '../../shared/manifest';
import { METRICS_SERVICE, OPERATIONS_METRICS } from '../../shared/operations-metrics';
import { type Synthesized, synthRetorno } from './support/synth';

type Resource = { Type: string; Properties: Record<string, unknown> };

let synth: Synthesized;
let alarms: Record<string, Resource>;

beforeAll(() => {
  synth = synthRetorno({}, { alarmEmail: 'oncall@rcm.example, secretariat-ops@rcm.example' });
  alarms = Object.fromEntries(
    Object.values(synth.template.findResources('AWS::CloudWatch::Alarm') as Record<string, Resource>).map(
      (alarm) => [alarm.Properties.AlarmName as string, alarm],
    ),
  );
});

const topicRef = () => ({ Ref: synth.logicalId(synth.stack.alarms!.topic) });

describe("the operators' alarms", () => {
  it('go to one encrypted topic, which refuses unencrypted publishing and emails the alarmEmail addresses', () => {
    synth.template.resourceCountIs('AWS::SNS::Topic', 1);
    synth.template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: Match.objectLike({ 'Fn::GetAtt': Match.arrayWith(['Arn']) }),
    });
    // The topic's own policy refuses plain HTTP, and lets this stage's alarms (only) publish:
    // a topic policy replaces SNS's default one, so without the Allow no alarm would arrive.
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
      ArnLike: {
        'aws:SourceArn': {
          'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':alarm:retorno-dev-\\*$')])],
        },
      },
    };
    synth.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: topicRef(),
            Condition: fromOurAlarms,
          }),
        ]),
      }),
    });
    // CloudWatch may use the topic's key to publish, from this account only.
    synth.template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: fromOurAlarms,
          }),
        ]),
      }),
    });
    const emails = Object.values(
      synth.template.findResources('AWS::SNS::Subscription') as Record<string, Resource>,
    ).map((subscription) => [subscription.Properties.Protocol, subscription.Properties.Endpoint]);
    expect(emails.sort()).toEqual([
      ['email', 'oncall@rcm.example'],
      ['email', 'secretariat-ops@rcm.example'],
    ]);
  });

  it('notify both when they fire and when they are over, and say what to do', () => {
    expect(Object.keys(alarms).length).toBeGreaterThan(0);
    for (const [name, alarm] of Object.entries(alarms)) {
      expect({ name, actions: alarm.Properties.AlarmActions }).toEqual({ name, actions: [topicRef()] });
      expect({ name, actions: alarm.Properties.OKActions }).toEqual({ name, actions: [topicRef()] });
      expect((alarm.Properties.AlarmDescription as string).length).toBeGreaterThan(60);
      expect(name).toMatch(/^retorno-dev-/);
    }
  });

  it.each(Object.keys(manifest.stateMachines))(
    'watch every failed, timed-out and aborted execution of %s',
    (machine) => {
      const arn = { Ref: synth.logicalId(synth.stack.workflows.get(machine)) };
      for (const [metric, suffix] of [
        ['ExecutionsFailed', 'failed'],
        ['ExecutionsTimedOut', 'timed-out'],
        ['ExecutionsAborted', 'aborted'],
      ] as const) {
        const alarm = alarms[`retorno-dev-${machine}-executions-${suffix}`];
        expect(alarm?.Properties).toMatchObject({
          Namespace: 'AWS/States',
          MetricName: metric,
          Dimensions: [{ Name: 'StateMachineArn', Value: arn }],
          Statistic: 'Sum',
          Period: 300,
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
      }
    },
  );

  it.each(Object.keys(manifest.functions))('watch the errors and throttles of %s', (name) => {
    const fn = { Ref: synth.logicalId(synth.stack.functions.get(name).function) };
    for (const [metric, suffix] of [
      ['Errors', 'errors'],
      ['Throttles', 'throttles'],
    ] as const) {
      expect(alarms[`retorno-dev-${name}-${suffix}`]?.Properties).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: fn }],
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
    }
  });

  it.each([
    ['reconciler-repaired', OPERATIONS_METRICS.repairs],
    ['approvals-overdue', OPERATIONS_METRICS.overdueApprovals],
    ['arrivals-overdue', OPERATIONS_METRICS.overdueArrivals],
  ])('fire on %s from the metric the reconciler publishes in the stage namespace', (name, metric) => {
    expect(alarms[`retorno-dev-${name}`]?.Properties).toMatchObject({
      Namespace: 'Retorno/dev',
      MetricName: metric,
      Dimensions: [{ Name: 'service', Value: METRICS_SERVICE }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    // ...which the reconciler is told to publish in, and no other function.
    const withNamespace = [...synth.stack.functions.all()]
      .filter(([, fn]) => 'POWERTOOLS_METRICS_NAMESPACE' in fn.environment)
      .map(([fnName, fn]) => [fnName, fn.environment.POWERTOOLS_METRICS_NAMESPACE]);
    expect(withNamespace).toEqual([['reconcile', 'Retorno/dev']]);
  });

  it("fire when the API answers 5xx, which API handlers' own error metrics do not count", () => {
    expect(alarms['retorno-dev-api-5xx']?.Properties).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: synth.logicalId(synth.stack.httpApi.api) } }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('fire when the reconciler stops running, counting no data as a breach', () => {
    const everyMinutes = manifest.functions.reconcile.schedule.everyMinutes;
    expect(alarms['retorno-dev-reconciler-not-running']?.Properties).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Invocations',
      Dimensions: [
        {
          Name: 'FunctionName',
          Value: { Ref: synth.logicalId(synth.stack.functions.get('reconcile').function) },
        },
      ],
      Period: everyMinutes * 3 * 60,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
  });

  it('refuse an alarmEmail that is not an address', () => {
    expect(() => synthRetorno({}, { alarmEmail: 'oncall@rcm.example, not-an-address' })).toThrow(
      /context alarmEmail must be email addresses separated by commas, got "not-an-address"/,
    );
  });
});
