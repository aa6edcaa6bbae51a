import { MemoryTravelProvider } from '../../../shared/adapters/memory';
import type { CaseRecord } from '../../../shared/cases/case-record';
import type { CaseRequest } from '../../../shared/contracts/case-request';
import type { ManualBookingForm } from '../../../shared/contracts/task';
import type { TravelTrip } from '../../../shared/contracts/travel';
import type { TravelProvider } from '../../../shared/ports/travel-provider';
import type { Principal } from '../../../shared/roles';
import {
  bookingKeyOf,
  bookTravel,
  cancelBooking,
  recordManualBooking,
  tripOf,
} from '../../../shared/travel/booking';
import {
  ManualBookingMissingError,
  TravelBookingRefusedError,
  TravelProviderUnavailableError,
} from '../../../shared/travel/travel-errors';
import { caseDetail } from '../../../shared/use-cases/case-answers';
import { CaseAlreadyFinalError, InvalidCaseTransitionError } from '../../../shared/workflow/workflow-errors';
import { caseRecord, caseRequest } from '../cases/case-fixture';
import { auditActions, type MemoryServices, memoryServices, NOW } from '../use-cases/memory-services';

const OPERATIONS: Principal = { subject: 'ops-1', username: 'operations', role: 'operations' };

let services: MemoryServices;
let travel: MemoryTravelProvider;
let counter = 0;
const deps = () => ({ ...services, travel });

beforeEach(() => {
  services = memoryServices();
  travel = new MemoryTravelProvider({ now: services.now });
});

/** A case of its own at `status`, going home by `request` (the fixture: an adult, overland via GT). */
async function caseAt(
  status: CaseRecord['status'] = 'BOOKING',
  request: CaseRequest = caseRequest(),
): Promise<string> {
  counter += 1;
  const caseId = `RET-BOOK${counter}`;
  await services.adapters.cases.create(caseRecord({ caseId, status, request }), { personKeys: [] });
  return caseId;
}

/** A 14-year-old travelling alone, with no escort asked for in the needs. */
function childRequest(): CaseRequest {
  const request = caseRequest({ vulnerabilities: ['unaccompanied_child'] });
  return {
    ...request,
    migrant: { ...request.migrant, dateOfBirth: '2010-02-01' },
    route: { mode: 'air', transitCountries: [] },
  };
}

/** The provider, with every trip it is asked to book kept. */
function recording(provider: TravelProvider): { provider: TravelProvider; trips: TravelTrip[] } {
  const trips: TravelTrip[] = [];
  return {
    trips,
    provider: {
      quote: (trip) => provider.quote(trip),
      book: (trip) => {
        trips.push(trip);
        return provider.book(trip);
      },
      cancel: (reference) => provider.cancel(reference),
    },
  };
}

/** Operations completes the case's manual_booking task with the form, as the API would. */
async function manualBookingTask(caseId: string, form: ManualBookingForm | undefined): Promise<string> {
  const { task } = await services.tasks.create({
    caseId,
    kind: 'manual_booking',
    assignee: { role: 'operations' },
    dueAt: '2024-05-03T12:00:00.000Z',
  });
  if (form) await services.tasks.complete(task.taskId, OPERATIONS, form, 'consul-hn');
  return task.taskId;
}

const MANUAL_FORM: ManualBookingForm = {
  provider: 'Agencia Centroamericana',
  reference: 'AC-5521',
  departureAt: '2024-05-06T12:00:00.000Z',
  arrivalAt: '2024-05-06T23:00:00.000Z',
  cost: 95.5,
  escortSeat: false,
  legs: [
    {
      from: { country: 'MX', city: 'Tapachula' },
      to: { country: 'GT', city: 'Guatemala City' },
      mode: 'land',
      carrier: 'Tica Bus',
      departureAt: '2024-05-06T12:00:00.000Z',
      arrivalAt: '2024-05-06T17:00:00.000Z',
    },
    {
      from: { country: 'GT', city: 'Guatemala City' },
      to: { country: 'HN', city: 'San Pedro Sula' },
      mode: 'land',
      carrier: 'Hedman Alas',
      departureAt: '2024-05-06T18:00:00.000Z',
      arrivalAt: '2024-05-06T23:00:00.000Z',
    },
  ],
};

describe('booking travel', () => {
  it('books once however often the step runs, and the case awaits departure with the itinerary', async () => {
    const caseId = await caseAt();
    const first = await bookTravel(deps(), { caseId });
    const again = await bookTravel(deps(), { caseId });
    expect(again).toEqual(first);
    expect(first).toMatchObject({ caseId, status: 'AWAITING_DEPARTURE', bookedBy: 'provider' });
    expect(first.departureAt.slice(0, 10)).toBe('2024-05-04');

    const record = await services.cases.getForSystem(caseId);
    expect(record.status).toBe('AWAITING_DEPARTURE');
    expect(record.booking).toMatchObject({
      status: 'booked',
      bookedBy: 'provider',
      reference: first.reference,
      attempt: 1,
      escortSeat: false,
      bookedAt: NOW.toISOString(),
    });
    expect(record.booking?.legs?.map((leg) => leg.to.city)).toEqual(['Guatemala City', 'San Pedro Sula']);
    expect(record.timeline.filter((entry) => entry.event === 'travel_booked')).toHaveLength(1);
    expect((await auditActions(services, caseId)).filter((a) => a === 'travel.booked')).toHaveLength(1);
  });

  it('answers the seat a step that died after booking had already taken', async () => {
    const caseId = await caseAt();
    const record = await services.cases.getForSystem(caseId);
    const taken = await travel.book(tripOf(record, bookingKeyOf(caseId, 1)));
    expect((await bookTravel(deps(), { caseId })).reference).toBe(taken.reference);
  });

  it('audits a booking and its cancellation once when the step died between the audit and the case write', async () => {
    const caseId = await caseAt();
    const killed = () => {
      const cases = Object.create(services.cases) as typeof services.cases;
      cases.mutate = async () => {
        throw new Error('killed');
      };
      return { ...deps(), cases };
    };
    await expect(bookTravel(killed(), { caseId })).rejects.toThrow('killed');
    const { reference } = await bookTravel(deps(), { caseId });
    await expect(cancelBooking(killed(), { caseId, reason: 'CaseWithdrawn' })).rejects.toThrow('killed');
    await cancelBooking(deps(), { caseId, reason: 'CaseWithdrawn' });

    const entries = (await services.audit.entries(caseId, { limit: 100 })).items;
    expect(entries.map((entry) => [entry.action, entry.details.reference, entry.details.attempt])).toEqual([
      ['travel.booked', reference, 1],
      ['travel.booking_cancelled', reference, 1],
    ]);
    const record = await services.cases.getForSystem(caseId);
    expect(record.booking).toMatchObject({ status: 'cancelled', reference });
  });

  it('tells the provider places, dates and seats, and nothing about the person', async () => {
    const caseId = await caseAt();
    const { provider, trips } = recording(travel);
    await bookTravel({ ...services, travel: provider }, { caseId });
    expect(trips).toEqual([
      {
        caseId,
        bookingKey: `${caseId}#1`,
        mode: 'land',
        from: { country: 'MX', city: 'Tapachula' },
        to: { country: 'HN', city: 'San Pedro Sula' },
        transitCountries: ['GT'],
        needs: { escortSeat: false, wheelchairAssistance: false },
      },
    ]);
    const sent = JSON.stringify(trips);
    for (const personal of ['María', 'López', '1990-03-14', 'E1234567', 'violence', 'Colonia', 'trauma']) {
      expect(sent).not.toContain(personal);
    }
  });

  it('books an escort seat for a child, and for an adult whose needs ask for an escort', async () => {
    const child = await caseAt('BOOKING', childRequest());
    expect((await services.cases.getForSystem(child)).booking).toBeUndefined();
    await bookTravel(deps(), { caseId: child });
    expect((await services.cases.getForSystem(child)).booking?.escortSeat).toBe(true);

    const medical = caseRequest();
    const escorted = await caseAt('BOOKING', {
      ...medical,
      needs: { ...medical.needs, medicalEscort: true },
    });
    await bookTravel(deps(), { caseId: escorted });
    expect((await services.cases.getForSystem(escorted)).booking?.escortSeat).toBe(true);
  });

  it('leaves the case as it was when the provider is unavailable, so the retry books it', async () => {
    const caseId = await caseAt();
    travel.setFailures({ transient: 1 });
    await expect(bookTravel(deps(), { caseId })).rejects.toThrow(TravelProviderUnavailableError);
    const untouched = await services.cases.getForSystem(caseId);
    expect(untouched.status).toBe('BOOKING');
    expect(untouched.booking).toBeUndefined();
    expect((await bookTravel(deps(), { caseId })).status).toBe('AWAITING_DEPARTURE');
  });

  it('records a refusal on the case once, with its code, and throws it for the workflow to catch', async () => {
    const caseId = await caseAt();
    travel.setFailures({ permanent: true });
    await expect(bookTravel(deps(), { caseId })).rejects.toThrow(TravelBookingRefusedError);
    await expect(bookTravel(deps(), { caseId })).rejects.toMatchObject({ code: 'no_seats' });
    const record = await services.cases.getForSystem(caseId);
    expect(record.status).toBe('BOOKING');
    expect(record.booking).toEqual({
      status: 'failed',
      bookedBy: 'provider',
      attempt: 1,
      failureReason: 'no_seats',
    });
    expect(record.timeline.filter((entry) => entry.event === 'travel_booking_refused')).toHaveLength(1);
    expect((await auditActions(services, caseId)).filter((a) => a === 'travel.booking_refused')).toHaveLength(
      1,
    );
  });

  it('refuses a final case, and a case not yet at BOOKING, without asking the provider', async () => {
    const { provider, trips } = recording(travel);
    const withdrawn = await caseAt('WITHDRAWN');
    await expect(bookTravel({ ...services, travel: provider }, { caseId: withdrawn })).rejects.toThrow(
      CaseAlreadyFinalError,
    );
    const early = await caseAt('AWAITING_APPROVALS');
    await expect(bookTravel({ ...services, travel: provider }, { caseId: early })).rejects.toThrow(
      InvalidCaseTransitionError,
    );
    expect(trips).toEqual([]);
  });

  it('gives the seat back when a withdrawal lands while the provider books', async () => {
    const caseId = await caseAt();
    let reference = '';
    const withdrawing: TravelProvider = {
      quote: (trip) => travel.quote(trip),
      cancel: (ref) => travel.cancel(ref),
      book: async (trip) => {
        const booking = await travel.book(trip);
        reference = booking.reference;
        await services.cases.mutate(caseId, () => ({ changes: { status: 'WITHDRAWN' } }));
        return booking;
      },
    };
    await expect(bookTravel({ ...services, travel: withdrawing }, { caseId })).rejects.toThrow(
      CaseAlreadyFinalError,
    );
    expect(travel.find(reference)?.cancelledAt).toBe(NOW.toISOString());
    const record = await services.cases.getForSystem(caseId);
    expect(record.status).toBe('WITHDRAWN');
    expect(record.booking).toMatchObject({ status: 'cancelled', reference, cancelledAt: NOW.toISOString() });
  });
});

describe('recording a manual booking', () => {
  it('puts the itinerary operations entered on the case, once, with who entered it', async () => {
    const caseId = await caseAt();
    travel.setFailures({ permanent: 'no_route' });
    await expect(bookTravel(deps(), { caseId })).rejects.toThrow(TravelBookingRefusedError);
    const taskId = await manualBookingTask(caseId, MANUAL_FORM);

    const recorded = await recordManualBooking(deps(), { caseId, taskId });
    expect(await recordManualBooking(deps(), { caseId, taskId })).toEqual(recorded);
    expect(recorded).toEqual({
      caseId,
      status: 'AWAITING_DEPARTURE',
      bookedBy: 'manual',
      reference: 'AC-5521',
      departureAt: MANUAL_FORM.departureAt,
      arrivalAt: MANUAL_FORM.arrivalAt,
    });
    const record = await services.cases.getForSystem(caseId);
    expect(record.booking).toMatchObject({
      status: 'booked',
      bookedBy: 'manual',
      provider: 'Agencia Centroamericana',
      costUsd: 95.5,
      escortSeat: false,
      legs: MANUAL_FORM.legs,
      recordedBy: { subject: 'ops-1', username: 'operations', role: 'operations' },
    });
    const entries = record.timeline.filter((entry) => entry.event === 'travel_booked_manually');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor).toMatchObject({ username: 'operations' });
    expect((await auditActions(services, caseId)).filter((a) => a === 'travel.booked')).toHaveLength(1);
  });

  it('refuses a task that holds no booking: still open, or another case’s', async () => {
    const caseId = await caseAt();
    const open = await manualBookingTask(caseId, undefined);
    await expect(recordManualBooking(deps(), { caseId, taskId: open })).rejects.toThrow(
      ManualBookingMissingError,
    );
    const other = await caseAt();
    const othersTask = await manualBookingTask(other, MANUAL_FORM);
    await expect(recordManualBooking(deps(), { caseId, taskId: othersTask })).rejects.toThrow(
      ManualBookingMissingError,
    );
    expect((await services.cases.getForSystem(caseId)).status).toBe('BOOKING');
  });
});

describe('cancelling a booking', () => {
  it('cancels with the provider and on the case once, however often the compensation runs', async () => {
    const caseId = await caseAt();
    const { reference } = await bookTravel(deps(), { caseId });
    const first = await cancelBooking(deps(), { caseId, reason: 'CaseWithdrawn' });
    expect(await cancelBooking(deps(), { caseId, reason: 'CaseWithdrawn' })).toEqual(first);
    expect(first).toEqual({ caseId, cancelled: true, bookedBy: 'provider' });
    expect(travel.find(reference)?.cancelledAt).toBeDefined();
    const record = await services.cases.getForSystem(caseId);
    expect(record.booking).toMatchObject({ status: 'cancelled', reference, legs: expect.any(Array) });
    expect(record.timeline.filter((entry) => entry.event === 'travel_booking_cancelled')).toHaveLength(1);
    expect(
      (await auditActions(services, caseId)).filter((a) => a === 'travel.booking_cancelled'),
    ).toHaveLength(1);
  });

  it('books a cancelled booking’s case again only as its next attempt, keeping the cancellation', async () => {
    const caseId = await caseAt();
    const first = await bookTravel(deps(), { caseId });
    await cancelBooking(deps(), { caseId, reason: 'FlightCancelled' });
    await services.cases.mutate(caseId, () => ({ changes: { status: 'BOOKING' } }));
    await expect(bookTravel(deps(), { caseId })).rejects.toMatchObject({ code: 'booking_cancelled' });
    expect((await services.cases.getForSystem(caseId)).booking).toMatchObject({
      status: 'cancelled',
      reference: first.reference,
    });
    const second = await bookTravel(deps(), { caseId, attempt: 2 });
    expect(second.reference).not.toBe(first.reference);
    expect((await services.cases.getForSystem(caseId)).booking).toMatchObject({
      status: 'booked',
      attempt: 2,
    });
  });

  it('answers cancelled: false for a case with nothing booked, refused or not', async () => {
    const never = await caseAt();
    expect(await cancelBooking(deps(), { caseId: never, reason: 'CaseWithdrawn' })).toEqual({
      caseId: never,
      cancelled: false,
    });
    const refused = await caseAt();
    travel.setFailures({ permanent: true });
    await bookTravel(deps(), { caseId: refused }).catch(() => undefined);
    expect(await cancelBooking(deps(), { caseId: refused, reason: 'CaseWithdrawn' })).toMatchObject({
      cancelled: false,
    });
  });

  it('voids a manual booking on the case for operations to cancel, without asking the provider', async () => {
    const caseId = await caseAt();
    await recordManualBooking(deps(), { caseId, taskId: await manualBookingTask(caseId, MANUAL_FORM) });
    const asked: string[] = [];
    const provider: TravelProvider = {
      quote: (trip) => travel.quote(trip),
      book: (trip) => travel.book(trip),
      cancel: (reference) => {
        asked.push(reference);
        return travel.cancel(reference);
      },
    };
    expect(
      await cancelBooking({ ...services, travel: provider }, { caseId, reason: 'CaseWithdrawn' }),
    ).toEqual({
      caseId,
      cancelled: true,
      bookedBy: 'manual',
    });
    expect(asked).toEqual([]);
    const record = await services.cases.getForSystem(caseId);
    expect(record.booking?.status).toBe('cancelled');
    expect(record.timeline.at(-1)?.en).toMatch(/operations must cancel it/);
  });

  it('keeps a transient failure of the provider for the retry, the booking still booked', async () => {
    const caseId = await caseAt();
    await bookTravel(deps(), { caseId });
    travel.setFailures({ transient: 1 });
    await expect(cancelBooking(deps(), { caseId, reason: 'CaseWithdrawn' })).rejects.toThrow(
      TravelProviderUnavailableError,
    );
    expect((await services.cases.getForSystem(caseId)).booking?.status).toBe('booked');
    expect((await cancelBooking(deps(), { caseId, reason: 'CaseWithdrawn' })).cancelled).toBe(true);
  });
});

describe('who sees the booking', () => {
  it('shows the itinerary, legs and escort seat to operations, and only the status to the reintegration officer', async () => {
    const caseId = await caseAt();
    await bookTravel(deps(), { caseId });
    const record = await services.cases.getForSystem(caseId);
    const operations = caseDetail(record, OPERATIONS).detail.booking;
    expect(operations).toMatchObject({
      reference: expect.any(String),
      legs: expect.any(Array),
      escortSeat: false,
    });
    const reintegration = caseDetail(record, {
      subject: 'reint-hn',
      username: 'reintegration.hn',
      role: 'reintegration',
      country: 'HN',
    }).detail.booking;
    expect(reintegration).toEqual({
      status: 'booked',
      bookedBy: 'provider',
      attempt: 1,
      bookedAt: NOW.toISOString(),
    });
  });
});
