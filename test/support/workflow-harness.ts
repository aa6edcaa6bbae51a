/**
 * What the workflow tests share: a whole local cloud, the domain services over its tables (to set
 * cases up and to look at what the workflow did), and the people of the workflow: an authority
 * or the Secretariat deciding a task, a consulate withdrawing a case. Decisions go the way the
 * API hands them over: complete the task once, take its token, SendTaskSuccess/Failure.
 */
import { randomBytes } from 'node:crypto';
import {
  DescribeExecutionCommand,
  type DescribeExecutionCommandOutput,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
} from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoClient } from '../../local/dynamodb';
import { readLocalSettings } from '../../local/local-config';
import { DynamoAuditLog } from '../../shared/adapters/dynamodb/dynamo-audit-log';
import { DynamoCaseRepository } from '../../shared/adapters/dynamodb/dynamo-case-repository';
import { DynamoFundLedger } from '../../shared/adapters/dynamodb/dynamo-fund-ledger';
import { DynamoIdempotencyStore } from '../../shared/adapters/dynamodb/dynamo-idempotency-store';
import { DynamoTaskStore } from '../../shared/adapters/dynamodb/dynamo-task-store';
import { DynamoWorkflowWaits } from '../../shared/adapters/dynamodb/dynamo-workflow-waits';
import { AuditTrail } from '../../shared/audit/audit-trail';
import type { CaseRecord } from '../../shared/cases/case-record';
import { CaseService } from '../../shared/cases/case-service';
import { caseRequestSchema } from '../../shared/contracts/case-request';
import type { CountryCode } from '../../shared/countries';
import { ReserveFund } from '../../shared/fund/reserve-fund';
import { localResourceName } from '../../shared/manifest-names';
import type { Principal } from '../../shared/roles';
import { caseIdOfTask, type Task } from '../../shared/tasks/task';
import { TaskService } from '../../shared/tasks/task-service';
import { startTestApi, type TestApi } from './api';
import { validCaseRequest } from './case-request-fixture';

export interface WorkflowHarness {
  readonly api: TestApi;
  readonly cases: CaseService;
  readonly tasks: TaskService;
  readonly fund: ReserveFund;
  readonly ledger: DynamoFundLedger;
  readonly audit: AuditTrail;
  /** The workflow's waits (the fund's queue, the departure), as the steps keep them. */
  readonly waits: DynamoWorkflowWaits;
  /** Submits an eligible case (a new person each time) for consular.hn; answers its id. */
  submitCase(): Promise<string>;
  /** Starts the case workflow for the case and lets it run until it waits. */
  start(caseId: string, settings?: Readonly<Record<string, number>>): Promise<string>;
  /** Lets what is running finish (the runtime waits on tokens and timers only). */
  settle(): Promise<void>;
  openTasks(caseId: string): Promise<Task[]>;
  /** Decides a task as its assignee and hands the decision to the waiting execution. */
  decide(taskId: string, decision: 'approve' | 'reject'): Promise<void>;
  /** What the withdrawal API does: marks the case WITHDRAWN and fails every waiting token. */
  withdraw(caseId: string): Promise<void>;
  execution(executionArn: string): Promise<DescribeExecutionCommandOutput>;
  /**
   * Invokes one step's built bundle as the state machine would: its result, or its error's name
   * (the name Retry/Catch match) and message.
   */
  invokeStep(
    fn: StepFunctionName,
    payload: unknown,
  ): Promise<{ readonly result?: unknown; readonly errorType?: string; readonly errorMessage?: string }>;
  stop(): Promise<void>;
}

/** The workflow's step functions in the manifest. */
export type StepFunctionName =
  | 'reserveFunds'
  | 'releaseFunds'
  | 'disburseFunds'
  | 'createTask'
  | 'closeTask'
  | 'recordCaseEvent'
  | 'bookTravel'
  | 'cancelBooking'
  | 'recordManualBooking';

const SUBMITTER: Principal = {
  subject: 'sub-consular-hn',
  username: 'consular.hn',
  role: 'consular',
  country: 'HN',
};

/** The assignee of a task, as a principal (another person than the submitter). */
function assigneeOf(task: Task): Principal {
  const country = task.assignee.country;
  return {
    subject: `sub-${task.assignee.role}-${country ?? 'rcm'}`,
    username: `${task.assignee.role}.${(country ?? 'rcm').toLowerCase()}`,
    role: task.assignee.role,
    ...(country ? { country: country as CountryCode } : {}),
  };
}

export async function startWorkflowHarness(): Promise<WorkflowHarness> {
  const api = await startTestApi();
  const { names } = api.cloud;
  const documentClient = DynamoDBDocumentClient.from(localDynamoClient(api.cloud.urls.dynamoDb), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const cases = new CaseService(
    new DynamoCaseRepository(documentClient, names.tableName('cases')),
    new DynamoIdempotencyStore(documentClient, names.tableName('cases')),
  );
  const tasks = new TaskService(new DynamoTaskStore(documentClient, names.tableName('tasks')));
  const ledger = new DynamoFundLedger(documentClient, names.tableName('funds'));
  const fund = new ReserveFund(ledger);
  const audit = new AuditTrail(new DynamoAuditLog(documentClient, names.tableName('audit')));
  const waits = new DynamoWorkflowWaits(documentClient, names.tableName('tasks'));
  const settle = () => api.cloud.stepFunctions.settle();

  return {
    api,
    cases,
    tasks,
    fund,
    ledger,
    audit,
    waits,
    settle,
    async submitCase() {
      const unique = randomBytes(4).toString('hex');
      const request = caseRequestSchema.parse(
        validCaseRequest({
          migrant: { documentNumber: `0801-2010-${unique}`, familyNames: `Prueba ${unique}` },
        }),
      );
      // Eligibility has its own tests: here every case is eligible, as one that reaches the workflow is.
      const submitted = await cases.submit({
        principal: SUBMITTER,
        request,
        evaluate: () => ({ eligible: true, reasons: [], flags: [], totalUsd: 780, age: 14 }),
      });
      return submitted.caseId;
    },
    async start(caseId, settings = {}) {
      const started = await api.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: names.stateMachineArn('caseWorkflow'),
          name: caseId,
          input: JSON.stringify({ caseId, ...settings }),
        }),
      );
      await settle();
      return started.executionArn!;
    },
    async openTasks(caseId) {
      return (await tasks.forCase(caseId)).filter((task) => task.status === 'open');
    },
    async decide(taskId, decision) {
      const task = (await tasks.forCase(caseIdOfTask(taskId))).find((t) => t.taskId === taskId);
      if (!task) throw new Error(`no task ${taskId}`);
      const record: CaseRecord = await cases.getForSystem(task.caseId);
      const principal = assigneeOf(task);
      const comment = decision === 'reject' ? 'No cumple las condiciones de recepción.' : undefined;
      await tasks.complete(
        taskId,
        principal,
        { decision, ...(comment ? { comment } : {}) },
        record.submittedBy.subject,
      );
      const taskToken = await tasks.takeTaskToken(taskId);
      if (!taskToken) throw new Error(`task ${taskId} has no token`);
      await api.sfn.send(
        new SendTaskSuccessCommand({
          taskToken,
          output: JSON.stringify({
            taskId,
            decision,
            comment,
            decidedBy: {
              subject: principal.subject,
              username: principal.username,
              role: principal.role,
              country: principal.country,
            },
          }),
        }),
      );
      await settle();
    },
    async withdraw(caseId) {
      await cases.mutate(caseId, () => ({
        changes: { status: 'WITHDRAWN' },
        timeline: [
          {
            at: new Date().toISOString(),
            event: 'withdrawn',
            es: 'La persona retiró su solicitud.',
            en: 'The person withdrew the request.',
            status: 'WITHDRAWN',
            actor: { ...SUBMITTER },
          },
        ],
      }));
      const waitTokens = [];
      for (const kind of ['funds', 'departure'] as const) {
        const wait = await waits.get(caseId, kind);
        if (wait) waitTokens.push(wait.token);
      }
      const openTasks = (await tasks.forCase(caseId)).filter((task) => task.status === 'open');
      const taskTokens = await Promise.all(openTasks.map((task) => tasks.takeTaskToken(task.taskId)));
      for (const taskToken of [...waitTokens, ...taskTokens]) {
        if (!taskToken) continue;
        try {
          await api.sfn.send(
            new SendTaskFailureCommand({
              taskToken,
              error: 'CaseWithdrawn',
              cause: 'withdrawn by the consulate',
            }),
          );
        } catch (error) {
          // The first failed token ends the Map, so its sibling waits are already gone (the API
          // treats this the same way: the workflow is no longer waiting on that task).
          if (!(error instanceof TaskDoesNotExist || error instanceof TaskTimedOut)) throw error;
        }
      }
      await settle();
    },
    async invokeStep(fn, payload) {
      const { invoker } = api.cloud;
      const answer = await invoker.invoke(
        invoker.functionArn(localResourceName(readLocalSettings({}).prefix, fn)),
        payload,
      );
      if (!answer.functionError) return { result: answer.payload };
      const failure = answer.payload as { errorType?: string; errorMessage?: string };
      return {
        ...(failure.errorType ? { errorType: failure.errorType } : {}),
        ...(failure.errorMessage ? { errorMessage: failure.errorMessage } : {}),
      };
    },
    execution(executionArn) {
      return api.sfn.send(new DescribeExecutionCommand({ executionArn }));
    },
    async stop() {
      documentClient.destroy();
      await api.stop();
    },
  };
}
