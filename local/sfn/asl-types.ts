/**
 * The shape of an Amazon States Language definition (JSONPath query language) as the runtime
 * reads it. Fields are what AWS documents; a definition is validated before it is typed as this.
 */

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  /** @default 1 */
  readonly IntervalSeconds?: number;
  /** @default 3 */
  readonly MaxAttempts?: number;
  /** @default 2 */
  readonly BackoffRate?: number;
  /** @default no cap */
  readonly MaxDelaySeconds?: number;
  /** @default 'NONE' */
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  /** @default '$' */
  readonly ResultPath?: string | null;
}

export interface AslState {
  readonly Type: 'Pass' | 'Task' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';
  readonly Next?: string;
  readonly End?: boolean;
  readonly InputPath?: string | null;
  readonly OutputPath?: string | null;
  readonly ResultPath?: string | null;
  readonly Parameters?: unknown;
  readonly ResultSelector?: unknown;
  readonly Result?: unknown;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
  // Task
  readonly Resource?: string;
  readonly TimeoutSeconds?: number;
  readonly TimeoutSecondsPath?: string;
  readonly HeartbeatSeconds?: number;
  readonly HeartbeatSecondsPath?: string;
  // Choice
  readonly Choices?: Record<string, unknown>[];
  readonly Default?: string;
  // Wait
  readonly Seconds?: number;
  readonly SecondsPath?: string;
  readonly Timestamp?: string;
  readonly TimestampPath?: string;
  // Fail
  readonly Error?: string;
  readonly ErrorPath?: string;
  readonly Cause?: string;
  readonly CausePath?: string;
  // Parallel
  readonly Branches?: readonly AslMachine[];
  // Map
  readonly ItemsPath?: string;
  readonly ItemSelector?: unknown;
  readonly ItemProcessor?: AslMachine;
  readonly Iterator?: AslMachine;
  readonly MaxConcurrency?: number;
  readonly MaxConcurrencyPath?: string;
  readonly ToleratedFailurePercentage?: number;
  readonly ToleratedFailurePercentagePath?: string;
  readonly ToleratedFailureCount?: number;
  readonly ToleratedFailureCountPath?: string;
}

/** A state machine, a Parallel branch or a Map's item processor. */
export interface AslMachine {
  readonly StartAt: string;
  readonly States: Readonly<Record<string, AslState>>;
  readonly TimeoutSeconds?: number;
  readonly Comment?: string;
}
