/**
 * The case workflow, written as code: hold the money, every country on the route approves in
 * parallel, the Technical Secretariat approves the disbursement. Every failure path releases the
 * hold and cancels open tasks (ReleaseFunds, CancelOpenTasks) before recording the outcome.
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
import type { Machine } from './asl-types';

const DAY_SECONDS = 86_400;

/** Five days, for each approval, unless the execution's input says otherwise. */
const DEFAULT_TIMEOUT_SECONDS = 5 * DAY_SECONDS;

/** How long a case may wait for funds before it is rejected (docs/domain.md). */
const DEFAULT_FUNDS_WAIT_SECONDS = 30 * DAY_SECONDS;

/** The cause the Secretariat's failures carry, where a country's carry its country code. */
const SECRETARIAT = 'ST-CRM';

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
      'Retorno case workflow: hold the money, every country on the route approves in parallel, the Technical Secretariat approves the disbursement. Every failure path releases the hold and cancels open tasks (ReleaseFunds, CancelOpenTasks) before recording the outcome.',
    StartAt: 'SetDefaults',
    States: {
      SetDefaults: {
        Type: 'Pass',
        Comment: "Deadlines of the approvals; an execution's input may override them.",
        Result: {
          approvalTimeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
          disbursementTimeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
          fundsWaitSeconds: DEFAULT_FUNDS_WAIT_SECONDS,
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
          catchInto('ReleaseFunds', '$.failure'),
        ],
        next: 'RecordAwaitingApprovals',
      }),
      RecordWaitingForFunds: recordOutcome('funds_waiting', {
        catch: [catchInto('ReleaseFunds', '$.failure')],
        next: 'AwaitFunds',
      }),
      AwaitFunds: systemWait({
        kind: 'funds',
        timeout: '$.settings.fundsWaitSeconds',
        resultPath: '$.resumed',
        catch: [
          catchInto('NoteFundsWaitExpired', '$.failure', ['States.Timeout']),
          catchInto('ReleaseFunds', '$.failure'),
        ],
        // The queue gave the case its hold before resuming it: ReserveFunds finds it and goes on.
        next: 'ReserveFunds',
      }),
      NoteFundsWaitExpired: noteFailure('FundsWaitExpired', SECRETARIAT, 'ReleaseFunds'),
      RecordAwaitingApprovals: recordOutcome('approvals_requested', {
        catch: [catchInto('ReleaseFunds', '$.failure')],
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
        Catch: [catchInto('ReleaseFunds', '$.failure')],
        Next: 'RecordAwaitingDisbursement',
      },
      RecordAwaitingDisbursement: recordOutcome('approvals_granted', {
        catch: [catchInto('ReleaseFunds', '$.failure')],
        next: 'AwaitDisbursementApproval',
      }),
      AwaitDisbursementApproval: humanTask({
        kind: 'disbursement_approval',
        role: 'secretariat',
        deadline: '$.settings.disbursementTimeoutSeconds',
        resultPath: '$.disbursement',
        catch: [
          catchInto('CloseExpiredDisbursementApproval', '$.failure', ['States.Timeout']),
          catchInto('ReleaseFunds', '$.failure'),
        ],
        next: 'ChooseDisbursementDecision',
      }),
      ChooseDisbursementDecision: chooseDecision(
        '$.disbursement.decision',
        { approve: 'DisburseFunds', reject: 'NoteDisbursementRejection' },
        'NoteUnknownDecision',
      ),
      NoteDisbursementRejection: noteFailure('DisbursementRejected', SECRETARIAT, 'ReleaseFunds'),
      NoteUnknownDecision: noteFailure('UnknownDecision', SECRETARIAT, 'ReleaseFunds'),
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
      NoteDisbursementExpiry: noteFailure('ApprovalExpired', SECRETARIAT, 'ReleaseFunds'),
      DisburseFunds: lambdaStep('disburseFunds', {
        payload: { 'caseId.$': '$.caseId' },
        select: ['amountUsd'],
        resultPath: '$.disbursed',
        catch: [catchInto('ReleaseFunds', '$.failure')],
        next: 'RecordApproved',
      }),
      RecordApproved: recordOutcome('disbursement_approved', {
        catch: [catchInto('ReleaseFunds', '$.failure')],
        next: 'FinishApproved',
      }),
      FinishApproved: {
        Type: 'Succeed',
        Comment: 'The approval stage is done; booking extends the workflow from here.',
        OutputPath: '$.outcome',
      },
      // The compensation chain every failure path runs.
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
