/**
 * The simulated travel provider: plausible itineraries (shared/adapters/travel/simulated-itinerary),
 * bookings kept by booking key and reference, and the failure switches tests turn on. In memory it
 * is the TravelProvider twin of the unit tests; local/travel-provider.ts serves this same class
 * over HTTP in the local cloud and keeps its bookings on disk through `onChange`, so the memory and
 * HTTP runs of the contract suite test one simulation.
 */
import { randomBytes } from 'node:crypto';
import type {
  TravelBooking,
  TravelCancellation,
  TravelFailureState,
  TravelFailureSwitches,
  TravelQuote,
  TravelTrip,
} from '../../contracts/travel';
import type { TravelProvider } from '../../ports/travel-provider';
import { TravelBookingRefusedError, TravelProviderUnavailableError } from '../../travel/travel-errors';
import { simulateItinerary } from '../travel/simulated-itinerary';
import { copy } from './copy';

/** A booking as the simulated provider keeps it: what was booked, for which trip, and whether cancelled. */
export interface SimulatedBooking {
  readonly booking: TravelBooking;
  readonly trip: TravelTrip;
  readonly cancelledAt?: string;
}

export interface MemoryTravelProviderOptions {
  /** @default () => new Date() */
  readonly now?: () => Date;
  /** Bookings kept from before (the local server's file). @default none */
  readonly bookings?: readonly SimulatedBooking[];
  /**
   * Called with every booking after each change, before the change is answered (the local server
   * writes them to disk). @default nothing
   */
  readonly onChange?: (bookings: readonly SimulatedBooking[]) => Promise<void>;
  /** @default `SIM-` and 6 random Crockford base32 characters */
  readonly newReference?: () => string;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function randomReference(): string {
  return `SIM-${[...randomBytes(6)].map((byte) => CROCKFORD[byte % 32]).join('')}`;
}

/** The trip without its key, in a fixed field order: two requests for one key must ask for the same trip. */
function fingerprint(trip: TravelTrip): string {
  return JSON.stringify([
    trip.caseId,
    trip.mode,
    trip.from.country,
    trip.from.city,
    trip.to.country,
    trip.to.city,
    trip.transitCountries,
    trip.earliestDeparture ?? null,
    trip.needs.escortSeat,
    trip.needs.wheelchairAssistance,
  ]);
}

export class MemoryTravelProvider implements TravelProvider {
  private readonly now: () => Date;
  private readonly newReference: () => string;
  private readonly onChange: MemoryTravelProviderOptions['onChange'];
  private readonly byKey = new Map<string, SimulatedBooking>();
  private readonly keyOfReference = new Map<string, string>();
  private transientLeft = 0;
  private refusal: TravelFailureState['permanent'] = null;
  /** The last write handed to onChange: every answer waits for it, so nothing is answered unsaved. */
  private saved: Promise<void> = Promise.resolve();

  constructor(options: MemoryTravelProviderOptions = {}) {
    this.now = options.now ?? (() => new Date());
    this.newReference = options.newReference ?? randomReference;
    this.onChange = options.onChange;
    for (const kept of options.bookings ?? []) this.keep(kept);
  }

  /**
   * Turns failures on: `transient` calls from now on answer unavailable; `permanent` (true, or the
   * refusal code) refuses quotes and new bookings until cleared or set to false.
   */
  setFailures(switches: TravelFailureSwitches): TravelFailureState {
    if (switches.transient !== undefined) this.transientLeft = switches.transient;
    if (switches.permanent !== undefined) {
      this.refusal = switches.permanent === true ? 'no_seats' : switches.permanent || null;
    }
    return this.failures();
  }

  clearFailures(): TravelFailureState {
    this.transientLeft = 0;
    this.refusal = null;
    return this.failures();
  }

  failures(): TravelFailureState {
    return { transient: this.transientLeft, permanent: this.refusal };
  }

  /** A booking by its reference, with whether it was cancelled (for tests and the local server). */
  find(reference: string): SimulatedBooking | undefined {
    const key = this.keyOfReference.get(reference);
    const kept = key === undefined ? undefined : this.byKey.get(key);
    return kept ? copy(kept) : undefined;
  }

  async quote(trip: TravelTrip): Promise<TravelQuote> {
    this.failIfSwitchedOn(true);
    return simulateItinerary(trip, this.now());
  }

  async book(trip: TravelTrip): Promise<TravelBooking> {
    this.failIfSwitchedOn(false);
    const existing = this.byKey.get(trip.bookingKey);
    if (existing) {
      // A retry answers what the first call booked, even while new bookings are refused.
      if (fingerprint(existing.trip) !== fingerprint(trip)) {
        throw new TravelBookingRefusedError(
          'key_reused',
          `booking key ${trip.bookingKey} was used for another trip`,
        );
      }
      if (existing.cancelledAt) {
        throw new TravelBookingRefusedError(
          'booking_cancelled',
          `the booking of key ${trip.bookingKey} was cancelled; book with the next attempt's key`,
        );
      }
      await this.saved;
      return copy(existing.booking);
    }
    this.refuseIfSwitchedOn();
    const booking: TravelBooking = {
      ...simulateItinerary(trip, this.now()),
      reference: this.uniqueReference(),
      bookingKey: trip.bookingKey,
    };
    this.keep({ booking, trip: copy(trip) });
    await this.persist();
    return copy(booking);
  }

  async cancel(reference: string): Promise<TravelCancellation> {
    this.failIfSwitchedOn(false);
    const kept = this.find(reference);
    if (!kept) throw new TravelBookingRefusedError('unknown_reference', `no booking ${reference}`);
    if (kept.cancelledAt) {
      await this.saved;
      return { reference, status: 'cancelled', cancelledAt: kept.cancelledAt };
    }
    const cancelledAt = this.now().toISOString();
    this.keep({ ...kept, cancelledAt });
    await this.persist();
    return { reference, status: 'cancelled', cancelledAt };
  }

  /** Spends one transient failure if any is left; refuses too when `refuses` and a refusal is on. */
  private failIfSwitchedOn(refuses: boolean): void {
    if (this.transientLeft > 0) {
      this.transientLeft -= 1;
      throw new TravelProviderUnavailableError('the simulated travel provider is unavailable (switched on)');
    }
    if (refuses) this.refuseIfSwitchedOn();
  }

  private refuseIfSwitchedOn(): void {
    if (this.refusal) {
      throw new TravelBookingRefusedError(
        this.refusal,
        `the simulated travel provider refuses: ${this.refusal}`,
      );
    }
  }

  private uniqueReference(): string {
    for (;;) {
      const reference = this.newReference();
      if (!this.keyOfReference.has(reference)) return reference;
    }
  }

  private keep(kept: SimulatedBooking): void {
    this.byKey.set(kept.booking.bookingKey, kept);
    this.keyOfReference.set(kept.booking.reference, kept.booking.bookingKey);
  }

  /** Hands every booking to onChange after the writes before it; answers when this one is done. */
  private persist(): Promise<void> {
    const onChange = this.onChange;
    if (!onChange) return this.saved;
    const snapshot = [...this.byKey.values()].map((kept) => copy(kept));
    const next = this.saved.then(() => onChange(snapshot));
    // One failed write must not block every later one; its own caller still sees it fail.
    this.saved = next.catch(() => undefined);
    return next;
  }
}
