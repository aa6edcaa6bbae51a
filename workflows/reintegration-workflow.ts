/**
 * The reintegration workflow, started by the case workflow when arrival is confirmed: check-ins
 * by the return country's reintegration officer (by default 30, 90 and 180 days after arrival),
 * then CLOSED with a summary. Its own state machine, so each execution stays short of the case
 * workflow's and a new definition reaches cases already home. A check-in no one records in time
 * is recorded as missed (the reminders job reminds 14 days after its due day); the follow-up goes on.
 */
import { catchInto, fail, humanTask, lambdaStep, machine, recordOutcome } from './asl-builder';
import type { Machine } from './asl-types';

const DAY_SECONDS = 86_400;

/** One check-in: wait for its task to open, the officer's form, its record on the case. */
const checkIn = machine({
  StartAt: 'WaitForCheckInDay',
  States: {
    WaitForCheckInDay: { Type: 'Wait', TimestampPath: '$.opensAt', Next: 'AwaitCheckIn' },
    AwaitCheckIn: humanTask({
      kind: 'reintegration_checkin',
      role: 'reintegration',
      country: '$.country',
      attempt: '$.attempt',
      deadline: '$.dueInSeconds',
      timeout: '$.timeoutSeconds',
      keep: ['taskId'],
      resultPath: '$.result',
      catch: [
        catchInto('CloseMissedCheckIn', '$.failure', ['States.Timeout']),
        catchInto('FailCheckIn', '$.failure'),
      ],
      next: 'RecordCheckIn',
    }),
    RecordCheckIn: lambdaStep('recordCheckIn', {
      payload: {
        'caseId.$': '$.caseId',
        'attempt.$': '$.attempt',
        outcome: 'completed',
        'taskId.$': '$.result.taskId',
      },
      select: ['status'],
      resultPath: '$.recorded',
      catch: [catchInto('FailCheckIn', '$.failure')],
      next: 'FinishCheckIn',
    }),
    CloseMissedCheckIn: lambdaStep('closeTask', {
      payload: {
        'caseId.$': '$.caseId',
        kind: 'reintegration_checkin',
        'country.$': '$.country',
        'attempt.$': '$.attempt',
        outcome: 'expired',
        reason: 'CheckInNotRecorded',
      },
      select: ['closed'],
      resultPath: '$.closed',
      // The check-in is missed even when closing its task fails.
      catch: [catchInto('RecordMissedCheckIn', '$.closeFailure')],
      next: 'RecordMissedCheckIn',
    }),
    RecordMissedCheckIn: lambdaStep('recordCheckIn', {
      payload: { 'caseId.$': '$.caseId', 'attempt.$': '$.attempt', outcome: 'missed' },
      select: ['status'],
      resultPath: '$.recorded',
      catch: [catchInto('FailCheckIn', '$.failure')],
      next: 'FinishCheckIn',
    }),
    FinishCheckIn: { Type: 'Succeed' },
    // Fails the Map (its Catch records the case FAILED), the step's error name as the cause.
    FailCheckIn: fail('CaseWorkflowFailed', '$.failure.Error'),
  },
});

/** Builds the reintegration workflow's definition. */
export function reintegrationWorkflow(): Machine<string> {
  return machine({
    Comment:
      "Retorno reintegration workflow: check-ins by the return country's reintegration officer after arrival, then CLOSED with a summary.",
    StartAt: 'SetDefaults',
    States: {
      SetDefaults: {
        Type: 'Pass',
        Comment:
          "When the check-ins fall and how long each may take; an execution's input may override them.",
        Result: {
          checkInDays: [30, 90, 180],
          checkInLeadSeconds: 7 * DAY_SECONDS,
          checkInTimeoutSeconds: 67 * DAY_SECONDS,
        },
        ResultPath: '$.defaults',
        Next: 'ApplySettings',
      },
      ApplySettings: {
        Type: 'Pass',
        Parameters: {
          'caseId.$': '$.caseId',
          'arrivedOn.$': '$.arrivedOn',
          'settings.$': 'States.JsonMerge($.defaults, $$.Execution.Input, false)',
        },
        Next: 'RecordReintegration',
      },
      RecordReintegration: recordOutcome('reintegration_started', {
        catch: [catchInto('RecordFailed', '$.failure')],
        next: 'PlanCheckIns',
      }),
      PlanCheckIns: lambdaStep('planCheckIns', {
        payload: {
          'caseId.$': '$.caseId',
          'arrivedOn.$': '$.arrivedOn',
          'days.$': '$.settings.checkInDays',
          'leadSeconds.$': '$.settings.checkInLeadSeconds',
        },
        select: ['country', 'checkIns'],
        resultPath: '$.plan',
        catch: [catchInto('RecordFailed', '$.failure')],
        next: 'FollowCheckIns',
      }),
      FollowCheckIns: {
        Type: 'Map',
        Comment: 'One check-in after the other, each waiting for its day.',
        ItemsPath: '$.plan.checkIns',
        MaxConcurrency: 1,
        ItemSelector: {
          'caseId.$': '$.caseId',
          'country.$': '$.plan.country',
          'attempt.$': '$$.Map.Item.Value.attempt',
          'opensAt.$': '$$.Map.Item.Value.opensAt',
          'dueInSeconds.$': '$.settings.checkInLeadSeconds',
          'timeoutSeconds.$': '$.settings.checkInTimeoutSeconds',
        },
        ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, ...checkIn },
        ResultPath: null,
        Catch: [catchInto('RecordFailed', '$.failure')],
        Next: 'CloseReintegration',
      },
      CloseReintegration: lambdaStep('closeReintegration', {
        payload: { 'caseId.$': '$.caseId' },
        select: ['caseId'],
        resultPath: '$.summary',
        catch: [catchInto('RecordFailed', '$.failure')],
        next: 'RecordClosed',
      }),
      RecordClosed: recordOutcome('reintegration_completed', {
        catch: [catchInto('RecordFailed', '$.failure')],
        next: 'FinishClosed',
      }),
      FinishClosed: { Type: 'Succeed', OutputPath: '$.outcome' },
      RecordFailed: recordOutcome('workflow_failed', {
        code: '$.failure.Error',
        catch: [catchInto('FailReintegration', '$.recordFailure')],
        next: 'FailReintegration',
      }),
      FailReintegration: fail('CaseWorkflowFailed', '$.failure.Error'),
    },
  });
}
