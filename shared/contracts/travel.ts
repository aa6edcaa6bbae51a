/**
 * What Retorno and a travel provider say to each other: the trip asked for, the itinerary quoted
 * or booked, a cancellation, and the failure switches of the simulated provider. The HTTP adapter
 * and the local simulated provider both parse with these, so the two ends of the wire cannot drift.
 *
 * Data minimisation: a trip carries the case id, places, dates and what seats are needed, never
 * the person's name, date of birth or vulnerabilities. A real provider issues tickets in the
 * traveller's name; connecting one needs a data-processing agreement with it, and this contract
 * would then add the name (and only the name and document the ticket needs).
 */
import * as z from 'zod';
import { CASE_ID_PATTERN, caseIdSchema } from './case-id';
import { ROUTE_MODES } from './case-request';
import { closedObject } from './closed-object';
import { countryCodeSchema } from './country';
import { calendarDateSchema, instantSchema } from './dates';
import { usdAmountSchema } from './money';
import { NAME_MAX, textSchema } from './text';

/** `<caseId>#<attempt>`: booking twice with one key answers the one booking. */
export const bookingKeySchema = /* @__PURE__ */ (() =>
  z
    .string()
    .regex(
      new RegExp(`^${CASE_ID_PATTERN}#[1-9][0-9]{0,5}$`),
      'must be a booking key: <caseId>#<attempt>',
    ))();

/** The provider's reference of a booking, e.g. `SIM-7K2M9Q`. */
export const bookingReferenceSchema = /* @__PURE__ */ (() =>
  z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a booking reference: letters, digits, _ and -'))();

/**
 * A country on an itinerary: any ISO 3166-1 alpha-2 code, not only a member state's, since a
 * connection may run through a hub outside the RCM (Bogotá, say).
 */
const itineraryCountrySchema = /* @__PURE__ */ (() =>
  z
    .string({ error: 'must be an ISO 3166-1 alpha-2 country code' })
    .regex(/^[A-Z]{2}$/, 'must be an upper-case ISO 3166-1 alpha-2 country code'))();

/** A city of a trip's end: an RCM member state's, as the case request names it. */
export const tripPlaceSchema = /* @__PURE__ */ (() =>
  closedObject({ country: countryCodeSchema, city: textSchema(NAME_MAX) }))();
export type TripPlace = z.infer<typeof tripPlaceSchema>;

/** A city on an itinerary. */
export const itineraryPlaceSchema = /* @__PURE__ */ (() =>
  closedObject({
    country: itineraryCountrySchema,
    city: textSchema(NAME_MAX),
  }))();
export type ItineraryPlace = z.infer<typeof itineraryPlaceSchema>;

/** What the traveller needs on board: an escort's seat beside theirs, wheelchair assistance. */
export const tripNeedsSchema = /* @__PURE__ */ (() =>
  closedObject({
    /** A child travels escorted, and so does anyone whose needs ask for an escort or a medical escort. */
    escortSeat: z.boolean({ error: 'must be true or false' }),
    wheelchairAssistance: z.boolean({ error: 'must be true or false' }),
  }))();
export type TripNeeds = z.infer<typeof tripNeedsSchema>;

/** The trip Retorno asks a provider to quote or book. */
export const travelTripSchema = /* @__PURE__ */ (() =>
  closedObject({
    caseId: caseIdSchema,
    bookingKey: bookingKeySchema,
    mode: z.enum(ROUTE_MODES, { error: `must be one of ${ROUTE_MODES.join(', ')}` }),
    /** Where the person is (the request's location: country and city, never the facility). */
    from: tripPlaceSchema,
    /** Where the person goes home to (the request's returnTo: country and city, never the address). */
    to: tripPlaceSchema,
    /** Countries crossed, in order (land and sea routes); empty for air. */
    transitCountries: z.array(countryCodeSchema).max(10, { message: 'must list at most 10 countries' }),
    /** The earliest day the person can travel, when the request gives one. */
    earliestDeparture: calendarDateSchema.optional(),
    needs: tripNeedsSchema,
  }))();
export type TravelTrip = z.infer<typeof travelTripSchema>;

/** One leg of an itinerary: a flight, a bus or a ferry. */
export const travelLegSchema = /* @__PURE__ */ (() =>
  closedObject({
    from: itineraryPlaceSchema,
    to: itineraryPlaceSchema,
    mode: z.enum(ROUTE_MODES, { error: `must be one of ${ROUTE_MODES.join(', ')}` }),
    /** Who runs it: an airline, a bus or a ferry company. */
    carrier: textSchema(NAME_MAX),
    departureAt: instantSchema,
    arrivalAt: instantSchema,
  }).refine((leg) => Date.parse(leg.arrivalAt) > Date.parse(leg.departureAt), {
    message: 'arrivalAt must be after departureAt',
    path: ['arrivalAt'],
    params: { rule: 'after_departure' },
  }))();
export type TravelLeg = z.infer<typeof travelLegSchema>;

/**
 * Legs in travel order: the first departs at `departureAt`, each departs no earlier than the one
 * before arrives, the last arrives at `arrivalAt`. Shared by the provider's answers and the
 * manual booking form, so both are checked by the same rule.
 */
export function checkLegsInOrder(
  value: {
    readonly departureAt: string;
    readonly arrivalAt: string;
    readonly legs?: readonly TravelLeg[] | undefined;
  },
  ctx: z.RefinementCtx,
): void {
  const legs = value.legs;
  if (!legs || legs.length === 0) return;
  if (Date.parse(legs[0]!.departureAt) !== Date.parse(value.departureAt)) {
    ctx.addIssue({
      code: 'custom',
      path: ['legs', 0, 'departureAt'],
      message: 'must be the departureAt of the whole journey',
      params: { rule: 'first_leg_departure' },
    });
  }
  for (let index = 1; index < legs.length; index++) {
    if (Date.parse(legs[index]!.departureAt) < Date.parse(legs[index - 1]!.arrivalAt)) {
      ctx.addIssue({
        code: 'custom',
        path: ['legs', index, 'departureAt'],
        message: 'must not be before the previous leg arrives',
        params: { rule: 'legs_in_order' },
      });
    }
  }
  if (Date.parse(legs[legs.length - 1]!.arrivalAt) !== Date.parse(value.arrivalAt)) {
    ctx.addIssue({
      code: 'custom',
      path: ['legs', legs.length - 1, 'arrivalAt'],
      message: 'must be the arrivalAt of the whole journey',
      params: { rule: 'last_leg_arrival' },
    });
  }
}

const itineraryShape = /* @__PURE__ */ (() => ({
  /** Who sells the trip, e.g. `Retorno simulated provider`. */
  provider: textSchema(NAME_MAX),
  departureAt: instantSchema,
  arrivalAt: instantSchema,
  legs: z.array(travelLegSchema).min(1).max(12),
  /** True when an escort's seat is booked beside the traveller's. */
  escortSeat: z.boolean(),
  /** Every seat on every leg, in USD. */
  costUsd: usdAmountSchema,
}))();

/** What a quote answers: the itinerary the provider would book now, and its cost. */
export const travelQuoteSchema = /* @__PURE__ */ (() =>
  closedObject(itineraryShape).superRefine(checkLegsInOrder))();
export type TravelQuote = z.infer<typeof travelQuoteSchema>;

/** What a booking answers: the booked itinerary with the provider's reference. */
export const travelBookingSchema = /* @__PURE__ */ (() =>
  closedObject({
    ...itineraryShape,
    reference: bookingReferenceSchema,
    bookingKey: bookingKeySchema,
  }).superRefine(checkLegsInOrder))();
export type TravelBooking = z.infer<typeof travelBookingSchema>;

/** What a cancellation answers. Cancelling twice answers the first cancellation. */
export const travelCancellationSchema = /* @__PURE__ */ (() =>
  closedObject({
    reference: bookingReferenceSchema,
    status: z.literal('cancelled'),
    cancelledAt: instantSchema,
  }))();
export type TravelCancellation = z.infer<typeof travelCancellationSchema>;

/**
 * Why a provider refuses for good. Retrying the same request will not help; the workflow hands
 * the case to operations, who book by hand (a `manual_booking` task).
 */
export const TRAVEL_REFUSALS = [
  /** No connection between the two places in that mode. */
  'no_route',
  /** Nothing with seats (two, with the escort's) in the coming days. */
  'no_seats',
  /** The booking key was used for another trip. */
  'key_reused',
  /** The booking key's booking was cancelled: book again with a new key (the next attempt). */
  'booking_cancelled',
  /** No booking with that reference. */
  'unknown_reference',
  /** The provider could not read the request. */
  'invalid_trip',
  /** Any other refusal the provider did not explain with one of these codes. */
  'refused',
] as const;
export type TravelRefusal = (typeof TRAVEL_REFUSALS)[number];
export const travelRefusalSchema = /* @__PURE__ */ (() => z.enum(TRAVEL_REFUSALS))();

/** The body a provider answers with when it refuses (4xx) or cannot answer (503). */
export const travelProblemSchema = /* @__PURE__ */ (() =>
  z.object({
    error: z.string(),
    code: z.string().optional(),
    message: z.string().optional(),
  }))();

/**
 * Failures a test switches on in the simulated provider (in memory and on the local server):
 * `{"transient": 2}` makes the next two calls unavailable (503); `{"permanent": true}` makes
 * quotes and bookings refused (422, `no_seats`, or the code given) until the switches are cleared.
 */
export const travelFailureSwitchesSchema = /* @__PURE__ */ (() =>
  closedObject({
    transient: z
      .number({ error: 'must be a whole number of calls' })
      .int({ message: 'must be a whole number of calls' })
      .min(0, { message: 'must be 0 or more' })
      .max(1000, { message: 'must be at most 1000' })
      .optional(),
    permanent: z
      .union([z.boolean(), z.enum(['no_route', 'no_seats'])], {
        error: 'must be true, false, "no_route" or "no_seats"',
      })
      .optional(),
  }))();
export type TravelFailureSwitches = z.infer<typeof travelFailureSwitchesSchema>;

/** The switches in force: calls left to fail, and the refusal code while refusing. */
export const travelFailureStateSchema = /* @__PURE__ */ (() =>
  z.object({
    transient: z.number().int().nonnegative(),
    permanent: z.enum(['no_route', 'no_seats']).nullable(),
  }))();
export type TravelFailureState = z.infer<typeof travelFailureStateSchema>;
