/**
 * The TravelProvider contract: plausible itineraries for each mode, a few days out; booking
 * idempotent by key; cancelling idempotent, and a cancelled key not booked again; refusals and
 * unavailability as the two named errors, switched on by tests. Run against the in-memory
 * simulation (unit) and against the HTTP adapter talking to the local simulated provider
 * (integration), so the wire cannot change what the domain sees.
 */
import type { TravelFailureSwitches, TravelTrip } from '../../shared/contracts/travel';
import type { TravelProvider } from '../../shared/ports/travel-provider';
import { TravelBookingRefusedError, TravelProviderUnavailableError } from '../../shared/travel/travel-errors';

/** A provider under test, its failure switches, and the instant its clock reads. */
export interface TravelProviderUnderTest {
  readonly provider: TravelProvider;
  readonly now: Date;
  setFailures(switches: TravelFailureSwitches): Promise<void>;
  clearFailures(): Promise<void>;
}

const DAY_MS = 86_400_000;
let counter = 0;

/** A trip of its own case (tests share one provider): Tapachula to San Pedro Sula by air. */
function trip(overrides: Partial<TravelTrip> = {}): TravelTrip {
  counter += 1;
  const caseId = `RET-CONTRACT${counter}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    caseId,
    bookingKey: `${caseId}#1`,
    mode: 'air',
    from: { country: 'MX', city: 'Tapachula' },
    to: { country: 'HN', city: 'San Pedro Sula' },
    transitCountries: [],
    needs: { escortSeat: false, wheelchairAssistance: false },
    ...overrides,
  };
}

/** What a refusal says, or that nothing was refused. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'not refused';
  } catch (error) {
    return error instanceof TravelBookingRefusedError ? error.code : `other: ${String(error)}`;
  }
}

/**
 * Declares the contract's tests.
 * @param name the adapter's name, in the tests' titles
 * @param make the provider under test (called once, before the tests)
 */
export function travelProviderContract(
  name: string,
  make: () => Promise<TravelProviderUnderTest> | TravelProviderUnderTest,
): void {
  let under: TravelProviderUnderTest;
  let provider: TravelProvider;
  beforeAll(async () => {
    under = await make();
    provider = under.provider;
  });
  afterEach(() => under.clearFailures());

  describe(`the travel provider (${name})`, () => {
    it('quotes a flight through a hub, departing three days out, with connecting legs', async () => {
      const quote = await provider.quote(trip());
      expect(quote.legs.map((leg) => [leg.from.city, leg.to.city, leg.mode])).toEqual([
        ['Tapachula', 'Mexico City', 'air'],
        ['Mexico City', 'San Pedro Sula', 'air'],
      ]);
      expect(quote.legs.every((leg) => leg.carrier === 'Aeroméxico')).toBe(true);
      expect(quote.departureAt.slice(0, 10)).toBe(
        new Date(under.now.getTime() + 3 * DAY_MS).toISOString().slice(0, 10),
      );
      expect(quote.departureAt).toBe(quote.legs[0]!.departureAt);
      expect(quote.arrivalAt).toBe(quote.legs[1]!.arrivalAt);
      expect(Date.parse(quote.legs[1]!.departureAt)).toBeGreaterThan(Date.parse(quote.legs[0]!.arrivalAt));
      const hours = (Date.parse(quote.arrivalAt) - Date.parse(quote.departureAt)) / 3_600_000;
      expect(hours).toBeGreaterThan(3);
      expect(hours).toBeLessThan(12);
      expect(quote.escortSeat).toBe(false);
      expect(quote.costUsd).toBeGreaterThan(100);
    });

    it('flies direct when one end is the hub', async () => {
      const quote = await provider.quote(trip({ from: { country: 'MX', city: 'Ciudad de México' } }));
      expect(quote.legs).toHaveLength(1);
      expect(quote.legs[0]!.to).toEqual({ country: 'HN', city: 'San Pedro Sula' });
    });

    it('goes overland by bus through each transit country in order', async () => {
      const quote = await provider.quote(
        trip({
          mode: 'land',
          from: { country: 'MX', city: 'Tapachula' },
          to: { country: 'NI', city: 'León' },
          transitCountries: ['GT', 'SV', 'HN'],
        }),
      );
      expect(quote.legs.map((leg) => leg.to.country)).toEqual(['GT', 'SV', 'HN', 'NI']);
      expect(quote.legs.map((leg) => leg.mode)).toEqual(['land', 'land', 'land', 'land']);
      expect(quote.legs[0]!.carrier).toBe('ADO');
      for (let index = 1; index < quote.legs.length; index++) {
        expect(quote.legs[index]!.from).toEqual(quote.legs[index - 1]!.to);
      }
    });

    it('crosses by ferry on a sea route', async () => {
      const quote = await provider.quote(
        trip({
          mode: 'sea',
          from: { country: 'SV', city: 'La Unión' },
          to: { country: 'NI', city: 'Potosí' },
        }),
      );
      expect(quote.legs).toHaveLength(1);
      expect(quote.legs[0]).toMatchObject({ mode: 'sea', carrier: 'Ferry del Golfo' });
    });

    it('departs on the earliest departure when it is later than three days out', async () => {
      const later = new Date(under.now.getTime() + 20 * DAY_MS).toISOString().slice(0, 10);
      const quote = await provider.quote(trip({ earliestDeparture: later }));
      expect(quote.departureAt.slice(0, 10)).toBe(later);
    });

    it('books an escort seat beside the traveller’s when asked, at the price of two seats', async () => {
      const alone = await provider.quote(trip());
      const escorted = await provider.book(trip({ needs: { escortSeat: true, wheelchairAssistance: true } }));
      expect(escorted.escortSeat).toBe(true);
      expect(escorted.costUsd).toBeCloseTo(alone.costUsd * 2, 1);
    });

    it('answers the same booking for the same key, and another for another key', async () => {
      const asked = trip();
      const first = await provider.book(asked);
      const again = await provider.book(asked);
      expect(again).toEqual(first);
      expect(first.bookingKey).toBe(asked.bookingKey);
      expect(first.reference).toMatch(/^[A-Za-z0-9_-]+$/);
      const second = await provider.book({ ...asked, bookingKey: `${asked.caseId}#2` });
      expect(second.reference).not.toBe(first.reference);
    });

    it('refuses a key used for another trip', async () => {
      const asked = trip();
      await provider.book(asked);
      expect(await refusal(provider.book({ ...asked, mode: 'land', transitCountries: ['GT'] }))).toBe(
        'key_reused',
      );
    });

    it('cancels once: cancelling again answers the first cancellation, and the key books no more', async () => {
      const asked = trip();
      const booking = await provider.book(asked);
      const cancelled = await provider.cancel(booking.reference);
      expect(cancelled).toEqual({
        reference: booking.reference,
        status: 'cancelled',
        cancelledAt: expect.any(String),
      });
      expect(await provider.cancel(booking.reference)).toEqual(cancelled);
      expect(await refusal(provider.book(asked))).toBe('booking_cancelled');
    });

    it('refuses to cancel a booking it does not know', async () => {
      expect(await refusal(provider.cancel('SIM-NOSUCH'))).toBe('unknown_reference');
    });

    it('refuses a trip that starts and ends in one city', async () => {
      expect(await refusal(provider.quote(trip({ to: { country: 'MX', city: 'Tapachula' } })))).toBe(
        'no_route',
      );
    });

    it('is unavailable for exactly the calls switched on, then books', async () => {
      await under.setFailures({ transient: 2 });
      const asked = trip();
      await expect(provider.book(asked)).rejects.toThrow(TravelProviderUnavailableError);
      await expect(provider.quote(asked)).rejects.toThrow(TravelProviderUnavailableError);
      expect((await provider.book(asked)).bookingKey).toBe(asked.bookingKey);
    });

    it('refuses quotes and new bookings while refusal is switched on, but answers a booking already made', async () => {
      const made = trip();
      const booking = await provider.book(made);
      await under.setFailures({ permanent: true });
      expect(await refusal(provider.book(trip()))).toBe('no_seats');
      expect(await refusal(provider.quote(trip()))).toBe('no_seats');
      expect(await provider.book(made)).toEqual(booking);
      await under.setFailures({ permanent: 'no_route' });
      expect(await refusal(provider.book(trip()))).toBe('no_route');
      await under.clearFailures();
      expect(await refusal(provider.book(trip()))).toBe('not refused');
    });
  });
}
