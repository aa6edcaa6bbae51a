/**
 * Helpers the workflows are written with: a Lambda step with the one transient Retry and its
 * Catch into a named compensation, a human task the execution waits on until its deadline, a
 * recorded outcome, and the few Choice, Pass and Fail shapes the workflow repeats. Each returns
 * plain Amazon States Language (JSONPath), so the generated JSON is what both clouds run.
 */
import { CASE_EVENTS, type CaseEvent, type QuotingCaseEvent } from '../shared/cases/case-events';
import type { ApprovalForm } from '../shared/contracts/task';
import { functionSubstitutionKey } from '../shared/manifest-names';
import type { DECISION_CODE_FIELDS } from '../shared/tasks/decision-codes';
import type { CaseWorkflowErrorName, WorkflowFailure } from '../shared/workflow/workflow-error-names';
import type {
  Catcher,
  ChoiceState,
  ErrorName,
  FailState,
  JsonPath,
  Machine,
  PassState,
  Retrier,
  State,
  TaskState,
  Template,
} from './asl-types';
import type { CaseWorkflowFunction, CaseWorkflowSteps } from './case-workflow-steps';

/**
 * The one Retry of every Lambda step: the errors AWS recommends retrying for Lambda, a function
 * that timed out (every step is idempotent, so running it again acts once; a slow DynamoDB call
 * on a loaded machine must not fail a case), and the domain's optimistic-concurrency conflicts,
 * which succeed on a fresh read.
 */
const TRANSIENT_RETRY: Retrier = {
  ErrorEquals: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
    'Lambda.ClientExecutionTimeoutException',
    'Sandbox.Timedout',
    'CaseVersionConflictError',
    'AuditContentionError',
  ],
  IntervalSeconds: 1,
  MaxAttempts: 3,
  BackoffRate: 2,
};

/** A payload template for a step's input: each field a literal of its type, or `field.$` a path. */
type Payload<Input> = Input extends unknown
  ? { readonly [Key in keyof Input & string]?: Input[Key] } & {
      readonly [Key in keyof Input & string as `${Key}.$`]?: JsonPath;
    }
  : never;

/** A field of what a completed task hands back to its execution. */
type HandOverField = 'taskId' | (typeof DECISION_CODE_FIELDS)[number];

/** What a task's decision may be. */
type Decision = ApprovalForm['decision'];

/**
 * Types the states of a machine: every `Next`, `Default` and `StartAt` must name one of its states.
 * @returns the machine as given
 */
export function machine<const Name extends string>(definition: {
  readonly Comment?: string;
  readonly StartAt: NoInfer<Name>;
  readonly States: { readonly [Key in Name]: State<NoInfer<Name>> };
}): Machine<Name> {
  return definition;
}

/**
 * `${FnReserveFunds}`: the placeholder CDK's definition substitutions (infra/) and the local
 * runtime (local/state-machines.ts) replace with the function's ARN.
 */
function functionPlaceholder(fn: CaseWorkflowFunction): string {
  return `\${${functionSubstitutionKey(fn)}}`;
}

/**
 * A Catch: these errors (default every error) continue at `next`, the error kept at `resultPath`.
 */
export function catchInto<const Name extends string>(
  next: Name,
  resultPath: JsonPath,
  errors: readonly ErrorName[] = ['States.ALL'],
): Catcher<Name> {
  return { ErrorEquals: errors, ResultPath: resultPath, Next: next };
}

/** `{ 'field.$': '<from>.field' }` for each field: the part of an answer a step keeps. */
function selectFields(fields: readonly string[], from: JsonPath): Template {
  return Object.fromEntries(fields.map((field) => [`${field}.$`, `${from}.${field}`]));
}

/** Properties of {@link lambdaStep}. */
export interface LambdaStepProps<Fn extends CaseWorkflowFunction, Name extends string> {
  /** The step's input, checked against its contract (shared/workflow/step-contracts). */
  readonly payload: Payload<CaseWorkflowSteps[Fn]['input']>;
  /** The fields of the step's answer to keep. */
  readonly select: readonly (keyof CaseWorkflowSteps[Fn]['result'] & string)[];
  /** Where the kept answer goes: every step has its own path. */
  readonly resultPath: JsonPath;
  /**
   * Retries of the step's own transient errors (a provider's outage), before the transient Retry.
   * @default none
   */
  readonly retry?: readonly Retrier[];
  /** Where failures go, first match wins; end with a catch of States.ALL into a compensation. */
  readonly catch: readonly Catcher<Name>[];
  readonly next: Name;
}

/** A Lambda step (lambda:invoke) with the transient Retry and its Catch. */
export function lambdaStep<Fn extends CaseWorkflowFunction, const Name extends string>(
  fn: Fn,
  props: LambdaStepProps<Fn, Name>,
): TaskState<Name> {
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: functionPlaceholder(fn), Payload: props.payload },
    ResultSelector: selectFields(props.select, '$.Payload'),
    ResultPath: props.resultPath,
    Retry: [...(props.retry ?? []), TRANSIENT_RETRY],
    Catch: props.catch,
    Next: props.next,
  };
}

/** Properties of {@link humanTask}. */
export interface HumanTaskProps<Name extends string> {
  readonly kind: CaseWorkflowSteps['createTask']['input']['kind'];
  readonly role: CaseWorkflowSteps['createTask']['input']['role'];
  /**
   * Path to the assignee's country, for country roles.
   * @default none (the Secretariat and operations)
   */
  readonly country?: JsonPath;
  /**
   * Path to the attempt, for a kind a case has several of (each check-in).
   * @default none (attempt 1)
   */
  readonly attempt?: JsonPath;
  /** Path to the deadline in seconds: the task's due date, and the wait's timeout unless `timeout`. */
  readonly deadline: JsonPath;
  /**
   * Path to how long the execution waits, when an overdue task is reminded rather than failed.
   * @default the deadline
   */
  readonly timeout?: JsonPath;
  /**
   * The fields of the hand-over to keep (shared/tasks/decision-codes.ts handOverOutput).
   * @default taskId and decision
   */
  readonly keep?: readonly HandOverField[];
  /** Where the kept hand-over goes. */
  readonly resultPath: JsonPath;
  /** Where failures go; States.Timeout is the deadline passing. */
  readonly catch: readonly Catcher<Name>[];
  readonly next: Name;
}

/**
 * A human task: createTask opens it with the execution's token (kept server-side) and the
 * execution waits (waitForTaskToken) until the decision comes back or the deadline passes.
 */
export function humanTask<const Name extends string>(props: HumanTaskProps<Name>): TaskState<Name> {
  const payload: Payload<CaseWorkflowSteps['createTask']['input']> = {
    'caseId.$': '$.caseId',
    kind: props.kind,
    role: props.role,
    ...(props.country ? { 'country.$': props.country } : {}),
    ...(props.attempt ? { 'attempt.$': props.attempt } : {}),
    'dueInSeconds.$': props.deadline,
    'taskToken.$': '$$.Task.Token',
  };
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: { FunctionName: functionPlaceholder('createTask'), Payload: payload },
    TimeoutSecondsPath: props.timeout ?? props.deadline,
    // What POST /api/tasks/{taskId}/complete hands back with SendTaskSuccess.
    ResultSelector: selectFields(props.keep ?? ['taskId', 'decision'], '$'),
    ResultPath: props.resultPath,
    Retry: [TRANSIENT_RETRY],
    Catch: props.catch,
    Next: props.next,
  };
}

/** Properties of {@link systemWait}. */
export interface SystemWaitProps<Name extends string> {
  readonly kind: CaseWorkflowSteps['holdWait']['input']['kind'];
  /** Path to how long to wait, in seconds: the wait's timeout. */
  readonly timeout: JsonPath;
  readonly resultPath: JsonPath;
  /** Where failures go; States.Timeout is the wait running out. */
  readonly catch: readonly Catcher<Name>[];
  readonly next: Name;
}

/**
 * A wait that no person answers (shared/workflow/wait-steps): holdWait keeps the token; the
 * fund's queue resumes it, its timeout ends it, a withdrawal fails it with CaseWithdrawn.
 */
export function systemWait<const Name extends string>(props: SystemWaitProps<Name>): TaskState<Name> {
  const payload: Payload<CaseWorkflowSteps['holdWait']['input']> = {
    'caseId.$': '$.caseId',
    kind: props.kind,
    'taskToken.$': '$$.Task.Token',
  };
  return {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
    Parameters: { FunctionName: functionPlaceholder('holdWait'), Payload: payload },
    TimeoutSecondsPath: props.timeout,
    // What the fund's queue hands back when it resumes the case (shared/workflow/fund-wait.ts).
    ResultSelector: selectFields(['resumed'], '$'),
    ResultPath: props.resultPath,
    Retry: [TRANSIENT_RETRY],
    Catch: props.catch,
    Next: props.next,
  };
}

/** Properties of {@link recordOutcome}; `code` exactly when the event's sentences quote one. */
export type RecordOutcomeProps<Event extends CaseEvent, Name extends string> = {
  readonly catch: readonly Catcher<Name>[];
  readonly next: Name;
} & (Event extends QuotingCaseEvent
  ? { /** Path to what the sentences quote. */ readonly code: JsonPath }
  : { readonly code?: never });

/**
 * Records an outcome on the case (recordCaseEvent): moves it to the event's status and adds the
 * event, in the sentences of shared/cases/case-events, to its timeline.
 */
export function recordOutcome<Event extends CaseEvent, const Name extends string>(
  event: Event,
  props: RecordOutcomeProps<Event, Name>,
): TaskState<Name> {
  return lambdaStep('recordCaseEvent', {
    payload: {
      'caseId.$': '$.caseId',
      status: CASE_EVENTS[event].status,
      event,
      ...(props.code ? { 'code.$': props.code } : {}),
    },
    select: ['caseId', 'status'],
    resultPath: '$.outcome',
    catch: props.catch,
    next: props.next,
  });
}

/** Branches on a task's decision at `variable`; anything else goes to `otherwise`. */
export function chooseDecision<const Name extends string>(
  variable: JsonPath,
  next: { readonly [Key in Decision]: Name },
  otherwise: Name,
): ChoiceState<Name> {
  return {
    Type: 'Choice',
    Choices: (Object.entries(next) as Array<[Decision, Name]>).map(([decision, state]) => ({
      Variable: variable,
      StringEquals: decision,
      Next: state,
    })),
    Default: otherwise,
  };
}

/** Branches on an error name at `variable`: each rule's errors lead to its state, in order. */
export function chooseByError<const Name extends string>(
  variable: JsonPath,
  rules: ReadonlyArray<{
    readonly errors: readonly [CaseWorkflowErrorName, ...CaseWorkflowErrorName[]];
    readonly next: Name;
  }>,
  otherwise: Name,
): ChoiceState<Name> {
  return {
    Type: 'Choice',
    Choices: rules.map(({ errors, next }) => {
      const comparisons = errors.map((error) => ({ Variable: variable, StringEquals: error }));
      return comparisons.length === 1 ? { ...comparisons[0]!, Next: next } : { Or: comparisons, Next: next };
    }),
    Default: otherwise,
  };
}

/** Notes a failure the workflow decided itself at `$.failure`, the way a Catch would, and goes on. */
export function noteFailure<const Name extends string>(
  error: WorkflowFailure,
  cause: string,
  next: Name,
): PassState<Name> {
  return { Type: 'Pass', Result: { Error: error, Cause: cause }, ResultPath: '$.failure', Next: next };
}

/** Ends the execution (or a Map iteration) failed with `error`, its cause read at `causePath`. */
export function fail(error: WorkflowFailure, causePath: JsonPath): FailState {
  return { Type: 'Fail', Error: error, CausePath: causePath };
}
