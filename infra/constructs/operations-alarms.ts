/**
 * What tells the operators that something needs a person: CloudWatch alarms on an SNS topic they
 * subscribe to (the `alarmEmail` context, or any subscription added by hand). Each alarm says in
 * its description what to do; the README's "Operating Retorno" says more.
 *
 * - Every state machine: an execution failed, timed out or was aborted.
 * - Every function: an invocation errored, or was throttled.
 * - The HTTP API answered 5xx (an API handler turns its own failures into a 500 answer, so its
 *   function's Errors metric does not count them).
 * - The reconciler's metrics (shared/operations-metrics.ts): it repaired something (a crash or an
 *   outage left work undone), an approval or an arrival confirmation is overdue, and the
 *   reconciler itself stopped running (no data is then a breach).
 *
 * Alarms also notify when they return to OK, so the person who acted sees it worked.
 */
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRICS_SERVICE, OPERATIONS_METRICS } from '../../shared/operations-metrics';

/** Properties of {@link OperationsAlarms}. */
export interface OperationsAlarmsProps {
  /** Deployment stage, the prefix of every alarm's name. */
  readonly stage: string;
  /** The manifest's functions, by name. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  /** The manifest's state machines, by name. */
  readonly stateMachines: ReadonlyMap<string, sfn.IStateMachine>;
  /** The HTTP API, whose 5xx answers are alarmed on. */
  readonly api: apigwv2.IHttpApi;
  /** The function that runs the reconciler and publishes the operators' metrics. */
  readonly reconciler: { readonly name: string; readonly everyMinutes: number };
  /** The namespace the reconciler publishes in (metricsNamespace(stage)). */
  readonly metricsNamespace: string;
  /**
   * Addresses subscribed to the topic by email (each confirms the subscription once).
   * @default none: subscribe by hand
   */
  readonly emails?: readonly string[];
}

const FIVE_MINUTES = Duration.minutes(5);

/** The topic and every alarm on it. */
export class OperationsAlarms extends Construct {
  /** Where every alarm goes. */
  public readonly topic: sns.Topic;
  /** Every alarm, by its name. */
  public readonly alarms = new Map<string, cloudwatch.Alarm>();
  private readonly stage: string;
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    this.stage = props.stage;
    const stack = Stack.of(this);
    // Only this stage's alarms may publish.
    const fromOurAlarms = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: {
        'aws:SourceArn': stack.formatArn({
          service: 'cloudwatch',
          resource: 'alarm',
          resourceName: `retorno-${props.stage}-*`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    };
    // A key of our own: CloudWatch may not use the AWS managed SNS key to publish to a topic. It
    // encrypts only messages in flight, so it goes with the stack (after AWS's waiting period).
    const key = new kms.Key(this, 'TopicKey', {
      description: `Encrypts the Retorno ${props.stage} operators' alarm topic.`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: fromOurAlarms,
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `Retorno ${props.stage} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    // enforceSSL gives the topic a policy of its own, which replaces SNS's default one: without
    // this statement CloudWatch would not be allowed to publish the alarms (SnsAction grants nothing).
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: fromOurAlarms,
      }),
    );
    for (const email of props.emails ?? [])
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    this.action = new actions.SnsAction(this.topic);

    for (const [name, machine] of props.stateMachines) {
      const what = `the ${name} state machine`;
      const look = `Open its execution in the Step Functions console (the execution is named after the case), read the failed state's error, fix the cause, then redrive the execution or start the case again as the README describes.`;
      this.alarm(`${name}-executions-failed`, machine.metricFailed({ period: FIVE_MINUTES }), {
        description: `An execution of ${what} failed. ${look}`,
      });
      this.alarm(`${name}-executions-timed-out`, machine.metricTimedOut({ period: FIVE_MINUTES }), {
        description: `An execution of ${what} timed out. ${look}`,
      });
      this.alarm(`${name}-executions-aborted`, machine.metricAborted({ period: FIVE_MINUTES }), {
        description: `An execution of ${what} was stopped by hand (aborted). Check who stopped it and why in CloudTrail; the case stays in the status it had.`,
      });
    }
    for (const [name, fn] of props.functions) {
      this.alarm(`${name}-errors`, fn.metricErrors({ period: FIVE_MINUTES }), {
        description: `The ${name} function failed: a workflow step (its state machine retries it) or a scheduled or event run. Read its log (errors are logged with the case or task id, never personal data). An API handler answers its failures with a 500, counted by the api-5xx alarm instead.`,
      });
      this.alarm(`${name}-throttles`, fn.metricThrottles({ period: FIVE_MINUTES }), {
        description: `The ${name} function was throttled: the account's concurrency is used up. Look for a runaway caller in the API's access logs, or ask AWS to raise the concurrency quota.`,
      });
    }

    this.alarm('api-5xx', props.api.metricServerError({ period: FIVE_MINUTES }), {
      description:
        "The API answered 5xx: a handler failed (it logs the error with the case or task id and answers 500) or the gateway could not reach it. Read the API's access log for the route, then that function's log.",
    });

    const metric = (metricName: string, period: Duration) =>
      new cloudwatch.Metric({
        namespace: props.metricsNamespace,
        metricName,
        dimensionsMap: { service: METRICS_SERVICE },
        statistic: cloudwatch.Stats.MAXIMUM,
        period,
      });
    const round = Duration.minutes(Math.max(5, props.reconciler.everyMinutes));
    this.alarm('reconciler-repaired', metric(OPERATIONS_METRICS.repairs, round), {
      description:
        'The reconciler repaired something a crash or an outage left undone (a workflow started late, a decision handed over again, an email sent late) or found a case stuck in SUBMITTED. Read its log for the case and task ids; a stuck case needs a person.',
    });
    this.alarm('approvals-overdue', metric(OPERATIONS_METRICS.overdueApprovals, round), {
      description:
        'An approval is still open after its deadline, which the workflow should have expired. Check the case workflow execution of the case (GET /api/tasks?view=all&overdue=true lists the tasks).',
    });
    this.alarm('arrivals-overdue', metric(OPERATIONS_METRICS.overdueArrivals, round), {
      description:
        "A returnee's arrival has not been confirmed by its due date. The receiving country's reintegration office has been reminded; the Secretariat should call it (GET /api/tasks?view=all&overdue=true).",
    });
    // Three rounds without a single invocation: the schedule is off or the function cannot start.
    const reconciler = props.functions.get(props.reconciler.name);
    if (!reconciler) throw new Error(`the reconciler ${props.reconciler.name} is not a manifest function`);
    this.alarm(
      'reconciler-not-running',
      reconciler.metricInvocations({ period: Duration.minutes(props.reconciler.everyMinutes * 3) }),
      {
        description:
          "The reconciler has not run for three of its rounds: nothing repairs crashes and the fund's queue is served only by new contributions. Check its EventBridge Scheduler schedule and the function.",
        comparison: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        missing: cloudwatch.TreatMissingData.BREACHING,
      },
    );
  }

  /** An alarm at one or more (or, with `comparison`, below one) in one period, on the topic. */
  private alarm(
    name: string,
    metric: cloudwatch.IMetric,
    options: {
      readonly description: string;
      readonly comparison?: cloudwatch.ComparisonOperator;
      readonly missing?: cloudwatch.TreatMissingData;
    },
  ): void {
    const alarmName = `retorno-${this.stage}-${name}`;
    const alarm = new cloudwatch.Alarm(this, `Alarm-${name}`, {
      alarmName,
      alarmDescription: options.description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator:
        options.comparison ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: options.missing ?? cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.set(alarmName, alarm);
  }
}
