/**
 * Parallel and inline Map: both run children (branches, iterations) on threads of their own,
 * at most so many at a time, on one runner: a child's failure cancels the others unless a Map
 * tolerates it, the state's events bracket its children's, and its result is the list of their
 * outputs, in order.
 */
import { asStatesError, StatesError } from '../asl/errors';
import { effectiveInput } from '../asl/io';
import { applyInputPath, applyPayloadTemplate, type ContextObject, evaluatePath } from '../asl/paths';
import type { AslMachine } from '../asl-types';
import { CancelledError, CancelScope } from '../cancel-scope';
import type { Thread } from '../execution';
import { type Attempt, outputAfterRetry, withRetry } from '../retry-catch';
import { contextOf, next, type StepResult, type Strand, type Visit } from './visit';

export async function parallel(visit: Visit): Promise<StepResult> {
  const branches = visit.state.Branches ?? [];
  let context: ContextObject = {};
  const outputs = await withRetry(visit, (attempt) => {
    context = contextOf(visit, attempt.number);
    const input = effectiveInput(visit.state, visit.input, context);
    return fanOut(visit, attempt, {
      kind: 'Parallel',
      startedDetails: {},
      count: branches.length,
      concurrency: branches.length,
      child: (index, strand) => strand.runtime.runMachine(strand, branches[index]!, input),
    });
  });
  return next(visit.state, outputAfterRetry(visit, outputs, context));
}

export async function map(visit: Visit): Promise<StepResult> {
  const { state, name } = visit;
  const processor = (state.ItemProcessor ?? state.Iterator) as AslMachine;
  // Parameters is the deprecated name of ItemSelector: it applies to each item, not to the input.
  const selector = state.ItemSelector ?? state.Parameters;
  let context: ContextObject = {};
  const outputs = await withRetry(visit, (attempt) => {
    context = contextOf(visit, attempt.number);
    const input = applyInputPath(visit.input, state.InputPath, context);
    const items =
      state.ItemsPath === undefined ? input : evaluatePath(state.ItemsPath, input, context, 'ItemsPath');
    if (!Array.isArray(items)) {
      throw new StatesError('States.Runtime', `the ItemsPath of ${name} must select a JSON array`);
    }
    const setting = (field: 'MaxConcurrency' | 'ToleratedFailureCount' | 'ToleratedFailurePercentage') =>
      state[field] ??
      (state[`${field}Path`]
        ? Number(evaluatePath(state[`${field}Path`]!, input, context, `${field}Path`))
        : undefined);
    const maxConcurrency = setting('MaxConcurrency') ?? 0;
    const toleratedCount = setting('ToleratedFailureCount');
    const toleratedPercentage = setting('ToleratedFailurePercentage');
    const tolerant = toleratedCount !== undefined || toleratedPercentage !== undefined;
    return fanOut(visit, attempt, {
      kind: 'Map',
      startedDetails: { mapStateStartedEventDetails: { length: items.length } },
      count: items.length,
      concurrency: maxConcurrency > 0 ? maxConcurrency : items.length,
      tolerated: tolerant
        ? (failures) =>
            (toleratedCount === undefined || failures <= toleratedCount) &&
            (toleratedPercentage === undefined || (failures / items.length) * 100 <= toleratedPercentage)
        : undefined,
      child: async (index, strand) => {
        const item = items[index];
        const itemInput =
          selector === undefined
            ? item
            : applyPayloadTemplate(
                selector,
                input,
                {
                  Execution: context.Execution,
                  State: context.State,
                  StateMachine: context.StateMachine,
                  Map: { Item: { Index: index, Value: item } },
                },
                'ItemSelector',
              );
        const { execution, thread } = strand;
        const details = { name, index };
        const key = `${attempt.key}/i${index}>`;
        execution.emit(thread, `${key}started`, 'MapIterationStarted', {
          mapIterationStartedEventDetails: details,
        });
        try {
          const output = await strand.runtime.runMachine(strand, processor, itemInput);
          execution.emit(thread, `${key}ended`, 'MapIterationSucceeded', {
            mapIterationSucceededEventDetails: details,
          });
          return output;
        } catch (error) {
          if (!(error instanceof CancelledError)) {
            execution.emit(thread, `${key}ended`, 'MapIterationFailed', {
              mapIterationFailedEventDetails: details,
            });
          }
          throw error;
        }
      },
    });
  });
  return next(state, outputAfterRetry(visit, outputs, context));
}

/** What a Parallel or Map attempt runs. */
interface FanOut {
  readonly kind: 'Parallel' | 'Map';
  readonly startedDetails: Record<string, unknown>;
  readonly count: number;
  readonly concurrency: number;
  /** Runs child `index` on its own strand; its output. */
  readonly child: (index: number, strand: Strand) => Promise<unknown>;
  /** Whether so many failures may be borne (a Map's tolerated failures); none may when absent. */
  readonly tolerated?: (failures: number) => boolean;
}

/**
 * Runs the children of one attempt, at most `concurrency` at a time, between the state's
 * Started and Succeeded (or Failed) events; the list of their outputs (a borne failure's output
 * is its error). A child's failure that is not borne cancels the others and fails the attempt.
 */
async function fanOut(visit: Visit, attempt: Attempt, fan: FanOut): Promise<unknown[]> {
  const { execution, thread, runtime } = visit;
  const { quiescence } = runtime;
  const started = execution.emit(
    thread,
    `${attempt.key}>started`,
    `${fan.kind}StateStarted`,
    fan.startedDetails,
  ).event.id;
  const prefix = `${attempt.key}/${fan.kind === 'Parallel' ? 'b' : 'i'}`;
  const scope = new CancelScope(visit.scope);
  const threads: Thread[] = [];
  const values: unknown[] = new Array(fan.count).fill(null);
  let failure: unknown;
  let failures = 0;
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    quiescence.enter();
    try {
      while (nextIndex < fan.count && !scope.cancelled) {
        const index = nextIndex++;
        const child: Thread = { scope: `${prefix}${index}/`, last: started, visits: new Map() };
        threads.push(child);
        try {
          values[index] = await fan.child(index, { execution, thread: child, scope, runtime });
        } catch (error) {
          if (error instanceof CancelledError) return;
          failures += 1;
          if (fan.tolerated?.(failures)) {
            const borne = asStatesError(error);
            values[index] = { Error: borne.error, Cause: borne.cause };
          } else if (failure === undefined) {
            failure = error;
            scope.cancel('a branch or iteration failed');
          }
        }
      }
    } finally {
      quiescence.leave();
    }
  };
  try {
    await quiescence.blocked(
      Promise.all(Array.from({ length: Math.min(fan.concurrency, fan.count) }, worker)),
    );
  } finally {
    scope.dispose();
  }
  visit.scope.throwIfCancelled();
  thread.last = threads.reduce((last, child) => Math.max(last, child.last), started);
  if (failure !== undefined) {
    execution.emit(thread, `${attempt.key}>failed`, `${fan.kind}StateFailed`, {});
    if (fan.tolerated) {
      throw new StatesError(
        'States.ExceedToleratedFailureThreshold',
        `The number of failed items (${failures}) exceeded the tolerated failure threshold.`,
      );
    }
    throw asStatesError(failure);
  }
  execution.emit(thread, `${attempt.key}>succeeded`, `${fan.kind}StateSucceeded`, {});
  return values;
}
