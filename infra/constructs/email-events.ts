/**
 * The SES configuration set every Retorno email is sent with, and where its events go: Send,
 * Delivery, Bounce and Complaint events are published to the account's default EventBridge bus
 * (SES can publish only there), and a rule on that bus hands the events of this configuration
 * set to the function(s) the manifest marks `emailEvents`, which record them in the outbox.
 *
 * EventBridge rather than SNS: no topic to own, encrypt and subscribe; the rule filters by the
 * configuration set in its pattern; and its retry policy (here up to 24 hours and 185 attempts)
 * is what keeps a Send event from being lost while the function or DynamoDB is briefly down.
 * An event that still cannot be delivered after that is dropped: the remaining risk
 * shared/ports/email-outbox.ts describes.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { SES_EVENT_DETAIL_TYPES } from '../../shared/notifications/email-events';

/** Properties of {@link EmailEvents}. */
export interface EmailEventsProps {
  /** The configuration set's name (context `emailConfigurationSet`). */
  readonly configurationSetName: string;
}

/** The events the outbox records (shared/notifications/email-events.ts). */
const RECORDED_EVENTS = [
  ses.EmailSendingEvent.SEND,
  ses.EmailSendingEvent.DELIVERY,
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
];

/** The configuration set, its event destination, and the rule that delivers its events. */
export class EmailEvents extends Construct {
  /** The configuration set emails are sent with. */
  public readonly configurationSet: ses.ConfigurationSet;
  /** The rule on the default bus that matches this configuration set's events. */
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: EmailEventsProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      // Bounces and complaints stay on the account's suppression list, so SES stops writing to a
      // dead address; the event tells the outbox (and the logs) which entry it was.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    const bus = events.EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    new ses.ConfigurationSetEventDestination(this, 'ToEventBridge', {
      configurationSet: this.configurationSet,
      destination: ses.EventDestination.eventBus(bus),
      events: RECORDED_EVENTS,
    });
    this.rule = new events.Rule(this, 'Rule', {
      description: `SES send, delivery, bounce and complaint events of ${props.configurationSetName}, to the outbox.`,
      eventBus: bus,
      eventPattern: {
        source: ['aws.ses'],
        detailType: Object.values(SES_EVENT_DETAIL_TYPES),
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
    });
  }

  /** The configuration set's ARN, for `ses:SendEmail` grants (a send names it). */
  public get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /** Delivers the events to a function, retried by EventBridge for up to a day. */
  public deliverTo(handler: lambda.IFunction): void {
    this.rule.addTarget(
      new targets.LambdaFunction(handler, { retryAttempts: 185, maxEventAge: Duration.hours(24) }),
    );
  }
}
