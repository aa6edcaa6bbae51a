/**
 * The case workflow's definition, read for intent: the checked-in ASL is what the builder
 * (workflows/case-workflow.ts) writes, it loads in the local runtime (asl-validator and the
 * runtime's own refusals), its states are named verb-noun in PascalCase, and every Task writes to
 * its own result path, retries transient errors and catches into a named compensation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AslMachine, AslState } from '../../../local/sfn/asl-types';
import { parseDefinition } from '../../../local/sfn/definition';
import { substitute } from '../../../local/state-machines';
import { CASE_EVENTS, type CaseEvent } from '../../../shared/cases/case-events';
import { manifest } from '../../../shared/manifest';
import { definitionSubstitutions } from '../../../shared/manifest-names';
import { WORKFLOW_DEFINITIONS } from '../../../workflows/definitions';

const source = readFileSync(
  join(__dirname, '../../../', manifest.stateMachines.caseWorkflow.definition),
  'utf8',
);
const definition = substitute(
  source,
  definitionSubstitutions(
    manifest,
    'caseWorkflow',
    (fn) => `arn:aws:lambda:us-east-1:000000000000:function:${fn}`,
  ),
  'case-workflow.asl.json',
);
const machine: AslMachine = JSON.parse(definition);

/** Every state, with the machine it belongs to, including the Map's iteration. */
function allStates(m: AslMachine = machine): Array<[string, AslState, AslMachine]> {
  return Object.entries(m.States).flatMap(([name, state]): Array<[string, AslState, AslMachine]> => {
    const inner = state.ItemProcessor ?? state.Iterator;
    return [[name, state, m], ...(inner ? allStates(inner) : [])];
  });
}

const TRANSIENT = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
  'Lambda.ClientExecutionTimeoutException',
  'Sandbox.Timedout',
  'CaseVersionConflictError',
  'AuditContentionError',
];

describe('the case workflow definition', () => {
  it('is checked in as workflows/case-workflow.ts builds it', () => {
    const stale = `${manifest.stateMachines.caseWorkflow.definition} is stale: run \`npm run workflows\` and commit it`;
    const built = WORKFLOW_DEFINITIONS.caseWorkflow();
    try {
      expect(JSON.parse(source)).toEqual(built);
    } catch (error) {
      throw new Error(`${stale}\n${(error as Error).message}`);
    }
    // Same content in the same order, so a reviewer reads what the builder wrote.
    if (JSON.stringify(JSON.parse(source)) !== JSON.stringify(built)) throw new Error(stale);
  });

  it('loads in the local Step Functions runtime', () => {
    expect(() => parseDefinition(definition)).not.toThrow();
  });

  it('calls only the functions the manifest lists for it', () => {
    const used = new Set([...source.matchAll(/\$\{Fn([A-Za-z]+)\}/g)].map((m) => m[1]!));
    const listed = manifest.stateMachines.caseWorkflow.functions.map(
      (fn) => fn[0]!.toUpperCase() + fn.slice(1),
    );
    expect([...used].sort()).toEqual([...listed].sort());
  });

  it('names states in PascalCase', () => {
    for (const [name] of allStates()) expect(name).toMatch(/^[A-Z][a-z]+(?:[A-Z][a-z]+)+$/);
  });

  it('gives every Task a result path, a retry for transient errors and a catch', () => {
    for (const [name, state] of allStates().filter(([, s]) => s.Type === 'Task')) {
      expect({ name, resultPath: state.ResultPath }).toEqual({
        name,
        resultPath: expect.stringMatching(/^\$\./),
      });
      const retried = (state.Retry ?? []).flatMap((rule) => rule.ErrorEquals);
      expect({ name, retried }).toEqual({ name, retried: expect.arrayContaining(TRANSIENT) });
      expect({ name, catches: (state.Catch ?? []).length > 0 }).toEqual({ name, catches: true });
    }
  });

  it('waits on people and on funds and the departure through task tokens, each wait with a timeout', () => {
    const waits = allStates().filter(([, s]) => String(s.Resource).endsWith('.waitForTaskToken'));
    expect(waits.map(([name]) => name).sort()).toEqual([
      'AwaitArrival',
      'AwaitCountryApproval',
      'AwaitDeparture',
      'AwaitDisbursementApproval',
      'AwaitFunds',
      'AwaitManualBooking',
    ]);
    for (const [, state] of waits) {
      expect(state.TimeoutSecondsPath).toBeDefined();
      expect(JSON.stringify(state.Parameters)).toContain('"taskToken.$":"$$.Task.Token"');
    }
    expect(machine.States.SetDefaults?.Result).toEqual({
      approvalTimeoutSeconds: 5 * 86_400,
      disbursementTimeoutSeconds: 5 * 86_400,
      fundsWaitSeconds: 30 * 86_400,
      manualBookingTimeoutSeconds: 3 * 86_400,
    });
    // The departure wait's timeout is the departure itself: its timeout goes on, other errors compensate.
    expect(machine.States.AwaitDeparture?.Catch).toEqual([
      expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: 'ReleaseDepartureWait' }),
      expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'CancelBooking' }),
    ]);
  });

  it("retries the travel provider's outages with backoff, then asks operations to book by hand", () => {
    const book = machine.States.BookTravel!;
    expect(book.Retry?.[0]).toEqual({
      ErrorEquals: ['TravelProviderUnavailableError'],
      IntervalSeconds: 2,
      MaxAttempts: 4,
      BackoffRate: 2,
    });
    expect(book.Catch?.[0]).toMatchObject({
      ErrorEquals: ['TravelBookingRefusedError', 'TravelProviderUnavailableError'],
      Next: 'AwaitManualBooking',
    });
  });

  it('gives nothing back after departure: a failure there is only recorded', () => {
    const afterDeparture = ['PlanArrival', 'AwaitArrival', 'RecordArrived', 'StartReintegration'];
    for (const name of afterDeparture) {
      const targets = (machine.States[name]?.Catch ?? []).map((c) => c.Next);
      expect({
        name,
        compensates: targets.some((next) => ['CancelBooking', 'ReleaseFunds'].includes(next)),
      }).toEqual({
        name,
        compensates: false,
      });
    }
  });

  it('fails the country approvals at the first failed iteration, keeping its error name for the catch', () => {
    const map = machine.States.AwaitCountryApprovals!;
    expect(map.Type).toBe('Map');
    // A tolerance (even 0) would rename every failure States.ExceedToleratedFailureThreshold.
    expect(map.ToleratedFailureCount).toBeUndefined();
    expect(map.Catch?.[0]).toMatchObject({ ErrorEquals: ['States.ALL'], Next: 'CancelBooking' });
  });

  it('compensates every failure the same way: cancel the booking, give the money back, cancel open tasks, record the outcome', () => {
    expect(machine.States.CancelBooking?.Next).toBe('ReleaseFunds');
    expect(machine.States.ReleaseFunds?.Next).toBe('CancelOpenTasks');
    expect(machine.States.CancelOpenTasks?.Next).toBe('ChooseOutcome');
    const outcomes = (machine.States.ChooseOutcome?.Choices ?? []).map((choice) => choice.Next);
    expect(outcomes).toEqual([
      'RecordRejected',
      'RecordDisbursementRejected',
      'RecordExpired',
      'RecordFundsWaitExpired',
      'RecordWithdrawn',
    ]);
    expect(machine.States.ChooseOutcome?.Default).toBe('RecordFailed');
  });

  it("records outcomes by event code only: the sentences are the domain's (shared/cases/case-events)", () => {
    const invokes = (state: AslState) =>
      (state.Parameters as { FunctionName?: string } | undefined)?.FunctionName;
    const records = allStates().filter(([, state]) => invokes(state)?.endsWith(':function:recordCaseEvent'));
    expect(records.map(([name]) => name).sort()).toEqual([
      'RecordApproved',
      'RecordArrived',
      'RecordAwaitingApprovals',
      'RecordAwaitingDisbursement',
      'RecordBooked',
      'RecordDisbursementRejected',
      'RecordExpired',
      'RecordFailed',
      'RecordFundsUnavailable',
      'RecordFundsWaitExpired',
      'RecordManuallyBooked',
      'RecordRejected',
      'RecordTravelling',
      'RecordWaitingForFunds',
      'RecordWithdrawn',
    ]);
    for (const [name, state] of records) {
      const payload = (state.Parameters as { Payload: Record<string, unknown> }).Payload;
      const event = payload.event as CaseEvent;
      expect({
        name,
        fields: Object.keys(payload).filter(
          (key) => !['caseId.$', 'status', 'event', 'code.$'].includes(key),
        ),
      }).toEqual({ name, fields: [] });
      expect({ name, status: payload.status }).toEqual({ name, status: CASE_EVENTS[event].status });
    }
  });
});

describe('the reintegration workflow definition', () => {
  const reintegrationSource = readFileSync(
    join(__dirname, '../../../', manifest.stateMachines.reintegrationWorkflow.definition),
    'utf8',
  );
  const reintegration: AslMachine = JSON.parse(reintegrationSource);

  it('is checked in as workflows/reintegration-workflow.ts builds it, and loads in the local runtime', () => {
    expect(reintegration).toEqual(WORKFLOW_DEFINITIONS.reintegrationWorkflow());
    const loaded = substitute(
      reintegrationSource,
      definitionSubstitutions(
        manifest,
        'reintegrationWorkflow',
        (fn) => `arn:aws:lambda:us-east-1:000000000000:function:${fn}`,
      ),
      'reintegration-workflow.asl.json',
    );
    expect(() => parseDefinition(loaded)).not.toThrow();
  });

  it('follows the check-ins one after the other, a missed one recorded and not failed', () => {
    const map = reintegration.States.FollowCheckIns!;
    expect(map.MaxConcurrency).toBe(1);
    const steps = (map.ItemProcessor ?? map.Iterator)!.States;
    expect(steps.AwaitCheckIn?.Catch?.[0]).toMatchObject({
      ErrorEquals: ['States.Timeout'],
      Next: 'CloseMissedCheckIn',
    });
    expect(steps.CloseMissedCheckIn?.Next).toBe('RecordMissedCheckIn');
    expect(reintegration.States.SetDefaults?.Result).toMatchObject({ checkInDays: [30, 90, 180] });
  });
});
