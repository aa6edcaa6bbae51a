/**
 * The graph of a case's statuses (workflows/status-graph.ts), first on small machines written by
 * hand for each way a workflow moves (Next, Choice, Catch, a Map whose iteration fails, Parallel,
 * a machine started by another), then on the definitions Retorno runs: every move the graph finds
 * is one shared/workflow/case-transitions.ts allows, which is the check that the definition and
 * the transition table agree.
 */
import type { CaseStatus } from '../../../shared/contracts/case';
import { isFinalStatus, WITHDRAWABLE_CASE_STATUSES } from '../../../shared/contracts/case';
import { functionSubstitutionKey } from '../../../shared/manifest-names';
import { mayMoveTo } from '../../../shared/workflow/case-transitions';
import { WORKFLOW_DEFINITIONS } from '../../../workflows/definitions';
import {
  caseStatusGraph,
  type FlowMachine,
  type FlowState,
  type StatusGraph,
  statusGraph,
} from '../../../workflows/status-graph';

const LAMBDA = 'arn:aws:states:::lambda:invoke';
/** `${FnRecordCaseEvent}`: how a definition names the function a Task calls. */
const placeholder = (fn: string) => `\${${functionSubstitutionKey(fn)}}`;

/** A recordCaseEvent step, as recordOutcome writes it. */
function record(status: string, event: string, next: string | null, catchInto?: string): FlowState {
  return {
    Type: 'Task',
    Resource: LAMBDA,
    Parameters: {
      FunctionName: placeholder('recordCaseEvent'),
      Payload: { 'caseId.$': '$.caseId', status, event },
    },
    ResultPath: '$.outcome',
    ...(catchInto
      ? { Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: catchInto }] }
      : {}),
    ...(next ? { Next: next } : { End: true }),
  };
}

/** Any other Lambda step. */
function step(next: string | null, catchers: FlowState['Catch'] = []): FlowState {
  return {
    Type: 'Task',
    Resource: LAMBDA,
    Parameters: { FunctionName: placeholder('reserveFunds'), Payload: { 'caseId.$': '$.caseId' } },
    ResultPath: '$.step',
    Catch: catchers,
    ...(next ? { Next: next } : { End: true }),
  };
}

const catchAll = (next: string, errors = ['States.ALL']) => ({
  ErrorEquals: errors,
  ResultPath: '$.failure',
  Next: next,
});

/** The machine as the only one, started on submission. */
const graphOf = (States: FlowMachine['States'], StartAt = Object.keys(States)[0]!) =>
  statusGraph({ caseWorkflow: { StartAt, States } });

/** The workflow's moves, as `FROM -> TO : event`, without the API's own (not eligible, withdrawn). */
const movesOf = (graph: StatusGraph) =>
  graph.transitions
    .filter((move) => move.event !== 'ineligible' && move.event !== 'withdrawn')
    .map((move) => `${move.from} -> ${move.to} : ${move.event}`);

describe('the status graph of a hand-made machine', () => {
  it('follows Next from one recorded status to the next, through the steps between', () => {
    const graph = graphOf({
      RecordAwaitingApprovals: record('AWAITING_APPROVALS', 'approvals_requested', 'Hold'),
      Hold: step('RecordAwaitingDisbursement'),
      RecordAwaitingDisbursement: record('AWAITING_DISBURSEMENT', 'approvals_granted', null),
    });
    expect(movesOf(graph)).toEqual([
      'SUBMITTED -> AWAITING_APPROVALS : approvals_requested',
      'AWAITING_APPROVALS -> AWAITING_DISBURSEMENT : approvals_granted',
    ]);
    expect(graph.start).toBe('SUBMITTED');
  });

  it("follows each of a Choice's rules and its Default", () => {
    const graph = graphOf({
      RecordAwaitingApprovals: record('AWAITING_APPROVALS', 'approvals_requested', 'Decide'),
      Decide: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.decision', StringEquals: 'approve', Next: 'RecordApproved' },
          { Variable: '$.decision', StringEquals: 'reject', Next: 'RecordRejected' },
        ],
        Default: 'RecordFailed',
      },
      RecordApproved: record('AWAITING_DISBURSEMENT', 'approvals_granted', null),
      RecordRejected: record('REJECTED', 'approval_rejected', null),
      RecordFailed: record('FAILED', 'workflow_failed', null),
    });
    expect(movesOf(graph)).toEqual([
      'SUBMITTED -> AWAITING_APPROVALS : approvals_requested',
      'AWAITING_APPROVALS -> AWAITING_DISBURSEMENT : approvals_granted',
      'AWAITING_APPROVALS -> REJECTED : approval_rejected',
      'AWAITING_APPROVALS -> FAILED : workflow_failed',
    ]);
  });

  it("follows a Catch, and leaves a recording step's Catch from the status held before it", () => {
    const graph = graphOf({
      Reserve: step('RecordAwaitingApprovals', [catchAll('RecordFailed')]),
      RecordAwaitingApprovals: record('AWAITING_APPROVALS', 'approvals_requested', 'Await', 'RecordFailed'),
      Await: step(null, [catchAll('RecordExpired', ['States.Timeout'])]),
      RecordExpired: record('EXPIRED', 'approval_expired', null),
      RecordFailed: record('FAILED', 'workflow_failed', null),
    });
    // Awaiting's only Catch is the timeout: its other errors end the execution, recording nothing.
    expect(movesOf(graph)).toEqual([
      'SUBMITTED -> AWAITING_APPROVALS : approvals_requested',
      'SUBMITTED -> FAILED : workflow_failed',
      'AWAITING_APPROVALS -> EXPIRED : approval_expired',
    ]);
  });

  it("takes an iteration's failure out through the Map's Catch, to the Choice its error name picks", () => {
    const graph = graphOf({
      RecordAwaitingApprovals: record('AWAITING_APPROVALS', 'approvals_requested', 'AwaitCountries'),
      AwaitCountries: {
        Type: 'Map',
        ItemProcessor: {
          StartAt: 'AwaitCountry',
          States: {
            AwaitCountry: step('ChooseDecision', [catchAll('StopOnExpiry', ['States.Timeout'])]),
            ChooseDecision: {
              Type: 'Choice',
              Choices: [{ Variable: '$.decision', StringEquals: 'reject', Next: 'StopOnRejection' }],
              Default: 'Approved',
            },
            Approved: { Type: 'Pass', End: true },
            StopOnRejection: { Type: 'Fail', Error: 'CountryRejected' },
            StopOnExpiry: { Type: 'Fail', Error: 'ApprovalExpired' },
          },
        },
        ResultPath: '$.approvals',
        Catch: [catchAll('ChooseOutcome')],
        Next: 'RecordAwaitingDisbursement',
      },
      ChooseOutcome: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.failure.Error', StringEquals: 'CountryRejected', Next: 'RecordRejected' },
          { Variable: '$.failure.Error', StringEquals: 'ApprovalExpired', Next: 'RecordExpired' },
          {
            Or: [
              { Variable: '$.failure.Error', StringEquals: 'CaseWithdrawn' },
              { Variable: '$.failure.Error', StringEquals: 'CaseAlreadyFinalError' },
            ],
            Next: 'RecordWithdrawn',
          },
        ],
        Default: 'RecordFailed',
      },
      RecordAwaitingDisbursement: record('AWAITING_DISBURSEMENT', 'approvals_granted', null),
      RecordRejected: record('REJECTED', 'approval_rejected', null),
      RecordExpired: record('EXPIRED', 'approval_expired', null),
      RecordWithdrawn: record('WITHDRAWN', 'withdrawal_completed', null),
      RecordFailed: record('FAILED', 'workflow_failed', null),
    });
    expect(movesOf(graph)).toEqual([
      'SUBMITTED -> AWAITING_APPROVALS : approvals_requested',
      'AWAITING_APPROVALS -> AWAITING_DISBURSEMENT : approvals_granted',
      'AWAITING_APPROVALS -> REJECTED : approval_rejected',
      'AWAITING_APPROVALS -> EXPIRED : approval_expired',
      // The task's own errors (a withdrawal's CaseWithdrawn) escape the iteration too.
      'AWAITING_APPROVALS -> WITHDRAWN : withdrawal_completed',
      'AWAITING_APPROVALS -> FAILED : workflow_failed',
    ]);
  });

  it("never takes a step's error down a Choice rule for a name only the machine raises", () => {
    const graph = graphOf({
      Reserve: step('RecordAwaitingApprovals', [catchAll('ChooseOutcome')]),
      RecordAwaitingApprovals: record('AWAITING_APPROVALS', 'approvals_requested', 'NoteRejection'),
      NoteRejection: {
        Type: 'Pass',
        Result: { Error: 'DisbursementRejected', Cause: 'ST-CRM' },
        ResultPath: '$.failure',
        Next: 'ChooseOutcome',
      },
      ChooseOutcome: {
        Type: 'Choice',
        Choices: [
          { Variable: '$.failure.Error', StringEquals: 'DisbursementRejected', Next: 'RecordRejected' },
        ],
        Default: 'RecordFailed',
      },
      RecordRejected: record('REJECTED', 'disbursement_rejected', null),
      RecordFailed: record('FAILED', 'workflow_failed', null),
    });
    // Reserve's error is a step's, so never DisbursementRejected; the noted one is nothing else.
    expect(movesOf(graph)).toEqual([
      'SUBMITTED -> AWAITING_APPROVALS : approvals_requested',
      'SUBMITTED -> FAILED : workflow_failed',
      'AWAITING_APPROVALS -> REJECTED : disbursement_rejected',
    ]);
  });

  it('leaves a Parallel with what its branches recorded, and takes a failing branch out through its Catch', () => {
    const graph = graphOf({
      RecordAwaitingApprovals: record('AWAITING_APPROVALS', 'approvals_requested', 'Both'),
      Both: {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Grant', States: { Grant: record('AWAITING_DISBURSEMENT', 'approvals_granted', null) } },
          { StartAt: 'Notify', States: { Notify: step(null) } },
        ],
        ResultPath: '$.both',
        Catch: [catchAll('RecordFailed')],
        Next: 'RecordBooking',
      },
      RecordBooking: record('BOOKING', 'disbursement_approved', null),
      RecordFailed: record('FAILED', 'workflow_failed', null),
    });
    // The branch that records nothing does not let the case reach BOOKING still awaiting approvals;
    // it may fail after the other branch recorded, so the failure leaves from either status.
    expect(movesOf(graph)).toEqual([
      'SUBMITTED -> AWAITING_APPROVALS : approvals_requested',
      'AWAITING_APPROVALS -> AWAITING_DISBURSEMENT : approvals_granted',
      'AWAITING_APPROVALS -> FAILED : workflow_failed',
      'AWAITING_DISBURSEMENT -> BOOKING : disbursement_approved',
      'AWAITING_DISBURSEMENT -> FAILED : workflow_failed',
    ]);
  });

  it('finds a record nested in a Map inside a Parallel branch', () => {
    const graph = graphOf({
      RecordBooking: record('BOOKING', 'disbursement_approved', 'Outer'),
      Outer: {
        Type: 'Parallel',
        Branches: [
          {
            StartAt: 'Each',
            States: {
              Each: {
                Type: 'Map',
                ItemProcessor: {
                  StartAt: 'Booked',
                  States: { Booked: record('AWAITING_DEPARTURE', 'travel_booked', null) },
                },
                ResultPath: '$.each',
                End: true,
              },
            },
          },
        ],
        ResultPath: '$.outer',
        Next: 'RecordTravelling',
      },
      RecordTravelling: record('TRAVELLING', 'departed', null),
    });
    expect(movesOf(graph)).toEqual([
      'SUBMITTED -> BOOKING : disbursement_approved',
      'BOOKING -> AWAITING_DEPARTURE : travel_booked',
      // A Map may have no items; a second iteration records again what the first did.
      'BOOKING -> TRAVELLING : departed',
      'AWAITING_DEPARTURE -> AWAITING_DEPARTURE : travel_booked',
      'AWAITING_DEPARTURE -> TRAVELLING : departed',
    ]);
  });

  it('starts a machine started by another after the status its table names, and skips one not built', () => {
    const graph = statusGraph(
      {
        caseWorkflow: { StartAt: 'Arrived', States: { Arrived: record('ARRIVED', 'arrived', null) } },
        reintegrationWorkflow: {
          StartAt: 'Follow',
          States: {
            Follow: record('REINTEGRATION', 'reintegration_started', 'Close'),
            Close: record('CLOSED', 'case_closed', null),
          },
        },
      },
      {
        caseWorkflow: { after: 'SUBMITTED' },
        reintegrationWorkflow: { after: 'ARRIVED' },
        later: { after: 'CLOSED' },
      },
    );
    expect(movesOf(graph)).toEqual([
      'SUBMITTED -> ARRIVED : arrived',
      'ARRIVED -> REINTEGRATION : reintegration_started',
      'REINTEGRATION -> CLOSED : case_closed',
    ]);
  });

  it("adds the API's own moves: not eligible at submission, withdrawn from each withdrawable status reached", () => {
    const graph = graphOf({ Record: record('AWAITING_APPROVALS', 'approvals_requested', null) });
    expect(graph.transitions.filter((move) => ['ineligible', 'withdrawn'].includes(move.event))).toEqual([
      { from: 'SUBMITTED', to: 'INELIGIBLE', event: 'ineligible' },
      { from: 'SUBMITTED', to: 'WITHDRAWN', event: 'withdrawn' },
      { from: 'AWAITING_APPROVALS', to: 'WITHDRAWN', event: 'withdrawn' },
    ]);
    expect(graph.statuses).toEqual(['SUBMITTED', 'INELIGIBLE', 'AWAITING_APPROVALS', 'WITHDRAWN']);
  });

  it('refuses a machine without a start, a state that leads nowhere and a status it cannot read', () => {
    const lone = {
      StartAt: 'Record',
      States: { Record: record('AWAITING_APPROVALS', 'approvals_requested', null) },
    };
    expect(() => statusGraph({ mysteryWorkflow: lone })).toThrow(
      'state machine mysteryWorkflow is not in WORKFLOW_STARTS (workflows/status-graph.ts): say after which status it starts',
    );
    expect(() => graphOf({ Record: record('AWAITING_APPROVALS', 'approvals_requested', 'Nowhere') })).toThrow(
      'caseWorkflow state Record leads to Nowhere, which is not a state',
    );
    expect(() => graphOf({ Record: record('SOMEWHERE', 'approvals_requested', null) })).toThrow(
      /caseWorkflow state Record records a case event without a status the diagram can read: Payload.status must be one of SUBMITTED, /,
    );
  });
});

describe('the status graph of the workflows Retorno runs', () => {
  const graph = caseStatusGraph();

  it('starts at SUBMITTED, where a submission found not eligible ends at once', () => {
    expect(graph.start).toBe('SUBMITTED');
    expect(graph.transitions).toContainEqual({ from: 'SUBMITTED', to: 'INELIGIBLE', event: 'ineligible' });
  });

  it('moves only as shared/workflow/case-transitions.ts allows', () => {
    const refused = graph.transitions.filter((move) => !mayMoveTo(move.from, move.to));
    expect(refused).toEqual([]);
  });

  it('gives every status that is not final a way out', () => {
    const stuck = graph.statuses.filter(
      (status) =>
        !isFinalStatus(status) &&
        !graph.transitions.some((move) => move.from === status && move.to !== status),
    );
    expect(stuck).toEqual([]);
  });

  it('reaches every status it shows from SUBMITTED', () => {
    const reached = new Set<CaseStatus>([graph.start]);
    for (let grew = true; grew; ) {
      const before = reached.size;
      for (const move of graph.transitions) if (reached.has(move.from)) reached.add(move.to);
      grew = reached.size > before;
    }
    expect(graph.statuses.filter((status) => !reached.has(status))).toEqual([]);
  });

  it('lets every withdrawable status it shows be withdrawn, and no other', () => {
    const withdrawable = graph.transitions
      .filter((move) => move.event === 'withdrawn')
      .map((move) => move.from);
    expect(withdrawable).toEqual(
      graph.statuses.filter((status) => WITHDRAWABLE_CASE_STATUSES.includes(status)),
    );
  });

  it('shows every status the definitions record', () => {
    const definitions = JSON.stringify(Object.values(WORKFLOW_DEFINITIONS).map((build) => build()));
    const recorded = [
      ...definitions.matchAll(
        /"FunctionName":"\$\{FnRecordCaseEvent\}","Payload":\{[^}]*?"status":"([A-Z_]+)"/g,
      ),
    ].map((match) => match[1]);
    expect(recorded.length).toBeGreaterThan(0);
    const shown = new Set<string>(graph.statuses);
    expect([...new Set(recorded)].filter((status) => !shown.has(status!))).toEqual([]);
  });
});
