/**
 * Travel booking, the workflow's BookTravel, RecordManualBooking and CancelBooking steps. A
 * booking goes through the travel provider port with the key `<caseId>#<attempt>`, so a retried
 * step books once; it is recorded on the case in the same write that moves the case to
 * AWAITING_DEPARTURE. A provider's refusal is recorded (the workflow then asks operations to book
 * by hand, and RecordManualBooking records what they entered); a cancellation is the
 * compensation of withdrawals and failures. Each step is safe to run twice: what the case already
 * records is answered again and not written, nor audited, twice.
 *
 * The trip the provider sees carries no personal data: see shared/contracts/travel.ts.
 */

import { type AuditActor, SYSTEM_ACTOR } from '../audit/audit-entry';
import type { AuditTrail } from '../audit/audit-trail';
import { CASE_EVENTS, caseEventSentences } from '../cases/case-events';
import type { CaseRecord } from '../cases/case-record';
import type { CaseService } from '../cases/case-service';
import { type Booking, type CaseStatus, isFinalStatus, type TimelineEntry } from '../contracts/case';
import { ageOn } from '../contracts/dates';
import { manualBookingFormSchema } from '../contracts/task';
import type { TravelBooking, TravelRefusal, TravelTrip } from '../contracts/travel';
import { DEFAULT_ELIGIBILITY_CONFIG } from '../eligibility/config';
import type { TravelProvider } from '../ports/travel-provider';
import type { TaskService } from '../tasks/task-service';
import { parseInput } from '../validation';
import { assertTransition } from '../workflow/case-transitions';
import type {
  BookTravelInput,
  CancelBookingInput,
  RecordManualBookingInput,
} from '../workflow/step-contracts';
import { CaseAlreadyFinalError } from '../workflow/workflow-errors';
import {
  ManualBookingMissingError,
  TravelAlreadyBookedError,
  TravelBookingRefusedError,
} from './travel-errors';

export interface BookingDeps {
  readonly cases: CaseService;
  readonly audit: AuditTrail;
  readonly travel: TravelProvider;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

export interface ManualBookingDeps {
  readonly cases: CaseService;
  readonly audit: AuditTrail;
  readonly tasks: Pick<TaskService, 'getForSystem'>;
  /** @default () => new Date() */
  readonly now?: () => Date;
}

/**
 * What BookTravel and RecordManualBooking answer the workflow: ids, a status and the two instants
 * it waits on (departure, then arrival), never the itinerary's places or the cost.
 */
export interface TravelBookedResult {
  readonly caseId: string;
  readonly status: CaseStatus;
  readonly bookedBy: 'provider' | 'manual';
  readonly reference: string;
  readonly departureAt: string;
  readonly arrivalAt: string;
}

export interface CancelBookingResult {
  readonly caseId: string;
  /** True when the case's booking is cancelled (now or by an earlier run); false when it had none. */
  readonly cancelled: boolean;
  /** Whose booking it was: a manual one must also be cancelled by operations with its seller. */
  readonly bookedBy?: 'provider' | 'manual';
}

/** Audit actions of travel (the log's `noun.verb` form). */
export const TRAVEL_AUDIT_ACTIONS = {
  booked: 'travel.booked',
  refused: 'travel.booking_refused',
  cancelled: 'travel.booking_cancelled',
} as const;

/** The provider's idempotency key of a case's nth booking. */
export function bookingKeyOf(caseId: string, attempt: number): string {
  return `${caseId}#${attempt}`;
}

/**
 * True when the person travels with an escort, whose seat is booked beside theirs: a child
 * always (docs/domain.md, children), and anyone whose needs ask for an escort or a medical escort.
 */
export function needsEscortSeat(record: Pick<CaseRecord, 'request' | 'createdAt'>): boolean {
  const { migrant, needs } = record.request;
  const child =
    ageOn(migrant.dateOfBirth, record.createdAt.slice(0, 10)) < DEFAULT_ELIGIBILITY_CONFIG.childAgeBelow;
  return child || needs.escort || needs.medicalEscort;
}

/**
 * The trip to ask the provider for: places, dates and seats from the request, and nothing about
 * the person (no name, date of birth, vulnerability, facility or address).
 */
export function tripOf(record: CaseRecord, bookingKey: string): TravelTrip {
  const { location, returnTo, route, needs } = record.request;
  return {
    caseId: record.caseId,
    bookingKey,
    mode: route.mode,
    from: { country: location.country, city: location.city },
    to: { country: returnTo.country, city: returnTo.city },
    transitCountries: [...route.transitCountries],
    ...(route.earliestDeparture ? { earliestDeparture: route.earliestDeparture } : {}),
    needs: { escortSeat: needsEscortSeat(record), wheelchairAssistance: needs.wheelchair },
  };
}

const at = (deps: { readonly now?: () => Date }): string => (deps.now?.() ?? new Date()).toISOString();

/** The case's booking when it is booked and is this attempt's (a booking from before attempts counts as 1). */
function bookedAttempt(record: Pick<CaseRecord, 'booking'>, attempt: number): Booking | undefined {
  const booking = record.booking;
  return booking?.status === 'booked' && (booking.attempt ?? 1) === attempt ? booking : undefined;
}

function resultOf(caseId: string, status: CaseStatus, booking: Booking): TravelBookedResult {
  return {
    caseId,
    status,
    bookedBy: booking.bookedBy,
    reference: booking.reference ?? '',
    departureAt: booking.departureAt ?? '',
    arrivalAt: booking.arrivalAt ?? '',
  };
}

function bookedEntry(when: string, booking: Booking, actor?: AuditActor): TimelineEntry {
  const event = booking.bookedBy === 'manual' ? 'travel_booked_manually' : 'travel_booked';
  return {
    at: when,
    event,
    ...caseEventSentences(event),
    status: CASE_EVENTS[event].status,
    ...(actor && actor.role !== 'system' ? { actor } : {}),
  };
}

function cancelledEntry(when: string, status: CaseStatus, bookedBy: Booking['bookedBy']): TimelineEntry {
  return {
    at: when,
    event: 'travel_booking_cancelled',
    es:
      bookedBy === 'manual'
        ? 'Se anuló la reserva del viaje; Operaciones debe cancelarla con quien la vendió.'
        : 'Se canceló la reserva del viaje con el proveedor.',
    en:
      bookedBy === 'manual'
        ? 'The travel booking was voided; operations must cancel it with whoever sold it.'
        : 'The travel booking was cancelled with the provider.',
    status,
  };
}

/**
 * Records the case's booking and moves it to AWAITING_DEPARTURE, once: a retry, or a record by a
 * concurrent run of the same step, finds the booking and writes nothing.
 * @throws CaseAlreadyFinalError when the case became final meanwhile
 */
async function recordBooked(
  deps: { readonly cases: CaseService; readonly audit: AuditTrail; readonly now?: () => Date },
  record: CaseRecord,
  booking: Booking,
  actor: AuditActor,
): Promise<TravelBookedResult> {
  const { caseId } = record;
  const attempt = booking.attempt ?? 1;
  // Audit before the case write, once: if the step dies in between, the retry finds this
  // booking's entry and records only the case.
  await deps.audit.appendOnce(
    caseId,
    {
      actor,
      action: TRAVEL_AUDIT_ACTIONS.booked,
      details: {
        bookedBy: booking.bookedBy,
        reference: booking.reference,
        attempt,
        costUsd: booking.costUsd,
        currency: 'USD',
        from: record.status,
        to: 'AWAITING_DEPARTURE',
      },
    },
    (entry) =>
      entry.action === TRAVEL_AUDIT_ACTIONS.booked &&
      entry.details.reference === booking.reference &&
      entry.details.attempt === attempt,
  );
  const after = await deps.cases.mutate(
    caseId,
    (current) => {
      if (bookedAttempt(current, attempt)?.reference === booking.reference) return {};
      // Checked again on every optimistic attempt: a withdrawal may have landed meanwhile.
      assertTransition(caseId, current.status, 'AWAITING_DEPARTURE');
      return {
        changes: { status: 'AWAITING_DEPARTURE', booking },
        timeline: [bookedEntry(at(deps), booking, actor)],
      };
    },
    { read: record },
  );
  return resultOf(caseId, after.status, after.booking ?? booking);
}

/**
 * BookTravel: books the case's trip through the provider and records it on the case, which moves
 * to AWAITING_DEPARTURE. Idempotent: a retried step answers the booking already recorded, and a
 * step that died after booking books the same key again, which the provider answers with the same
 * booking. A permanent refusal is recorded on the case (status failed, the code as its reason)
 * before it is thrown, for the workflow to hand the booking to operations.
 * @throws CaseNotFoundError, CaseAlreadyFinalError (a withdrawal landed: a seat booked meanwhile
 *   is cancelled again), InvalidCaseTransitionError (the case is not at BOOKING),
 *   TravelAlreadyBookedError (another attempt is booked), TravelProviderUnavailableError (retry),
 *   TravelBookingRefusedError (permanent)
 */
export async function bookTravel(deps: BookingDeps, input: BookTravelInput): Promise<TravelBookedResult> {
  const { caseId } = input;
  const attempt = input.attempt ?? 1;
  const record = await deps.cases.getForSystem(caseId);
  if (isFinalStatus(record.status)) {
    throw new CaseAlreadyFinalError(`case ${caseId} is ${record.status}: no travel to book`);
  }
  const already = bookedAttempt(record, attempt);
  if (already) return resultOf(caseId, record.status, already);
  if (record.booking?.status === 'cancelled' && (record.booking.attempt ?? 1) === attempt) {
    // The provider would refuse the key too; refused here, the cancelled booking stays on the case.
    throw new TravelBookingRefusedError(
      'booking_cancelled',
      `case ${caseId}'s booking attempt ${attempt} was cancelled; book attempt ${attempt + 1}`,
    );
  }
  if (record.booking?.status === 'booked') {
    throw new TravelAlreadyBookedError(
      `case ${caseId} has booking attempt ${record.booking.attempt ?? 1}; cancel it before booking attempt ${attempt}`,
    );
  }
  assertTransition(caseId, record.status, 'AWAITING_DEPARTURE');

  let booked: TravelBooking;
  try {
    booked = await deps.travel.book(tripOf(record, bookingKeyOf(caseId, attempt)));
  } catch (error) {
    if (error instanceof TravelBookingRefusedError) await recordRefusal(deps, record, attempt, error.code);
    throw error;
  }
  const booking: Booking = {
    status: 'booked',
    bookedBy: 'provider',
    provider: booked.provider,
    reference: booked.reference,
    departureAt: booked.departureAt,
    arrivalAt: booked.arrivalAt,
    costUsd: booked.costUsd,
    attempt,
    legs: booked.legs,
    escortSeat: booked.escortSeat,
    bookedAt: at(deps),
  };
  try {
    return await recordBooked(deps, record, booking, SYSTEM_ACTOR);
  } catch (error) {
    if (!(error instanceof CaseAlreadyFinalError)) throw error;
    // A withdrawal landed while the provider booked: give the seat back and keep the record of it.
    // Should the cancellation fail, the retry books the same key (the same seat) and cancels again.
    const cancellation = await deps.travel.cancel(booked.reference);
    await markCancelled(
      deps,
      caseId,
      { ...booking, status: 'cancelled', cancelledAt: cancellation.cancelledAt },
      'CaseAlreadyFinal',
    );
    throw error;
  }
}

/** Records a provider's refusal on the case, once per attempt and code. */
async function recordRefusal(
  deps: BookingDeps,
  record: CaseRecord,
  attempt: number,
  code: TravelRefusal,
): Promise<void> {
  const recorded = (current: Pick<CaseRecord, 'booking'>) =>
    current.booking?.status === 'failed' &&
    (current.booking.attempt ?? 1) === attempt &&
    current.booking.failureReason === code;
  if (recorded(record)) return;
  // Once: a retry after a death before the case write finds this refusal's entry.
  await deps.audit.appendOnce(
    record.caseId,
    { actor: SYSTEM_ACTOR, action: TRAVEL_AUDIT_ACTIONS.refused, details: { reason: code, attempt } },
    (entry) =>
      entry.action === TRAVEL_AUDIT_ACTIONS.refused &&
      entry.details.reason === code &&
      entry.details.attempt === attempt,
  );
  await deps.cases.mutate(
    record.caseId,
    (current) =>
      recorded(current) || current.booking?.status === 'booked' || isFinalStatus(current.status)
        ? {}
        : {
            changes: { booking: { status: 'failed', bookedBy: 'provider', attempt, failureReason: code } },
            timeline: [
              {
                at: at(deps),
                event: 'travel_booking_refused',
                es: `El proveedor no pudo reservar el viaje (${code}); Operaciones lo reservará a mano.`,
                en: `The provider could not book the travel (${code}); operations will book it by hand.`,
                status: current.status,
              },
            ],
          },
    { read: record },
  );
}

/**
 * RecordManualBooking: puts the itinerary operations entered in the case's completed
 * `manual_booking` task on the case, which moves to AWAITING_DEPARTURE. Idempotent by the task's
 * reference.
 * @throws TaskNotFoundError, ManualBookingMissingError (not this case's manual booking, or not
 *   completed), ValidationError (the stored form does not parse), CaseNotFoundError,
 *   CaseAlreadyFinalError, InvalidCaseTransitionError, TravelAlreadyBookedError
 */
export async function recordManualBooking(
  deps: ManualBookingDeps,
  input: RecordManualBookingInput,
): Promise<TravelBookedResult> {
  const { caseId, taskId } = input;
  const task = await deps.tasks.getForSystem(taskId);
  if (task.caseId !== caseId || task.kind !== 'manual_booking') {
    throw new ManualBookingMissingError(`task ${taskId} is not a manual booking of case ${caseId}`);
  }
  if (task.status !== 'completed' || !task.decision) {
    throw new ManualBookingMissingError(`task ${taskId} is ${task.status}: it holds no booking to record`);
  }
  const form = parseInput(manualBookingFormSchema, task.decision, "manual booking task's form", 'form');
  const record = await deps.cases.getForSystem(caseId);
  if (isFinalStatus(record.status)) {
    throw new CaseAlreadyFinalError(`case ${caseId} is ${record.status}: no travel to record`);
  }
  const attempt = record.booking?.attempt ?? 1;
  const already = bookedAttempt(record, attempt);
  if (already?.bookedBy === 'manual' && already.reference === form.reference) {
    return resultOf(caseId, record.status, already);
  }
  if (already) {
    throw new TravelAlreadyBookedError(`case ${caseId} is already booked (${already.bookedBy})`);
  }
  assertTransition(caseId, record.status, 'AWAITING_DEPARTURE');
  const booking: Booking = {
    status: 'booked',
    bookedBy: 'manual',
    provider: form.provider,
    reference: form.reference,
    departureAt: form.departureAt,
    arrivalAt: form.arrivalAt,
    costUsd: form.cost,
    attempt,
    ...(form.legs ? { legs: form.legs } : {}),
    ...(form.escortSeat !== undefined ? { escortSeat: form.escortSeat } : {}),
    bookedAt: task.completedAt ?? at(deps),
    ...(task.completedBy ? { recordedBy: task.completedBy } : {}),
  };
  return recordBooked(deps, record, booking, task.completedBy ?? SYSTEM_ACTOR);
}

/** Marks the case's booking cancelled, once (the booking given must be the case's, by reference). */
async function markCancelled(
  deps: { readonly cases: CaseService; readonly audit: AuditTrail; readonly now?: () => Date },
  caseId: string,
  cancelled: Booking,
  reason: string,
): Promise<void> {
  const attempt = cancelled.attempt ?? 1;
  // Once: a retry after a death before the case write finds this booking's cancellation.
  await deps.audit.appendOnce(
    caseId,
    {
      actor: SYSTEM_ACTOR,
      action: TRAVEL_AUDIT_ACTIONS.cancelled,
      details: { bookedBy: cancelled.bookedBy, reference: cancelled.reference, attempt, reason },
    },
    (entry) =>
      entry.action === TRAVEL_AUDIT_ACTIONS.cancelled &&
      entry.details.reference === cancelled.reference &&
      entry.details.attempt === attempt,
  );
  await deps.cases.mutate(caseId, (current) => {
    const booking = current.booking;
    if (booking?.status === 'cancelled' && booking.reference === cancelled.reference) return {};
    // The booking BookTravel could not record (the case went final) is recorded as cancelled.
    if (booking?.status === 'booked' && booking.reference !== cancelled.reference) return {};
    return {
      changes: { booking: { ...(booking?.reference === cancelled.reference ? booking : {}), ...cancelled } },
      timeline: [cancelledEntry(at(deps), current.status, cancelled.bookedBy)],
    };
  });
}

/**
 * CancelBooking (a compensation): cancels the case's booking with the provider and marks it
 * cancelled on the case. A manual booking is marked cancelled for operations to cancel with whoever
 * sold it. It never refuses a case for its status. Idempotent: a retry finds the booking cancelled
 * (and the provider answers a cancelled booking's cancellation again); a case with nothing booked
 * answers `cancelled: false`.
 * @throws CaseNotFoundError, TravelProviderUnavailableError (retry), TravelBookingRefusedError
 */
export async function cancelBooking(
  deps: BookingDeps,
  input: CancelBookingInput,
): Promise<CancelBookingResult> {
  const { caseId, reason } = input;
  const record = await deps.cases.getForSystem(caseId);
  const booking = record.booking;
  if (booking?.status === 'cancelled') return { caseId, cancelled: true, bookedBy: booking.bookedBy };
  if (booking?.status !== 'booked') return { caseId, cancelled: false };
  const cancelledAt =
    booking.bookedBy === 'provider' && booking.reference
      ? (await deps.travel.cancel(booking.reference)).cancelledAt
      : at(deps);
  await markCancelled(deps, caseId, { ...booking, status: 'cancelled', cancelledAt }, reason);
  return { caseId, cancelled: true, bookedBy: booking.bookedBy };
}
