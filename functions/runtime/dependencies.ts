/**
 * What handlers are built from, created once per sandbox (at cold start): the AWS SDK clients
 * and the domain services over the tables and state machines the manifest grants the function.
 * Each builder reads only the variables it needs, through shared/config, and fails fast naming
 * any that is missing. Endpoints come from the SDK's own variables (AWS_ENDPOINT_URL_*).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/dynamo-audit-log';
import { DynamoCaseRepository } from '../../shared/adapters/dynamodb/dynamo-case-repository';
import { DynamoEmailOutbox } from '../../shared/adapters/dynamodb/dynamo-email-outbox';
import { DynamoFundLedger } from '../../shared/adapters/dynamodb/dynamo-fund-ledger';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamodb/dynamo-idempotency-store';
import { DynamoTaskStore } from '../../shared/adapters/dynamodb/dynamo-task-store';
import { DynamoWorkflowWaits } from '../../shared/adapters/dynamodb/dynamo-workflow-waits';
import { SesMailer } from '../../shared/adapters/ses/ses-mailer';
import { SfnWorkflowEngine } from '../../shared/adapters/sfn/sfn-workflow-engine';
import { HttpTravelProvider } from '../../shared/adapters/travel/http-travel-provider';
import { AuditTrail } from '../../shared/audit/audit-trail';
import { CaseService } from '../../shared/cases/case-service';
import { envVar, readConfig } from '../../shared/config';
import { DEFAULT_CASE_CEILING_USD, DEFAULT_FUND_ID } from '../../shared/contracts/fund';
import { ReserveFund } from '../../shared/fund/reserve-fund';
import type { StateMachineName, TableName } from '../../shared/manifest';
import { stateMachineEnvVar, tableEnvVar } from '../../shared/manifest-names';
import { readEmailDirectory } from '../../shared/notifications/email-directory';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_SEND_EVENT_GRACE_SECONDS,
  type NotifierDeps,
} from '../../shared/notifications/notifier';
import { TaskService } from '../../shared/tasks/task-service';

let documentClient: DynamoDBDocumentClient | undefined;

/** The one DynamoDB document client of the sandbox. */
export function dynamoDocumentClient(): DynamoDBDocumentClient {
  return dynamo();
}

function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

/** The physical name of a table the manifest grants this function. */
export function tableName(table: TableName): string {
  const name = tableEnvVar(table);
  return readConfig({ [name]: envVar.string(`the ${table} table's name`) })[name] as string;
}

export function caseService(): CaseService {
  const table = tableName('cases');
  return new CaseService(
    new DynamoCaseRepository(dynamo(), table),
    new DynamoIdempotencyStore(dynamo(), table),
  );
}

export function taskService(): TaskService {
  return new TaskService(new DynamoTaskStore(dynamo(), tableName('tasks')));
}

export function auditTrail(): AuditTrail {
  return new AuditTrail(new DynamoAuditLog(dynamo(), tableName('audit')));
}

/** The fund settings: which fund cases draw on and its per-case ceiling (by default the RCM Reserve Fund and US$1,000). */
export function fundSettings(): { readonly fundId: string; readonly ceilingUsd: number } {
  const config = readConfig({
    RESERVE_FUND_ID: envVar.optional(envVar.string('the fund cases draw on'), DEFAULT_FUND_ID),
    RESERVE_FUND_CEILING_USD: envVar.optional(
      envVar.positiveInt('largest amount one case may receive, USD'),
      DEFAULT_CASE_CEILING_USD,
    ),
  });
  return { fundId: config.RESERVE_FUND_ID, ceilingUsd: config.RESERVE_FUND_CEILING_USD };
}

export function reserveFund(fundId = fundSettings().fundId): ReserveFund {
  return new ReserveFund(new DynamoFundLedger(dynamo(), tableName('funds')), { ...fundSettings(), fundId });
}

export function fundLedger(): DynamoFundLedger {
  return new DynamoFundLedger(dynamo(), tableName('funds'));
}

/** Where the workflow's waits keep their tokens: the tasks table, beside the tasks' tokens. */
export function workflowWaits(): DynamoWorkflowWaits {
  return new DynamoWorkflowWaits(dynamo(), tableName('tasks'));
}

/**
 * What serving the fund's queue needs (shared/workflow/fund-wait.ts): the cases, the fund and its
 * ledger, the waits and the case workflow to resume. One builder for every function that serves it.
 */
export function fundQueueDeps(cases: CaseService = caseService()) {
  return {
    cases,
    fund: reserveFund(),
    ledger: fundLedger(),
    waits: workflowWaits(),
    workflow: workflowEngine(),
    audit: auditTrail(),
  };
}

export function workflowEngine(machine: StateMachineName = 'caseWorkflow'): SfnWorkflowEngine {
  const name = stateMachineEnvVar(machine);
  const arn = readConfig({ [name]: envVar.string(`the ${machine} state machine's ARN`) })[name] as string;
  return new SfnWorkflowEngine(new SFNClient({}), arn);
}

/** The travel provider the manifest's `travel: true` gives the function (TRAVEL_PROVIDER_URL). */
export function travelProvider(): HttpTravelProvider {
  const config = readConfig({
    TRAVEL_PROVIDER_URL: envVar.url('base URL of the travel provider that books and cancels travel'),
    TRAVEL_PROVIDER_TIMEOUT_MS: envVar.optional(
      envVar.positiveInt('how long one call to the travel provider may take, in ms'),
      5000,
    ),
  });
  return new HttpTravelProvider({
    baseUrl: config.TRAVEL_PROVIDER_URL,
    timeoutMs: config.TRAVEL_PROVIDER_TIMEOUT_MS,
  });
}

let sesClient: SESv2Client | undefined;

/**
 * What notify and resendUnsent need (shared/notifications/notifier.ts): the outbox table, SES
 * (its endpoint from AWS_ENDPOINT_URL_SESV2, the sender from EMAIL_FROM, the configuration set
 * from EMAIL_CONFIGURATION_SET), the email directory (EMAIL_DIRECTORY) and the web app's address
 * for links (WEB_APP_URL), all checked at cold start; the send event's grace and the attempts an
 * email gets may be tuned (EMAIL_SEND_EVENT_GRACE_SECONDS, EMAIL_MAX_ATTEMPTS).
 */
export function notifierDeps(cases: CaseService = caseService()): NotifierDeps {
  const config = readConfig({
    EMAIL_FROM: envVar.string('the verified address email is sent from'),
    EMAIL_CONFIGURATION_SET: envVar.string(
      'the SES configuration set whose send events mark emails sent and record deliveries and bounces',
    ),
    WEB_APP_URL: envVar.url("the web app's address, the base of the links in emails"),
    EMAIL_SEND_EVENT_GRACE_SECONDS: envVar.optional(
      envVar.positiveInt("how long after a sender's lease SES's Send event has to mark an email sent, in s"),
      DEFAULT_SEND_EVENT_GRACE_SECONDS,
    ),
    EMAIL_MAX_ATTEMPTS: envVar.optional(
      envVar.positiveInt('attempts an email gets before it is given up and the Secretariat alerted'),
      DEFAULT_MAX_ATTEMPTS,
    ),
  });
  sesClient ??= new SESv2Client({});
  return {
    outbox: new DynamoEmailOutbox(dynamo(), tableName('outbox')),
    mailer: new SesMailer(sesClient, config.EMAIL_FROM, config.EMAIL_CONFIGURATION_SET),
    directory: readEmailDirectory(),
    webAppUrl: config.WEB_APP_URL.replace(/\/+$/, ''),
    cases,
    sendEventGraceSeconds: config.EMAIL_SEND_EVENT_GRACE_SECONDS,
    maxAttempts: config.EMAIL_MAX_ATTEMPTS,
  };
}
