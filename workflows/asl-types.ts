/**
 * The part of the Amazon States Language (JSONPath) the workflows in this folder are written in,
 * typed so that a state's `Next` must name a state of its machine and an error name must be one
 * the domain throws or the workflow raises. Keys are declared in the order the builders emit them.
 */
import type { CaseWorkflowErrorName, WorkflowFailure } from '../shared/workflow/workflow-error-names';

/** A JSONPath into the state's input (`$.caseId`) or the context object (`$$.Task.Token`). */
export type JsonPath = `$${string}`;

/** Errors Lambda's service raises that AWS recommends retrying. */
export type LambdaTransientError =
  | 'Lambda.ServiceException'
  | 'Lambda.AWSLambdaException'
  | 'Lambda.SdkClientException'
  | 'Lambda.TooManyRequestsException'
  | 'Lambda.ClientExecutionTimeoutException'
  /** A function that ran past its timeout (Lambda kills the sandbox and names it so). */
  | 'Sandbox.Timedout';

/** Any name a Retry or Catch may match. */
export type ErrorName = CaseWorkflowErrorName | LambdaTransientError | 'States.ALL' | 'States.Timeout';

export interface Retrier {
  readonly ErrorEquals: readonly ErrorName[];
  readonly IntervalSeconds: number;
  readonly MaxAttempts: number;
  readonly BackoffRate: number;
}

export interface Catcher<Name extends string> {
  readonly ErrorEquals: readonly ErrorName[];
  readonly ResultPath: JsonPath;
  readonly Next: Name;
}

/** A JSON template: a key ending in `.$` takes a path or an intrinsic function. */
export type Template = { readonly [key: string]: unknown };

export interface TaskState<Name extends string> {
  readonly Type: 'Task';
  readonly Resource: 'arn:aws:states:::lambda:invoke' | 'arn:aws:states:::lambda:invoke.waitForTaskToken';
  readonly Parameters: { readonly FunctionName: string; readonly Payload: Template };
  readonly TimeoutSecondsPath?: JsonPath;
  readonly ResultSelector: Template;
  readonly ResultPath: JsonPath;
  readonly Retry: readonly Retrier[];
  readonly Catch: readonly Catcher<Name>[];
  readonly Next: Name;
}

export type PassState<Name extends string> = {
  readonly Type: 'Pass';
  readonly Comment?: string;
  readonly Result?: unknown;
  readonly Parameters?: Template;
  readonly ResultPath?: JsonPath;
} & ({ readonly Next: Name } | { readonly End: true });

export interface StringComparison {
  readonly Variable: JsonPath;
  readonly StringEquals: string;
}

export type ChoiceRule<Name extends string> = (
  | StringComparison
  | { readonly Or: readonly StringComparison[] }
) & { readonly Next: Name };

export interface ChoiceState<Name extends string> {
  readonly Type: 'Choice';
  readonly Choices: readonly ChoiceRule<Name>[];
  readonly Default: Name;
}

export interface MapState<Name extends string> {
  readonly Type: 'Map';
  readonly Comment?: string;
  readonly ItemsPath: JsonPath;
  readonly ItemSelector: Template;
  readonly ItemProcessor: { readonly ProcessorConfig: { readonly Mode: 'INLINE' } } & Machine<string>;
  /** Where the results go; null drops them (the input passes on as it was). */
  readonly ResultPath: JsonPath | null;
  /** Items processed at once. @default 0 (no limit) */
  readonly MaxConcurrency?: number;
  readonly Catch: readonly Catcher<Name>[];
  readonly Next: Name;
}

/** Waits until an instant read from the input (a check-in's day). */
export interface WaitState<Name extends string> {
  readonly Type: 'Wait';
  readonly Comment?: string;
  readonly TimestampPath: JsonPath;
  readonly Next: Name;
}

export interface SucceedState {
  readonly Type: 'Succeed';
  readonly Comment?: string;
  readonly OutputPath?: JsonPath;
}

export interface FailState {
  readonly Type: 'Fail';
  readonly Error: WorkflowFailure;
  readonly CausePath: JsonPath;
}

export type State<Name extends string> =
  | TaskState<Name>
  | PassState<Name>
  | ChoiceState<Name>
  | MapState<Name>
  | WaitState<Name>
  | SucceedState
  | FailState;

/** A state machine (or a Map's item processor): its states, each leading only to its siblings. */
export interface Machine<Name extends string> {
  readonly Comment?: string;
  readonly StartAt: Name;
  readonly States: { readonly [Key in Name]: State<Name> };
}
