/**
 * The simulated travel provider as the Lambdas meet it: the provider contract through the HTTP
 * adapter against the real local server, its bookings kept across a restart, and in a whole local
 * cloud the BookTravel and CancelBooking bundles calling it at TRAVEL_PROVIDER_URL, on the local
 * clock, with the failure switches thrown through the API's port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../local/ports';
import { startTravelProviderLocal, type TravelProviderLocal } from '../../local/travel-provider';
import { HttpTravelProvider } from '../../shared/adapters/travel/http-travel-provider';
import type { TravelTrip } from '../../shared/contracts/travel';
import { travelProviderContract } from '../contract/travel-provider.contract';
import { startWorkflowHarness, type WorkflowHarness } from '../support/workflow-harness';

const NOW = new Date('2024-05-01T12:00:00.000Z');

async function post(url: string, body: unknown, method = 'POST'): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

describe('the local simulated travel provider', () => {
  let server: TravelProviderLocal;
  beforeAll(async () => {
    server = await startTravelProviderLocal({ port: await freePort(), now: () => NOW });
  });
  afterAll(() => server?.stop());

  travelProviderContract('HttpTravelProvider and the local server', () => ({
    provider: new HttpTravelProvider({ baseUrl: server.url }),
    now: NOW,
    setFailures: async (switches) => {
      expect((await post(`${server.url}/failures`, switches)).status).toBe(200);
    },
    clearFailures: async () => {
      expect((await post(`${server.url}/failures`, undefined, 'DELETE')).status).toBe(200);
    },
  }));

  it('refuses a malformed trip with 400, naming the field', async () => {
    const answer = await post(`${server.url}/bookings`, { caseId: 'RET-1', mode: 'plane' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      code: 'invalid_trip',
      message: expect.stringMatching(/mode: must be one of/),
    });
  });
});

describe('the simulated provider’s bookings on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'retorno-travel-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('survives a restart: the same key answers the same booking, a cancellation stays cancelled', async () => {
    const stateFile = join(dir, 'travel-provider', 'bookings.json');
    const trip = (caseId: string): TravelTrip => ({
      caseId,
      bookingKey: `${caseId}#1`,
      mode: 'land',
      from: { country: 'GT', city: 'Quetzaltenango' },
      to: { country: 'SV', city: 'Santa Ana' },
      transitCountries: [],
      needs: { escortSeat: false, wheelchairAssistance: false },
    });
    const first = await startTravelProviderLocal({ port: await freePort(), now: () => NOW, stateFile });
    const kept = await new HttpTravelProvider({ baseUrl: first.url }).book(trip('RET-DISK1'));
    const gone = await new HttpTravelProvider({ baseUrl: first.url }).book(trip('RET-DISK2'));
    await new HttpTravelProvider({ baseUrl: first.url }).cancel(gone.reference);
    await first.stop();

    const second = await startTravelProviderLocal({ port: await freePort(), now: () => NOW, stateFile });
    try {
      const provider = new HttpTravelProvider({ baseUrl: second.url });
      expect(await provider.book(trip('RET-DISK1'))).toEqual(kept);
      await expect(provider.book(trip('RET-DISK2'))).rejects.toMatchObject({ code: 'booking_cancelled' });
      const read = await fetch(`${second.url}/bookings/${gone.reference}`);
      expect(await read.json()).toMatchObject({ reference: gone.reference, status: 'cancelled' });
    } finally {
      await second.stop();
    }
  });
});

describe('travel in the local cloud', () => {
  let harness: WorkflowHarness;
  beforeAll(async () => {
    harness = await startWorkflowHarness();
  }, 120_000);
  afterAll(() => harness?.stop());

  /** A case of its own, moved to BOOKING as the workflow leaves it after the disbursement. */
  async function caseAtBooking(): Promise<string> {
    const caseId = await harness.submitCase();
    await harness.cases.mutate(caseId, () => ({ changes: { status: 'BOOKING' } }));
    return caseId;
  }

  const failures = (method: string, body?: unknown) =>
    harness.api.call(null, method, '/local/travel-provider/failures', body);

  it('switches the provider’s failures on and off through the API’s port', async () => {
    expect(await failures('POST', { transient: 2 })).toMatchObject({
      status: 200,
      body: { transient: 2, permanent: null },
    });
    expect((await failures('GET')).body).toEqual({ transient: 2, permanent: null });
    expect((await failures('DELETE')).body).toEqual({ transient: 0, permanent: null });
    const bad = await failures('POST', { transient: 'many' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/transient: must be a whole number of calls/);
  });

  it('books through the BookTravel bundle, departing three days after the local clock’s now', async () => {
    await harness.api.advance('10d');
    const now = Date.now() + harness.api.cloud.clock.offsetMs;
    const caseId = await caseAtBooking();
    const booked = await harness.invokeStep('bookTravel', { caseId });
    expect(booked.result).toMatchObject({ caseId, status: 'AWAITING_DEPARTURE', bookedBy: 'provider' });
    const { departureAt } = booked.result as { departureAt: string };
    expect(departureAt.slice(0, 10)).toBe(new Date(now + 3 * 86_400_000).toISOString().slice(0, 10));
    const record = await harness.cases.getForSystem(caseId);
    expect(record.booking?.legs?.map((leg) => leg.to.country)).toEqual(['GT', 'HN']);
    expect(record.booking?.escortSeat).toBe(true);

    expect((await harness.invokeStep('cancelBooking', { caseId, reason: 'CaseWithdrawn' })).result).toEqual({
      caseId,
      cancelled: true,
      bookedBy: 'provider',
    });
    const read = await fetch(
      `${harness.api.cloud.urls.travelProvider}/bookings/${record.booking?.reference}`,
    );
    expect(await read.json()).toMatchObject({ status: 'cancelled' });
  });

  it('fails the step by the names the workflow matches, as the switches say', async () => {
    const caseId = await caseAtBooking();
    await failures('POST', { transient: 1 });
    expect((await harness.invokeStep('bookTravel', { caseId })).errorType).toBe(
      'TravelProviderUnavailableError',
    );
    await failures('POST', { permanent: true });
    expect(await harness.invokeStep('bookTravel', { caseId })).toMatchObject({
      errorType: 'TravelBookingRefusedError',
      errorMessage: expect.stringMatching(/no_seats/),
    });
    await failures('DELETE');
    expect((await harness.cases.getForSystem(caseId)).booking).toMatchObject({
      status: 'failed',
      failureReason: 'no_seats',
    });
    expect((await harness.invokeStep('bookTravel', { caseId })).result).toMatchObject({
      status: 'AWAITING_DEPARTURE',
    });
  });
});
