/**
 * PlanTravel: the waits of a booked case, from its booking and the clock, for the state machine's
 * timeouts (TimeoutSecondsPath takes seconds from now): how long until departure (the departure
 * wait's timeout), and when the receiving country's arrival confirmation is due (two days after
 * the planned arrival) and given up (a month later; an overdue confirmation is reminded and
 * flagged, not failed). Run before the departure wait and again after it, so each wait is
 * measured from the moment it starts.
 */
import type * as z from 'zod';
import type { CaseService } from '../cases/case-service';
import { isFinalStatus } from '../contracts/case';
import type { CountryCode } from '../countries';
import { caseStepInputSchema } from './step-contracts';
import { CaseAlreadyFinalError } from './workflow-errors';

const DAY_SECONDS = 86_400;

/** The receiving country confirms arrival within two days of the planned arrival. */
export const ARRIVAL_CONFIRMATION_DAYS = 2;

/** After the due date, how long the workflow keeps waiting for the confirmation. */
export const ARRIVAL_GIVE_UP_DAYS = 30;

/** The case, nothing else: the input of most steps (./step-contracts.ts). */
export const planTravelInputSchema = caseStepInputSchema;
export type PlanTravelInput = z.infer<typeof planTravelInputSchema>;

export interface PlanTravelResult {
  readonly caseId: string;
  /** The return country, whose authority confirms arrival. */
  readonly returnCountry: CountryCode;
  /** Seconds until departure (at least 1: a departure already passed ends the wait at once). */
  readonly secondsUntilDeparture: number;
  /** Seconds until the arrival confirmation is due. */
  readonly arrivalDueInSeconds: number;
  /** Seconds the execution waits for the confirmation before it gives up. */
  readonly arrivalTimeoutSeconds: number;
}

/** Thrown when a case to plan has no booked itinerary (a definition error: booking comes first). */
export class NotBookedError extends Error {
  override readonly name = 'NotBookedError';
}

/**
 * @throws CaseAlreadyFinalError (withdrawn meanwhile: the workflow compensates), NotBookedError
 */
export async function planTravel(
  deps: { readonly cases: CaseService; readonly now?: () => Date },
  input: PlanTravelInput,
): Promise<PlanTravelResult> {
  const record = await deps.cases.getForSystem(input.caseId);
  if (isFinalStatus(record.status)) {
    throw new CaseAlreadyFinalError(`case ${input.caseId} is ${record.status}: no travel to plan`);
  }
  const { booking } = record;
  if (booking?.status !== 'booked' || !booking.departureAt || !booking.arrivalAt) {
    throw new NotBookedError(`case ${input.caseId} has no booked itinerary`);
  }
  const now = (deps.now?.() ?? new Date()).getTime();
  const secondsUntil = (instant: number) => Math.max(1, Math.ceil((instant - now) / 1000));
  const due = Date.parse(booking.arrivalAt) + ARRIVAL_CONFIRMATION_DAYS * DAY_SECONDS * 1000;
  return {
    caseId: input.caseId,
    returnCountry: record.returnCountry,
    secondsUntilDeparture: secondsUntil(Date.parse(booking.departureAt)),
    arrivalDueInSeconds: secondsUntil(due),
    arrivalTimeoutSeconds: secondsUntil(due + ARRIVAL_GIVE_UP_DAYS * DAY_SECONDS * 1000),
  };
}
