/**
 * The functions the case workflow invokes (the manifest's `stateMachines.caseWorkflow.functions`),
 * each with its input contract and its answer, so that a Task's payload and result selector are
 * checked against the step they call.
 */
import type { AppManifest, StateMachineName } from '../shared/manifest';
import type { CancelBookingResult, TravelBookedResult } from '../shared/travel/booking';
import type { RecordCaseEventResult } from '../shared/workflow/case-event-step';
import type {
  DisburseFundsResult,
  ReleaseFundsResult,
  ReserveFundsResult,
} from '../shared/workflow/fund-steps';
import type {
  NotifyReceivingCountryInput,
  NotifyReceivingCountryResult,
} from '../shared/workflow/notify-steps';
import type {
  CloseReintegrationInput,
  CloseReintegrationResult,
  PlanCheckInsInput,
  PlanCheckInsResult,
  RecordCheckInInput,
  RecordCheckInResult,
  StartReintegrationInput,
  StartReintegrationResult,
} from '../shared/workflow/reintegration-steps';
import type {
  BookTravelInput,
  CancelBookingInput,
  CaseStepInput,
  CloseTaskInput,
  CreateTaskInput,
  RecordCaseEventInput,
  RecordManualBookingInput,
  ReleaseFundsInput,
} from '../shared/workflow/step-contracts';
import type { CloseTaskResult, CreateTaskResult } from '../shared/workflow/task-steps';
import type { PlanTravelInput, PlanTravelResult } from '../shared/workflow/travel-plan';
import type {
  HoldWaitInput,
  HoldWaitResult,
  ReleaseWaitInput,
  ReleaseWaitResult,
} from '../shared/workflow/wait-steps';

/** A function the manifest lets one of the workflows invoke. */
export type CaseWorkflowFunction = AppManifest['stateMachines'][StateMachineName]['functions'][number];

/**
 * Input and answer of each step. The builders index it by {@link CaseWorkflowFunction}, so a
 * function added to the manifest without an entry here does not compile.
 */
export interface CaseWorkflowSteps {
  readonly reserveFunds: { readonly input: CaseStepInput; readonly result: ReserveFundsResult };
  readonly releaseFunds: { readonly input: ReleaseFundsInput; readonly result: ReleaseFundsResult };
  readonly disburseFunds: { readonly input: CaseStepInput; readonly result: DisburseFundsResult };
  readonly createTask: { readonly input: CreateTaskInput; readonly result: CreateTaskResult };
  readonly closeTask: { readonly input: CloseTaskInput; readonly result: CloseTaskResult };
  readonly recordCaseEvent: { readonly input: RecordCaseEventInput; readonly result: RecordCaseEventResult };
  readonly holdWait: { readonly input: HoldWaitInput; readonly result: HoldWaitResult };
  readonly releaseWait: { readonly input: ReleaseWaitInput; readonly result: ReleaseWaitResult };
  readonly startReintegration: {
    readonly input: StartReintegrationInput;
    readonly result: StartReintegrationResult;
  };
  readonly planCheckIns: { readonly input: PlanCheckInsInput; readonly result: PlanCheckInsResult };
  readonly recordCheckIn: { readonly input: RecordCheckInInput; readonly result: RecordCheckInResult };
  readonly closeReintegration: {
    readonly input: CloseReintegrationInput;
    readonly result: CloseReintegrationResult;
  };
  readonly notifyReceivingCountry: {
    readonly input: NotifyReceivingCountryInput;
    readonly result: NotifyReceivingCountryResult;
  };
  readonly planTravel: { readonly input: PlanTravelInput; readonly result: PlanTravelResult };
  readonly bookTravel: { readonly input: BookTravelInput; readonly result: TravelBookedResult };
  readonly cancelBooking: { readonly input: CancelBookingInput; readonly result: CancelBookingResult };
  readonly recordManualBooking: {
    readonly input: RecordManualBookingInput;
    readonly result: TravelBookedResult;
  };
}
