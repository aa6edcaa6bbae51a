// The HTTP adapter's reading of the provider's answers, with a stand-in for fetch (no network):
// which failures are worth a retry, which are refusals, and what a malformed answer counts as.
import { HttpTravelProvider } from '../../../shared/adapters/travel/http-travel-provider';
import type { TravelTrip } from '../../../shared/contracts/travel';
import {
  TravelBookingRefusedError,
  TravelProviderUnavailableError,
} from '../../../shared/travel/travel-errors';

const TRIP: TravelTrip = {
  caseId: 'RET-HTTP',
  bookingKey: 'RET-HTTP#1',
  mode: 'air',
  from: { country: 'MX', city: 'Tapachula' },
  to: { country: 'HN', city: 'San Pedro Sula' },
  transitCountries: [],
  needs: { escortSeat: false, wheelchairAssistance: false },
};

const BOOKING = {
  provider: 'Test provider',
  reference: 'TP-1',
  bookingKey: 'RET-HTTP#1',
  departureAt: '2024-05-04T13:30:00.000Z',
  arrivalAt: '2024-05-04T16:00:00.000Z',
  legs: [
    {
      from: { country: 'MX', city: 'Tapachula' },
      to: { country: 'HN', city: 'San Pedro Sula' },
      mode: 'air',
      carrier: 'Test Air',
      departureAt: '2024-05-04T13:30:00.000Z',
      arrivalAt: '2024-05-04T16:00:00.000Z',
    },
  ],
  escortSeat: false,
  costUsd: 210.5,
};

interface Sent {
  url: string;
  init: RequestInit;
}

function providerAnswering(answer: () => Response | Promise<Response>): {
  provider: HttpTravelProvider;
  sent: Sent[];
} {
  const sent: Sent[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return answer();
  }) as unknown as typeof globalThis.fetch;
  return {
    provider: new HttpTravelProvider({ baseUrl: 'http://provider.test/v1/', fetch, timeoutMs: 50 }),
    sent,
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the HTTP travel provider', () => {
  it('posts the trip with its booking key as Idempotency-Key and reads the booking', async () => {
    const { provider, sent } = providerAnswering(() => json(201, BOOKING));
    expect(await provider.book(TRIP)).toEqual(BOOKING);
    expect(sent[0]!.url).toBe('http://provider.test/v1/bookings');
    expect(new Headers(sent[0]!.init.headers).get('idempotency-key')).toBe('RET-HTTP#1');
    expect(JSON.parse(String(sent[0]!.init.body))).toEqual(TRIP);
  });

  it('cancels by the reference, escaped in the path', async () => {
    const { provider, sent } = providerAnswering(() =>
      json(200, { reference: 'AB', status: 'cancelled', cancelledAt: '2024-05-02T00:00:00Z' }),
    );
    await provider.cancel('A/B');
    expect(sent[0]!.url).toBe('http://provider.test/v1/bookings/A%2FB/cancel');
  });

  it.each([500, 502, 503, 504, 408, 429])('counts %i as unavailable, worth a retry', async (status) => {
    const { provider } = providerAnswering(() => json(status, { error: 'Busy' }));
    await expect(provider.book(TRIP)).rejects.toThrow(TravelProviderUnavailableError);
  });

  it('counts no answer, and an answer too late, as unavailable', async () => {
    const refused = providerAnswering(() => Promise.reject(new TypeError('fetch failed')));
    await expect(refused.provider.quote(TRIP)).rejects.toThrow(/could not be reached/);
    const slow = providerAnswering(() =>
      Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    );
    await expect(slow.provider.quote(TRIP)).rejects.toThrow(/no answer within 50 ms/);
  });

  it('counts a 4xx as a refusal with the provider’s code, or `refused` when it names none it knows', async () => {
    const noSeats = providerAnswering(() => json(422, { error: 'BookingRefused', code: 'no_seats' }));
    await expect(noSeats.provider.book(TRIP)).rejects.toEqual(expect.objectContaining({ code: 'no_seats' }));
    await expect(noSeats.provider.book(TRIP)).rejects.toThrow(TravelBookingRefusedError);
    const unexplained = providerAnswering(() => json(400, { error: 'Nope', code: 'sunspots' }));
    await expect(unexplained.provider.book(TRIP)).rejects.toEqual(
      expect.objectContaining({ code: 'refused' }),
    );
    const bare = providerAnswering(() => new Response('gone', { status: 410 }));
    await expect(bare.provider.cancel('TP-1')).rejects.toEqual(expect.objectContaining({ code: 'refused' }));
  });

  it('counts an answer that is not a booking as unavailable, naming what is wrong', async () => {
    const { provider } = providerAnswering(() => json(200, { ...BOOKING, legs: [] }));
    await expect(provider.book(TRIP)).rejects.toThrow(TravelProviderUnavailableError);
    await expect(provider.book(TRIP)).rejects.toThrow(/legs/);
  });
});
