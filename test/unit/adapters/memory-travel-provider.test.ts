import { MemoryTravelProvider } from '../../../shared/adapters/memory';
import { travelProviderContract } from '../../contract/travel-provider.contract';

const NOW = new Date('2024-05-01T12:00:00.000Z');

travelProviderContract('MemoryTravelProvider', () => {
  const provider = new MemoryTravelProvider({ now: () => NOW });
  return {
    provider,
    now: NOW,
    setFailures: async (switches) => void provider.setFailures(switches),
    clearFailures: async () => void provider.clearFailures(),
  };
});

describe('the simulated provider’s bookings', () => {
  it('hands every booking and cancellation to onChange before answering, and starts from kept bookings', async () => {
    const saved: unknown[][] = [];
    const provider = new MemoryTravelProvider({
      now: () => NOW,
      onChange: async (bookings) => {
        saved.push([...bookings]);
      },
    });
    const trip = {
      caseId: 'RET-KEPT',
      bookingKey: 'RET-KEPT#1',
      mode: 'air' as const,
      from: { country: 'GT' as const, city: 'Guatemala City' },
      to: { country: 'HN' as const, city: 'Tegucigalpa' },
      transitCountries: [],
      needs: { escortSeat: false, wheelchairAssistance: false },
    };
    const booking = await provider.book(trip);
    expect(saved).toHaveLength(1);
    await provider.cancel(booking.reference);
    expect(saved).toHaveLength(2);
    await provider.book(trip).catch(() => undefined);
    expect(saved).toHaveLength(2);

    const restarted = new MemoryTravelProvider({ now: () => NOW, bookings: saved[1] as never });
    expect(restarted.find(booking.reference)?.cancelledAt).toBe(NOW.toISOString());
    await expect(restarted.book(trip)).rejects.toMatchObject({ code: 'booking_cancelled' });
  });

  it('connects flights south of Mexico through Panama City on Copa', async () => {
    const quote = await new MemoryTravelProvider({ now: () => NOW }).quote({
      caseId: 'RET-SOUTH',
      bookingKey: 'RET-SOUTH#1',
      mode: 'air',
      from: { country: 'CR', city: 'San José' },
      to: { country: 'DO', city: 'Santiago' },
      transitCountries: [],
      needs: { escortSeat: false, wheelchairAssistance: false },
    });
    expect(quote.legs.map((leg) => `${leg.from.city}>${leg.to.city} ${leg.carrier}`)).toEqual([
      'San José>Panama City Copa Airlines',
      'Panama City>Santiago Copa Airlines',
    ]);
    expect(quote.departureAt).toBe('2024-05-04T13:30:00.000Z');
  });
});
