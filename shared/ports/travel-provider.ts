/**
 * The port through which the domain books travel: quote a trip, book it, cancel a booking.
 * Adapters: HttpTravelProvider (shared/adapters/travel), which the Lambdas use on both clouds
 * against TRAVEL_PROVIDER_URL (locally the simulated provider of local/travel-provider.ts), and
 * MemoryTravelProvider (shared/adapters/memory), the same simulation in memory for unit tests.
 * One contract suite (test/contract/travel-provider.contract.ts) runs against both.
 *
 * A trip carries no personal data (shared/contracts/travel.ts says why, and what a real provider
 * would add under a data-processing agreement).
 */
import type { TravelBooking, TravelCancellation, TravelQuote, TravelTrip } from '../contracts/travel';

export type {
  TravelBooking,
  TravelCancellation,
  TravelLeg,
  TravelQuote,
  TravelTrip,
} from '../contracts/travel';

/**
 * Every method may throw TravelProviderUnavailableError (transient: retry) or
 * TravelBookingRefusedError (permanent: its `code` says why), from shared/travel/travel-errors.
 */
export interface TravelProvider {
  /** The itinerary and cost the provider would book now; books nothing. */
  quote(trip: TravelTrip): Promise<TravelQuote>;
  /**
   * Books the trip. Idempotent by `trip.bookingKey`: booking again with the same key answers the
   * same booking (same reference), whatever happened in between; a key whose booking was
   * cancelled is refused (`booking_cancelled`), and a key used for another trip too (`key_reused`).
   */
  book(trip: TravelTrip): Promise<TravelBooking>;
  /**
   * Cancels a booking. Idempotent: cancelling again answers the first cancellation.
   * An unknown reference is refused (`unknown_reference`).
   */
  cancel(reference: string): Promise<TravelCancellation>;
}
