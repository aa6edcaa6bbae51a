/**
 * The case workflow, written as code: hold the money (or wait for it, oldest case first), every
 * country on the route approves in parallel, the Technical Secretariat approves the disbursement,
 * the travel is booked (by hand when the provider cannot), the case waits for its departure, the
 * receiving country confirms the arrival, and the reintegration workflow takes over. Every failure
 * before departure cancels the booking, gives the money back and cancels open tasks (CancelBooking,
 * ReleaseFunds, CancelOpenTasks) before recording the outcome; after departure nothing is given
 * back and a failure is recorded.
 * `npm run workflows` writes it to case-workflow.asl.json, which both clouds run and reviewers read.
 */
import {
  catchInto,
  chooseByError,
  chooseDecision,
  fail,
  humanTask,
  lambdaStep,
  machine,
  noteFailure,
  recordOutcome,
  systemWait,
} from './asl-builder';
import type { Machine, Retrier } from './asl-types';

const DAY_SECONDS = 86_400;

/** Five days, for each approval, unless the execution's input says otherwise. */
const DEFAULT_TIMEOUT_SECONDS = 5 * DAY_SECONDS;

/** How long a case may wait for funds before it is rejected (docs/domain.md). */
const DEFAULT_FUNDS_WAIT_SECONDS = 30 * DAY_SECONDS;

/** Operations has three days to book by hand what the provider could not. */
const DEFAULT_MANUAL_BOOKING_SECONDS = 3 * DAY_SECONDS;

/** The cause the Secretariat's failures carry, where a country's carry its country code. */
const SECRETARIAT = 'ST-CRM';

/** The cause of a failure of operations' manual booking. */
const OPERATIONS = 'OPERATIONS';

/**
 * The travel provider's outages (TravelProviderUnavailableError): 2, 4, 8 and 16 seconds apart,
 * half a minute in all, before operations is asked to book by hand.
 */
const PROVIDER_RETRY: Retrier = {
  ErrorEquals: ['TravelProviderUnavailableError'],
  IntervalSeconds: 2,
  MaxAttempts: 4,
  BackoffRate: 2,
};

/** One iteration of AwaitCountryApprovals: a country's approval task, and what its answer means. */
const countryApproval = machine({
  StartAt: 'AwaitCountryApproval',
  States: {
    AwaitCountryApproval: humanTask({
      kind: 'country_approval',
      role: 'authority',
      country: '$.country',
      deadline: '$.timeoutSeconds',
      resultPath: '$.result',
      catch: [catchInto('CloseExpiredApproval', '$.failure', ['States.Timeout'])],
      next: 'ChooseCountryDecision',
    }),
    ChooseCountryDecision: chooseDecision(
      '$.result.decision',
      { approve: 'CollectApproval', reject: 'StopOnRejection' },
      'StopOnUnknownDecision',
    ),
    CollectApproval: {
      Type: 'Pass',
      Parameters: {
        'country.$': '$.country',
        'taskId.$': '$.result.taskId',
        'decision.$': '$.result.decision',
      },
      End: true,
    },
    StopOnRejection: fail('CountryRejected', '$.country'),
    StopOnUnknownDecision: fail('UnknownDecision', '$.country'),
    CloseExpiredApproval: lambdaStep('closeTask', {
      payload: {
        'caseId.$': '$.caseId',
        kind: 'country_approval',
        'country.$': '$.country',
        outcome: 'expired',
        reason: 'ApprovalDeadlinePassed',
      },
      select: ['closed'],
      resultPath: '$.closed',
      // The expiry stands even when closing the task fails: the Map fails all the same.
      catch: [catchInto('StopOnExpiry', '$.closeFailure')],
      next: 'StopOnExpiry',
    }),
    StopOnExpiry: fail('ApprovalExpired', '$.country'),
  },
});

/** A final outcome that cannot be recorded: already final elsewhere, or the execution fails. */
const finalRecordCatch = [
  catchInto('FinishEndedElsewhere', '$.recordFailure', ['CaseAlreadyFinalError']),
  catchInto('FailCase', '$.recordFailure'),
] as const;

/** Builds the case workflow's definition. */
export function caseWorkflow(): Machine<string> {
  return machine({
    Comment:
      'Retorno case workflow: hold the money (or wait for it), every country on the route approves in parallel, the Technical Secretariat approves the disbursement, book the travel, wait for the departure, the receiving country confirms the arrival, then the reintegration workflow. Every failure before departure cancels the booking, gives the money back and cancels open tasks (CancelBooking, ReleaseFunds, CancelOpenTasks) before recording the outcome.',
    StartAt: 'SetDefaults',
    States: {
      SetDefaults: {
        Type: 'Pass',
        Comment: "Deadlines of the approvals; an execution's input may override them.",
        Result: {
          approvalTimeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
          disbursementTimeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
          fundsWaitSeconds: DEFAULT_FUNDS_WAIT_SECONDS,
          manualBookingTimeoutSeconds: DEFAULT_MANUAL_BOOKING_SECONDS,
        },
        ResultPath: '$.defaults',
        Next: 'ApplySettings',
      },
      ApplySettings: {
        Type: 'Pass',
        Parameters: {
          'caseId.$': '$.caseId',
          'settings.$': 'States.JsonMerge($.defaults, $$.Execution.Input, false)',
        },
        Next: 'ReserveFunds',
      },
      ReserveFunds: lambdaStep('reserveFunds', {
        payload: { 'caseId.$': '$.caseId' },
        select: ['amountUsd', 'approvers'],
        resultPath: '$.funds',
        catch: [
          catchInto('RecordWaitingForFunds', '$.failure', ['InsufficientFundsError']),
          catchInto('RecordFundsUnavailable', '$.failure', ['CeilingExceededError']),
          catchInto('CancelBooking', '$.failure'),
        ],
        next: 'RecordAwaitingApprovals',
      }),
      RecordWaitingForFunds: recordOutcome('funds_waiting', {
        catch: [catchInto('CancelBooking', '$.failure')],
        next: 'AwaitFunds',
      }),
      AwaitFunds: systemWait({
        kind: 'funds',
        timeout: '$.settings.fundsWaitSeconds',
        resultPath: '$.resumed',
        catch: [
          catchInto('NoteFundsWaitExpired', '$.failure', ['States.Timeout']),
          catchInto('CancelBooking', '$.failure'),
        ],
        // The queue gave the case its hold before resuming it: ReserveFunds finds it and goes on.
        next: 'ReserveFunds',
      }),
      NoteFundsWaitExpired: noteFailure('FundsWaitExpired', SECRETARIAT, 'CancelBooking'),
      RecordAwaitingApprovals: recordOutcome('approvals_requested', {
        catch: [catchInto('CancelBooking', '$.failure')],
        next: 'AwaitCountryApprovals',
      }),
      AwaitCountryApprovals: {
        Type: 'Map',
        Comment:
          'Every country approves in parallel; the first rejection, expiry or withdrawal fails the Map at once.',
        ItemsPath: '$.funds.approvers',
        ItemSelector: {
          'caseId.$': '$.caseId',
          'country.$': '$$.Map.Item.Value',
          'timeoutSeconds.$': '$.settings.approvalTimeoutSeconds',
        },
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...countryApproval },
        ResultPath: '$.approvals',
        // No tolerance (even 0): it would rename every failure States.ExceedToleratedFailureThreshold.
        Catch: [catchInto('CancelBooking', '$.failure')],
        Next: 'RecordAwaitingDisbursement',
      },
      RecordAwaitingDisbursement: recordOutcome('approvals_granted', {
        catch: [catchInto('CancelBooking', '$.failure')],
        next: 'AwaitDisbursementApproval',
      }),
      AwaitDisbursementApproval: humanTask({
        kind: 'disbursement_approval',
        role: 'secretariat',
        deadline: '$.settings.disbursementTimeoutSeconds',
        resultPath: '$.disbursement',
        catch: [
          catchInto('CloseExpiredDisbursementApproval', '$.failure', ['States.Timeout']),
          catchInto('CancelBooking', '$.failure'),
        ],
        next: 'ChooseDisbursementDecision',
      }),
      ChooseDisbursementDecision: chooseDecision(
        '$.disbursement.decision',
        { approve: 'DisburseFunds', reject: 'NoteDisbursementRejection' },
        'NoteUnknownDecision',
      ),
      NoteDisbursementRejection: noteFailure('DisbursementRejected', SECRETARIAT, 'CancelBooking'),
      NoteUnknownDecision: noteFailure('UnknownDecision', SECRETARIAT, 'CancelBooking'),
      CloseExpiredDisbursementApproval: lambdaStep('closeTask', {
        payload: {
          'caseId.$': '$.caseId',
          kind: 'disbursement_approval',
          outcome: 'expired',
          reason: 'ApprovalDeadlinePassed',
        },
        select: ['closed'],
        resultPath: '$.closed',
        catch: [catchInto('NoteDisbursementExpiry', '$.closeFailure')],
        next: 'NoteDisbursementExpiry',
      }),
      NoteDisbursementExpiry: noteFailure('ApprovalExpired', SECRETARIAT, 'CancelBooking'),
      DisburseFunds: lambdaStep('disburseFunds', {
        payload: { 'caseId.$': '$.caseId' },
        select: ['amountUsd'],
        resultPath: '$.disbursed',
        catch: [catchInto('CancelBooking', '$.failure')],
        next: 'RecordApproved',
      }),
      RecordApproved: recordOutcome('disbursement_approved', {
        catch: [catchInto('CancelBooking', '$.failure')],
        next: 'BookTravel',
      }),
      BookTravel: lambdaStep('bookTravel', {
        payload: { 'caseId.$': '$.caseId' },
        select: ['reference', 'departureAt'],
        resultPath: '$.booked',
        retry: [PROVIDER_RETRY],
        catch: [
          // Refused, or still unavailable after the retries: operations books by hand.
          catchInto('AwaitManualBooking', '$.bookingFailure', [
            'TravelBookingRefusedError',
            'TravelProviderUnavailableError',
          ]),
          catchInto('CancelBooking', '$.failure'),
        ],
        next: 'RecordBooked',
      }),
      // The booking moved the case to AWAITING_DEPARTURE in the same write; this finds it recorded
      // (and says so in the definition, for its readers and its status graph).
      RecordBooked: recordOutcome('travel_booked', {
        catch: [catchInto('CancelBooking', '$.failure')],
        next: 'NotifyReceivingCountry',
      }),
      AwaitManualBooking: humanTask({
        kind: 'manual_booking',
        role: 'operations',
        deadline: '$.settings.manualBookingTimeoutSeconds',
        keep: ['taskId'],
        resultPath: '$.manualBooking',
        catch: [
          catchInto('CloseExpiredManualBooking', '$.failure', ['States.Timeout']),
          catchInto('CancelBooking', '$.failure'),
        ],
        next: 'RecordManualBooking',
      }),
      CloseExpiredManualBooking: lambdaStep('closeTask', {
        payload: {
          'caseId.$': '$.caseId',
          kind: 'manual_booking',
          outcome: 'expired',
          reason: 'ManualBookingDeadlinePassed',
        },
        select: ['closed'],
        resultPath: '$.closed',
        catch: [catchInto('NoteManualBookingExpiry', '$.closeFailure')],
        next: 'NoteManualBookingExpiry',
      }),
      NoteManualBookingExpiry: noteFailure('ManualBookingExpired', OPERATIONS, 'CancelBooking'),
      RecordManualBooking: lambdaStep('recordManualBooking', {
        payload: { 'caseId.$': '$.caseId', 'taskId.$': '$.manualBooking.taskId' },
        select: ['reference', 'departureAt'],
        resultPath: '$.booked',
        catch: [catchInto('CancelBooking', '$.failure')],
        next: 'RecordManuallyBooked',
      }),
      RecordManuallyBooked: recordOutcome('travel_booked_manually', {
        catch: [catchInto('CancelBooking', '$.failure')],
        next: 'NotifyReceivingCountry',
      }),
      NotifyReceivingCountry: lambdaStep('notifyReceivingCountry', {
        payload: { 'caseId.$': '$.caseId' },
        select: ['told', 'refused'],
        resultPath: '$.receptionNotice',
        catch: [catchInto('CancelBooking', '$.failure')],
        next: 'PlanDeparture',
      }),
      PlanDeparture: lambdaStep('planTravel', {
        payload: { 'caseId.$': '$.caseId' },
        select: ['secondsUntilDeparture'],
        resultPath: '$.departure',
        catch: [catchInto('CancelBooking', '$.failure')],
        next: 'AwaitDeparture',
      }),
      AwaitDeparture: systemWait({
        kind: 'departure',
        timeout: '$.departure.secondsUntilDeparture',
        resultPath: '$.departed',
        catch: [
          // The departure time came: the expected way out of this wait.
          catchInto('ReleaseDepartureWait', '$.departed', ['States.Timeout']),
          // A withdrawal before departure (CaseWithdrawn) or anything else: compensate.
          catchInto('CancelBooking', '$.failure'),
        ],
        next: 'ReleaseDepartureWait',
      }),
      ReleaseDepartureWait: lambdaStep('releaseWait', {
        payload: { 'caseId.$': '$.caseId', kind: 'departure' },
        select: ['released'],
        resultPath: '$.released',
        catch: [catchInto('CancelBooking', '$.failure')],
        next: 'RecordTravelling',
      }),
      RecordTravelling: recordOutcome('departed', {
        catch: [catchInto('CancelBooking', '$.failure')],
        next: 'PlanArrival',
      }),
      // From here the person is on the way: nothing is given back, a failure is only recorded.
      PlanArrival: lambdaStep('planTravel', {
        payload: { 'caseId.$': '$.caseId' },
        select: ['returnCountry', 'arrivalDueInSeconds', 'arrivalTimeoutSeconds'],
        resultPath: '$.arrivalPlan',
        catch: [catchInto('CancelTasksAfterDeparture', '$.failure')],
        next: 'AwaitArrival',
      }),
      AwaitArrival: humanTask({
        kind: 'arrival_confirmation',
        role: 'authority',
        country: '$.arrivalPlan.returnCountry',
        deadline: '$.arrivalPlan.arrivalDueInSeconds',
        // Overdue is reminded and flagged on the board; only a month later does the case fail.
        timeout: '$.arrivalPlan.arrivalTimeoutSeconds',
        keep: ['taskId', 'arrivedOn'],
        resultPath: '$.arrival',
        catch: [
          catchInto('CloseUnconfirmedArrival', '$.failure', ['States.Timeout']),
          catchInto('CancelTasksAfterDeparture', '$.failure'),
        ],
        next: 'RecordArrived',
      }),
      CloseUnconfirmedArrival: lambdaStep('closeTask', {
        payload: {
          'caseId.$': '$.caseId',
          kind: 'arrival_confirmation',
          'country.$': '$.arrivalPlan.returnCountry',
          outcome: 'expired',
          reason: 'ArrivalNotConfirmed',
        },
        select: ['closed'],
        resultPath: '$.closed',
        catch: [catchInto('NoteArrivalUnconfirmed', '$.closeFailure')],
        next: 'NoteArrivalUnconfirmed',
      }),
      NoteArrivalUnconfirmed: noteFailure('ArrivalNotConfirmed', SECRETARIAT, 'RecordFailed'),
      RecordArrived: recordOutcome('arrived', {
        catch: [catchInto('CancelTasksAfterDeparture', '$.failure')],
        next: 'StartReintegration',
      }),
      StartReintegration: lambdaStep('startReintegration', {
        payload: { 'caseId.$': '$.caseId', 'arrivedOn.$': '$.arrival.arrivedOn' },
        select: ['executionArn'],
        resultPath: '$.reintegration',
        catch: [catchInto('RecordFailed', '$.failure')],
        next: 'FinishArrived',
      }),
      FinishArrived: {
        Type: 'Succeed',
        Comment: 'Home: the reintegration workflow follows the case from here.',
        OutputPath: '$.outcome',
      },
      CancelTasksAfterDeparture: lambdaStep('closeTask', {
        payload: { 'caseId.$': '$.caseId', all: true, outcome: 'cancelled', 'reason.$': '$.failure.Error' },
        select: ['closed'],
        resultPath: '$.cancelled',
        catch: [catchInto('RecordFailed', '$.compensationFailure')],
        next: 'RecordFailed',
      }),
      // The compensation chain every failure path before departure runs.
      CancelBooking: lambdaStep('cancelBooking', {
        payload: { 'caseId.$': '$.caseId', 'reason.$': '$.failure.Error' },
        select: ['cancelled'],
        resultPath: '$.bookingCancelled',
        catch: [catchInto('ReleaseFunds', '$.compensationFailure')],
        next: 'ReleaseFunds',
      }),
      ReleaseFunds: lambdaStep('releaseFunds', {
        payload: { 'caseId.$': '$.caseId', 'reason.$': '$.failure.Error' },
        select: ['movement', 'amountUsd'],
        resultPath: '$.released',
        catch: [catchInto('RecordFailed', '$.compensationFailure')],
        next: 'CancelOpenTasks',
      }),
      CancelOpenTasks: lambdaStep('closeTask', {
        payload: { 'caseId.$': '$.caseId', all: true, outcome: 'cancelled', 'reason.$': '$.failure.Error' },
        select: ['closed'],
        resultPath: '$.cancelled',
        catch: [catchInto('ChooseOutcome', '$.compensationFailure')],
        next: 'ChooseOutcome',
      }),
      ChooseOutcome: chooseByError(
        '$.failure.Error',
        [
          { errors: ['CountryRejected'], next: 'RecordRejected' },
          { errors: ['DisbursementRejected'], next: 'RecordDisbursementRejected' },
          { errors: ['ApprovalExpired'], next: 'RecordExpired' },
          { errors: ['FundsWaitExpired'], next: 'RecordFundsWaitExpired' },
          { errors: ['CaseWithdrawn', 'CaseAlreadyFinalError'], next: 'RecordWithdrawn' },
        ],
        'RecordFailed',
      ),
      RecordRejected: recordOutcome('approval_rejected', {
        code: '$.failure.Cause',
        catch: finalRecordCatch,
        next: 'FinishRejected',
      }),
      RecordDisbursementRejected: recordOutcome('disbursement_rejected', {
        catch: finalRecordCatch,
        next: 'FinishRejected',
      }),
      RecordExpired: recordOutcome('approval_expired', {
        code: '$.failure.Cause',
        catch: finalRecordCatch,
        next: 'FinishExpired',
      }),
      RecordFundsWaitExpired: recordOutcome('funds_wait_expired', {
        catch: finalRecordCatch,
        next: 'FinishRejected',
      }),
      RecordWithdrawn: recordOutcome('withdrawal_completed', {
        catch: finalRecordCatch,
        next: 'FinishWithdrawn',
      }),
      RecordFundsUnavailable: recordOutcome('funds_unavailable', {
        catch: [catchInto('FailCase', '$.recordFailure')],
        next: 'FailFundsUnavailable',
      }),
      RecordFailed: recordOutcome('workflow_failed', {
        code: '$.failure.Error',
        catch: finalRecordCatch,
        next: 'FailCase',
      }),
      FinishRejected: { Type: 'Succeed', OutputPath: '$.outcome' },
      FinishExpired: { Type: 'Succeed', OutputPath: '$.outcome' },
      FinishWithdrawn: { Type: 'Succeed', OutputPath: '$.outcome' },
      FinishEndedElsewhere: {
        Type: 'Succeed',
        Comment:
          'The case was already final (e.g. withdrawn meanwhile): compensation ran, the status stands.',
      },
      FailFundsUnavailable: fail('FundsUnavailable', '$.failure.Error'),
      FailCase: fail('CaseWorkflowFailed', '$.failure.Error'),
    },
  });
}
