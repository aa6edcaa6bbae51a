/**
 * The graph of a case's statuses, read from the state machines themselves: an edge A -> B, named
 * by its event, wherever a workflow can go from a state that records status A (a recordCaseEvent
 * Task, see recordOutcome in asl-builder.ts) to one that records B without recording another in
 * between, following Next, Default, Choices and Catch, into Map iterations and Parallel branches
 * and out of them (an error no state inside catches leaves through the Map's or Parallel's Catch).
 * Beside the workflows' edges are the API's own: a submission found not eligible, and a
 * withdrawal. The README's diagram and GET /api/workflow are drawn from this one graph, so
 * neither can drift from the definitions both clouds run.
 *
 * Every path is followed (Map iterations and Parallel branches run side by side, so what one
 * records the others may see), so the graph may show a move no execution makes, never hide one
 * that it does; two things keep it close. A case that fails to record a status still holds the one
 * before (a recording step's Catch leaves from the earlier status). And the error names a failure
 * carries are followed to the Choices that read them (`$.failure.Error`): a name the machines
 * raise themselves (their Fail states, their noted failures) is never a step's, so a step's error
 * does not lead, say, from SUBMITTED to REJECTED through a Choice that only a country's rejection
 * takes.
 */
import { API_CASE_EVENTS, INELIGIBLE_EVENT, WITHDRAWN_EVENT } from '../shared/cases/case-events';
import { CASE_STATUS_LABELS } from '../shared/cases/case-status-labels';
import {
  CASE_STATUSES,
  type CaseStatus,
  caseStatusSchema,
  isFinalStatus,
  WITHDRAWABLE_CASE_STATUSES,
} from '../shared/contracts/case';
import type { WorkflowGraph } from '../shared/contracts/workflow';
import { functionSubstitutionKey } from '../shared/manifest-names';
import { WORKFLOW_DEFINITIONS } from './definitions';

/** The part of an Amazon States Language state the graph reads; every state of every type fits. */
export interface FlowState {
  readonly Type: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Choices?: readonly FlowChoiceRule[];
  readonly Catch?: readonly {
    readonly ErrorEquals: readonly string[];
    readonly Next: string;
    readonly ResultPath?: string | null;
  }[];
  readonly Resource?: string;
  readonly Parameters?: unknown;
  readonly Result?: unknown;
  readonly ResultPath?: string | null;
  readonly OutputPath?: string | null;
  readonly Error?: string;
  readonly ItemProcessor?: FlowMachine;
  /** The older name of a Map's ItemProcessor. */
  readonly Iterator?: FlowMachine;
  readonly Branches?: readonly FlowMachine[];
}

/** A Choice rule, as far as the graph judges it: string comparisons, and Or, And, Not of them. */
export interface FlowChoiceRule {
  readonly Next?: string;
  readonly Variable?: string;
  readonly StringEquals?: unknown;
  readonly Or?: readonly FlowChoiceRule[];
  readonly And?: readonly FlowChoiceRule[];
  readonly Not?: FlowChoiceRule;
}

/** A state machine, a Map's item processor or a Parallel branch, as the graph reads it. */
export interface FlowMachine {
  readonly StartAt: string;
  readonly States: { readonly [name: string]: FlowState };
}

/** One way a case moves: from a status to another (or the same one), by an event. */
export interface StatusTransition {
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  /** The event recorded with the move: a workflow's (shared/cases/case-events.ts) or the API's. */
  readonly event: string;
}

/** The statuses a case can be in and how it moves between them. */
export interface StatusGraph {
  /** Where every case starts: a submission. */
  readonly start: CaseStatus;
  /** The statuses that appear, in the order of CASE_STATUSES. */
  readonly statuses: readonly CaseStatus[];
  /** Every move, ordered by its statuses (in the order of CASE_STATUSES), then by event. */
  readonly transitions: readonly StatusTransition[];
}

/** Where a state machine joins a case's life: the status the case holds when it starts. */
export interface WorkflowStart {
  readonly after: CaseStatus;
}

/**
 * When each state machine starts: the case workflow on a case submitted and eligible (the submit
 * use case starts it), the reintegration workflow once arrival is confirmed. A machine listed here
 * but not built yet is skipped; a machine built but not listed is an error, so that a new one
 * says where it joins.
 */
export const WORKFLOW_STARTS: Readonly<Record<string, WorkflowStart>> = {
  caseWorkflow: { after: API_CASE_EVENTS.submitted.status },
  reintegrationWorkflow: { after: 'ARRIVED' },
};

/** The status a scope was entered with, whatever it was: the caller of the scope fills it in. */
const ENTERED: unique symbol = Symbol('entered');
/** A step's error: any name but those the machines raise themselves. */
const STEP_ERROR: unique symbol = Symbol('step error');

/** What the case may hold at a point of a scope: a status recorded in it, or the one it came with. */
type Held = CaseStatus | typeof ENTERED;
/** What is known of a value at a path of the state's data: a literal, or that it is a step's error. */
type Known = string | typeof STEP_ERROR;
/** A failure's error name, when anything is known of it. */
type ErrorKnown = Known | undefined;
/** What is known at each path, e.g. `$.failure.Error` -> `CountryRejected`. */
type Facts = ReadonlyMap<string, Known>;

/** One way along a scope: what the case holds, and what is known of the data. */
interface Token {
  readonly held: Held;
  readonly facts: Facts;
}

interface Move {
  readonly from: Held;
  readonly to: CaseStatus;
  readonly event: string;
}

/** A failure leaving a state or a scope: what the case held, and the error's name. */
interface Failure {
  readonly held: Held;
  readonly error: ErrorKnown;
}

/** What a scope (a machine, a Map iteration, a Parallel branch) does to a case's status. */
interface ScopeSummary {
  /** The statuses recorded in the scope, each from what the case held before. */
  readonly moves: readonly Move[];
  /** What the case may hold when the scope ends well (End, Succeed). */
  readonly ends: ReadonlySet<Held>;
  /** How the scope may fail (a Fail state, or an error no Catch inside takes). */
  readonly failures: readonly Failure[];
}

/** What one state does to one token. */
interface StateFlow {
  readonly moves: readonly Move[];
  /** The tokens that finish the state well: they go to Next, or end the scope. */
  readonly onward: readonly Token[];
  /** The ways the state fails: to its Catch, or out of the scope. */
  readonly failing: readonly Failure[];
}

/** Shared by every scope of one graph. */
interface GraphContext {
  /** The error names the machines raise themselves, which no step throws. */
  readonly raised: ReadonlySet<string>;
  readonly summaries: WeakMap<FlowMachine, ScopeSummary>;
}

const RECORD_CASE_EVENT = `\${${functionSubstitutionKey('recordCaseEvent')}}`;
const NO_FACTS: Facts = new Map();

/** The status and event a Task records, when it is a recordCaseEvent step. */
function recorded(state: FlowState, where: string): { status: CaseStatus; event: string } | undefined {
  if (state.Type !== 'Task') return undefined;
  const parameters = state.Parameters as
    | { readonly FunctionName?: unknown; readonly Payload?: Record<string, unknown> }
    | undefined;
  if (parameters?.FunctionName !== RECORD_CASE_EVENT) return undefined;
  const status = caseStatusSchema.safeParse(parameters.Payload?.status);
  if (!status.success) {
    throw new Error(
      `${where} records a case event without a status the diagram can read: Payload.status must be one of ${CASE_STATUSES.join(', ')}`,
    );
  }
  const event = parameters.Payload?.event;
  if (typeof event !== 'string' || event === '') {
    throw new Error(`${where} records a case event without naming it: Payload.event must be a literal code`);
  }
  return { status: status.data, event };
}

// --- What is known of the data -------------------------------------------------------------

const overlaps = (a: string, b: string) =>
  a === b || a === '$' || b === '$' || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** The facts once `value` is written at `path` (null: the result is discarded). */
function write(facts: Facts, path: string | null, value: Readonly<Record<string, Known>> = {}): Facts {
  if (path === null) return facts;
  const kept = [...facts].filter(([known]) => !overlaps(known, path));
  return new Map([
    ...kept,
    ...Object.entries(value).map(([key, known]) => [`${path}.${key}`, known] as const),
  ]);
}

/** The string fields of a Pass state's Result, as facts: what a noted failure's Error names. */
function literalsOf(result: unknown): Record<string, string> {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return {};
  return Object.fromEntries(
    Object.entries(result).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The facts after a state that finished well writes its result (and narrows its output). */
function afterResult(state: FlowState, facts: Facts): Facts {
  let after = facts;
  if (state.Type === 'Pass') {
    if (state.Result !== undefined) after = write(facts, state.ResultPath ?? '$', literalsOf(state.Result));
    else if (state.Parameters !== undefined) after = write(facts, state.ResultPath ?? '$');
  } else if (['Task', 'Map', 'Parallel'].includes(state.Type)) {
    after = write(facts, state.ResultPath === undefined ? '$' : state.ResultPath);
  }
  // An OutputPath moves what is kept to other paths: nothing known survives it.
  return state.OutputPath === undefined || state.OutputPath === '$' ? after : NO_FACTS;
}

/** A token's identity: the same status and the same facts, in whatever order they were learnt. */
const tokenKey = (token: Token) =>
  `${String(token.held)}|${[...token.facts]
    .map(([path, known]) => `${path}=${String(known)}`)
    .sort()
    .join(',')}`;

// --- Choices ---------------------------------------------------------------------------------

type Verdict = 'yes' | 'no' | 'maybe';

/** Whether a rule matches, from what is known: only string comparisons of known paths decide. */
function judge(rule: FlowChoiceRule, facts: Facts, context: GraphContext): Verdict {
  if (rule.Or) {
    const verdicts = rule.Or.map((inner) => judge(inner, facts, context));
    return verdicts.includes('yes') ? 'yes' : verdicts.every((v) => v === 'no') ? 'no' : 'maybe';
  }
  if (rule.And) {
    const verdicts = rule.And.map((inner) => judge(inner, facts, context));
    return verdicts.includes('no') ? 'no' : verdicts.every((v) => v === 'yes') ? 'yes' : 'maybe';
  }
  if (rule.Not) {
    const verdict = judge(rule.Not, facts, context);
    return verdict === 'yes' ? 'no' : verdict === 'no' ? 'yes' : 'maybe';
  }
  const known = rule.Variable === undefined ? undefined : facts.get(rule.Variable);
  if (known === undefined || typeof rule.StringEquals !== 'string') return 'maybe';
  if (known === STEP_ERROR) return context.raised.has(rule.StringEquals) ? 'no' : 'maybe';
  return known === rule.StringEquals ? 'yes' : 'no';
}

/** The states a Choice may go to with this token: rules in order, the first match wins. */
function choiceTargets(state: FlowState, token: Token, context: GraphContext): string[] {
  const targets: string[] = [];
  for (const rule of state.Choices ?? []) {
    const verdict = judge(rule, token.facts, context);
    if (verdict !== 'no' && rule.Next !== undefined) targets.push(rule.Next);
    if (verdict === 'yes') return targets;
  }
  if (state.Default !== undefined) targets.push(state.Default);
  return targets;
}

// --- Catches ---------------------------------------------------------------------------------

const WILDCARDS = ['States.ALL', 'States.TaskFailed'];

/** A failure a catcher takes: where it goes, the error it carries, where the Catch writes it. */
interface CaughtFailure {
  readonly next: string;
  readonly error: ErrorKnown;
  readonly path: string | null;
}

interface FailureRoute {
  readonly caught: readonly CaughtFailure[];
  /** Whether the failure may leave the scope uncaught. */
  readonly escapes: boolean;
}

/** Whether a catcher takes an error of this name (AWS's rules: States.TaskFailed is all but Timeout). */
function catches(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.some(
    (name) =>
      name === error || name === 'States.ALL' || (name === 'States.TaskFailed' && error !== 'States.Timeout'),
  );
}

/**
 * Where a failure goes: the catchers that may take it, each with the error name it then carries,
 * and whether it may leave the scope uncaught.
 */
function routeFailure(state: FlowState, error: ErrorKnown, context: GraphContext): FailureRoute {
  const caught: CaughtFailure[] = [];
  for (const catcher of state.Catch ?? []) {
    const path = catcher.ResultPath === undefined ? '$' : catcher.ResultPath;
    if (typeof error === 'string') {
      if (catches(catcher.ErrorEquals, error))
        return { caught: [...caught, { next: catcher.Next, error, path }], escapes: false };
      continue;
    }
    if (catcher.ErrorEquals.some((name) => WILDCARDS.includes(name))) {
      caught.push({ next: catcher.Next, error, path });
      continue;
    }
    // An error not known by name is one the catcher lists (a step's: one the machines do not raise).
    const names = catcher.ErrorEquals.filter((name) => error === undefined || !context.raised.has(name));
    for (const name of names) caught.push({ next: catcher.Next, error: name, path });
  }
  const escapes =
    typeof error === 'string' ||
    !(state.Catch ?? []).some((catcher) => catcher.ErrorEquals.includes('States.ALL'));
  return { caught, escapes };
}

// --- States ----------------------------------------------------------------------------------

/** What runs inside a Map or a Parallel: a scope, and the statuses recorded beside it meanwhile. */
interface InnerScope {
  readonly summary: ScopeSummary;
  /** What the other iterations, or the other branches, may record while this one runs. */
  readonly alongside: readonly CaseStatus[];
}

const recordedIn = (summary: ScopeSummary): CaseStatus[] => summary.moves.map((move) => move.to);

/**
 * What a Map or a Parallel does, from what runs inside it and what the case may hold once it ends
 * well (ENTERED: what it held on entering). Inside, the case may also hold whatever runs alongside
 * has recorded, at any point.
 */
function compositeFlow(inner: readonly InnerScope[], ends: readonly Held[], token: Token): StateFlow {
  const outside = (held: Held): Held => (held === ENTERED ? token.held : held);
  const meanwhile = (held: Held, scope: InnerScope): Held[] => [
    ...new Set<Held>([outside(held), ...scope.alongside]),
  ];
  return {
    moves: inner.flatMap((scope) =>
      scope.summary.moves.flatMap((move) =>
        meanwhile(move.from, scope).map((from): Move => ({ ...move, from })),
      ),
    ),
    onward: [...new Set(ends.map(outside))].map((held): Token => ({ held, facts: token.facts })),
    // The state itself may fail, and every failure from inside leaves through it.
    failing: [
      { held: token.held, error: STEP_ERROR },
      ...inner.flatMap((scope) =>
        scope.summary.failures.flatMap((failure) =>
          meanwhile(failure.held, scope).map((held): Failure => ({ held, error: failure.error })),
        ),
      ),
    ],
  };
}

/** What a Map does: each iteration runs the processor, side by side, and there may be none. */
function mapFlow(processor: FlowMachine, token: Token, where: string, context: GraphContext): StateFlow {
  const summary = summarise(processor, where, context);
  return compositeFlow([{ summary, alongside: recordedIn(summary) }], [ENTERED, ...summary.ends], token);
}

/**
 * What a Parallel does: it ends well once every branch has, so the case holds what it came with
 * only if every branch can end without recording a status.
 */
function parallelFlow(
  branches: readonly FlowMachine[],
  token: Token,
  where: string,
  context: GraphContext,
): StateFlow {
  const summaries = branches.map((branch, index) =>
    summarise(branch, `${where} branch ${index + 1}`, context),
  );
  const inner = summaries.map((summary, index) => ({
    summary,
    alongside: summaries.filter((_, other) => other !== index).flatMap(recordedIn),
  }));
  const everyBranchEnds = summaries.every((branch) => branch.ends.size > 0);
  const keepsEntered = summaries.every((branch) => branch.ends.has(ENTERED));
  const recordedAtEnd = summaries.flatMap((branch) => [...branch.ends].filter((held) => held !== ENTERED));
  const ends: Held[] = [];
  if (everyBranchEnds && keepsEntered) ends.push(ENTERED);
  if (everyBranchEnds) ends.push(...recordedAtEnd);
  return compositeFlow(inner, ends, token);
}

/** What one state does to one token (a Choice's targets are chosen by choiceTargets). */
function stateFlow(state: FlowState, token: Token, where: string, context: GraphContext): StateFlow {
  const record = recorded(state, where);
  if (record) {
    return {
      moves: [{ from: token.held, to: record.status, event: record.event }],
      onward: [{ held: record.status, facts: token.facts }],
      // A record that failed changed nothing: the case still holds what it held.
      failing: [{ held: token.held, error: STEP_ERROR }],
    };
  }
  const processor = state.ItemProcessor ?? state.Iterator;
  switch (state.Type) {
    case 'Task':
      return { moves: [], onward: [token], failing: [{ held: token.held, error: STEP_ERROR }] };
    case 'Map':
      return processor
        ? mapFlow(processor, token, where, context)
        : { moves: [], onward: [token], failing: [{ held: token.held, error: STEP_ERROR }] };
    case 'Parallel':
      return parallelFlow(state.Branches ?? [], token, where, context);
    case 'Fail':
      return { moves: [], onward: [], failing: [{ held: token.held, error: state.Error }] };
    case 'Choice':
      return {
        moves: [],
        onward: [token],
        failing: state.Default === undefined ? [{ held: token.held, error: 'States.NoChoiceMatched' }] : [],
      };
    default:
      return { moves: [], onward: [token], failing: [] };
  }
}

/** Follows every way through a scope from its start, each state once per token it can be entered with. */
function summarise(scope: FlowMachine, where: string, context: GraphContext): ScopeSummary {
  const cached = context.summaries.get(scope);
  if (cached) return cached;
  const seen = new Set<string>();
  const queue: Array<readonly [string, Token]> = [];
  const moves = new Map<string, Move>();
  const ends = new Set<Held>();
  const failures = new Map<string, Failure>();

  const enter = (name: string, token: Token, from: string) => {
    if (!Object.hasOwn(scope.States, name)) throw new Error(`${from} leads to ${name}, which is not a state`);
    const key = `${name}#${tokenKey(token)}`;
    if (seen.has(key)) return;
    seen.add(key);
    queue.push([name, token]);
  };

  enter(scope.StartAt, { held: ENTERED, facts: NO_FACTS }, `${where} StartAt`);
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const [name, token] = item;
    const state = scope.States[name]!;
    const at = `${where} state ${name}`;
    const flow = stateFlow(state, token, at, context);
    for (const move of flow.moves) moves.set(`${String(move.from)}>${move.to}>${move.event}`, move);

    for (const onward of flow.onward) {
      const next: Token = { held: onward.held, facts: afterResult(state, onward.facts) };
      const targets =
        state.Type === 'Choice'
          ? choiceTargets(state, onward, context)
          : state.Type !== 'Succeed' && state.Next !== undefined
            ? [state.Next]
            : [];
      for (const target of targets) enter(target, next, at);
      // Succeed, or End: true: the scope ends well.
      if (targets.length === 0 && state.Type !== 'Choice') ends.add(next.held);
    }
    for (const failure of flow.failing) {
      const { caught, escapes } = routeFailure(state, failure.error, context);
      for (const { next, error, path } of caught) {
        const facts = write(token.facts, path, error === undefined ? {} : { Error: error });
        enter(next, { held: failure.held, facts }, at);
      }
      if (escapes) failures.set(`${String(failure.held)}>${String(failure.error)}`, failure);
    }
  }
  const summary = { moves: [...moves.values()], ends, failures: [...failures.values()] };
  context.summaries.set(scope, summary);
  return summary;
}

/** The error names a machine raises itself: its Fail states' and its noted failures' (Pass Result.Error). */
function raisedNames(scope: FlowMachine): string[] {
  return Object.values(scope.States).flatMap((state) => [
    ...(state.Type === 'Fail' && state.Error ? [state.Error] : []),
    ...(state.Type === 'Pass' && literalsOf(state.Result).Error ? [literalsOf(state.Result).Error!] : []),
    ...[state.ItemProcessor, state.Iterator, ...(state.Branches ?? [])].flatMap((inner) =>
      inner ? raisedNames(inner) : [],
    ),
  ]);
}

// --- The graph -------------------------------------------------------------------------------

const order = (status: CaseStatus) => CASE_STATUSES.indexOf(status);

function byStatusesThenEvent(a: StatusTransition, b: StatusTransition): number {
  return order(a.from) - order(b.from) || order(a.to) - order(b.to) || a.event.localeCompare(b.event);
}

/**
 * The graph of a case's statuses through these state machines and the API.
 * @param machines each state machine's definition, by its manifest name
 * @param starts when each machine starts (a machine started by another, after which status)
 * @throws Error when a machine is not in `starts`, a state leads nowhere, or a recorded status
 * or event is not a literal the graph can read
 */
export function statusGraph(
  machines: Readonly<Record<string, FlowMachine>>,
  starts: Readonly<Record<string, WorkflowStart>> = WORKFLOW_STARTS,
): StatusGraph {
  const start = API_CASE_EVENTS.submitted.status;
  const found = new Map<string, StatusTransition>();
  const add = (transition: StatusTransition) =>
    found.set(`${transition.from}>${transition.to}>${transition.event}`, transition);
  const context: GraphContext = {
    raised: new Set(Object.values(machines).flatMap(raisedNames)),
    summaries: new WeakMap(),
  };

  // The submission decides eligibility itself: no workflow starts for a case found not eligible.
  add({ from: start, to: API_CASE_EVENTS[INELIGIBLE_EVENT].status, event: INELIGIBLE_EVENT });
  for (const [name, definition] of Object.entries(machines)) {
    const joins = starts[name];
    if (!joins) {
      throw new Error(
        `state machine ${name} is not in WORKFLOW_STARTS (workflows/status-graph.ts): say after which status it starts`,
      );
    }
    for (const move of summarise(definition, name, context).moves) {
      add({ ...move, from: move.from === ENTERED ? joins.after : move.from });
    }
  }

  // A withdrawal through the API, from each withdrawable status a case can actually be in.
  const reached = new Set<CaseStatus>([start, ...[...found.values()].flatMap((t) => [t.from, t.to])]);
  const withdrawn = API_CASE_EVENTS[WITHDRAWN_EVENT].status;
  for (const from of WITHDRAWABLE_CASE_STATUSES.filter((status) => reached.has(status))) {
    add({ from, to: withdrawn, event: WITHDRAWN_EVENT });
  }

  const transitions = [...found.values()].sort(byStatusesThenEvent);
  const appearing = new Set<CaseStatus>([start, ...transitions.flatMap((t) => [t.from, t.to])]);
  return { start, statuses: CASE_STATUSES.filter((status) => appearing.has(status)), transitions };
}

/** The graph of the state machines Retorno runs (workflows/definitions.ts). */
export function caseStatusGraph(): StatusGraph {
  const machines = Object.fromEntries(
    Object.entries(WORKFLOW_DEFINITIONS).map(([name, build]) => [name, build() as FlowMachine]),
  );
  return statusGraph(machines);
}

/**
 * GET /api/workflow's answer: the case's statuses, each named in Spanish and English and marked
 * final or not, and the moves between them, as the state machines' definitions draw them.
 */
export function workflowGraphAnswer(): WorkflowGraph {
  const graph = caseStatusGraph();
  return {
    start: graph.start,
    statuses: graph.statuses.map((status) => ({
      status,
      final: isFinalStatus(status),
      ...CASE_STATUS_LABELS[status],
    })),
    transitions: graph.transitions.map(({ from, to, event }) => ({ from, to, event })),
  };
}
