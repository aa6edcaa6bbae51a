import { bookingSchema } from '../../../shared/contracts/case';
import { completionFormSchemaFor } from '../../../shared/contracts/task';
import { travelFailureSwitchesSchema, travelTripSchema } from '../../../shared/contracts/travel';
import { failures } from '../../support/field-issues';

const leg = (from: string, to: string, departureAt: string, arrivalAt: string) => ({
  from: { country: 'MX', city: from },
  to: { country: 'GT', city: to },
  mode: 'land',
  carrier: 'Tica Bus',
  departureAt,
  arrivalAt,
});

const FORM = {
  provider: 'TICA Bus',
  reference: 'TB-4471',
  departureAt: '2024-06-01T12:00:00Z',
  arrivalAt: '2024-06-02T16:00:00Z',
  cost: 145.5,
};

describe('the travel contracts', () => {
  it('takes a manual booking’s legs in travel order, from its departure to its arrival', () => {
    const form = completionFormSchemaFor('manual_booking');
    const inOrder = [
      leg('Tapachula', 'Guatemala City', '2024-06-01T12:00:00Z', '2024-06-01T20:00:00Z'),
      leg('Guatemala City', 'San Pedro Sula', '2024-06-02T06:00:00Z', '2024-06-02T16:00:00Z'),
    ];
    expect(failures(form, { ...FORM, legs: inOrder, escortSeat: true })).toEqual([]);
    const overlapping = [inOrder[0], { ...inOrder[1], departureAt: '2024-06-01T19:00:00Z' }];
    expect(failures(form, { ...FORM, legs: overlapping })).toEqual(['legs.1.departureAt: legs_in_order']);
    const late = [{ ...inOrder[0], departureAt: '2024-06-01T13:00:00Z' }, inOrder[1]];
    expect(failures(form, { ...FORM, legs: late })).toEqual(['legs.0.departureAt: first_leg_departure']);
    expect(failures(form, { ...FORM, legs: [] })).toEqual(['legs: too_small']);
    expect(failures(form, { ...FORM, escortSeat: 'yes' })).toEqual(['escortSeat: invalid_type']);
  });

  it('still reads a booking recorded before legs, escort seats and attempts', () => {
    const old = {
      status: 'booked',
      bookedBy: 'manual',
      provider: 'TICA Bus',
      reference: 'TB-1',
      costUsd: 80,
    };
    expect(bookingSchema.parse(old)).toEqual(old);
  });

  it('refuses a trip that names more than places, dates and seats', () => {
    const trip = {
      caseId: 'RET-1',
      bookingKey: 'RET-1#1',
      mode: 'air',
      from: { country: 'MX', city: 'Tapachula' },
      to: { country: 'HN', city: 'San Pedro Sula' },
      transitCountries: [],
      needs: { escortSeat: false, wheelchairAssistance: false },
    };
    expect(failures(travelTripSchema, trip)).toEqual([]);
    expect(failures(travelTripSchema, { ...trip, traveller: { givenNames: 'María' } })).toEqual([
      'traveller: unrecognized_keys',
    ]);
    expect(failures(travelTripSchema, { ...trip, bookingKey: 'RET-1' })).toEqual([
      'bookingKey: invalid_format',
    ]);
  });

  it('names the failure switches’ rules', () => {
    expect(failures(travelFailureSwitchesSchema, { transient: 2, permanent: 'no_seats' })).toEqual([]);
    expect(failures(travelFailureSwitchesSchema, { transient: -1, permanent: 'maybe' })).toEqual([
      'transient: too_small',
      'permanent: invalid_union',
    ]);
  });
});
