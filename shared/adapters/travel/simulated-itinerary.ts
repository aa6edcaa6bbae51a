/**
 * The simulated provider's itineraries: plausible, deterministic journeys between two cities for
 * a route's mode, so that demos and tests show something a coordinator would recognise.
 *   air   one flight, or two through a hub (Mexico City north of Guatemala, Panama City south)
 *   land  a bus from the city of departure through the main city of each transit country, home
 *   sea   one ferry
 * Departure is a few days out: three days from now, or the earliest departure if later. Durations
 * and fares come from the great-circle distance between the countries' main cities (a city the
 * table does not know is placed at its country's main city). An escort's seat doubles the fare.
 */
import type { RouteMode } from '../../contracts/case-request';
import { addDays } from '../../contracts/dates';
import type { TravelLeg, TravelQuote, TravelTrip, TripPlace } from '../../contracts/travel';
import type { CountryCode } from '../../countries';
import { TravelBookingRefusedError } from '../../travel/travel-errors';

/** The name the simulated provider gives itself on every itinerary. */
export const SIMULATED_PROVIDER = 'Retorno simulated travel provider';

interface Stop {
  readonly country: string;
  readonly city: string;
  readonly lat: number;
  readonly lon: number;
}

/** Each member state's main city (capital, or the usual gateway), with its coordinates. */
const MAIN_CITIES: Readonly<Record<CountryCode, Stop>> = {
  BZ: { country: 'BZ', city: 'Belize City', lat: 17.5, lon: -88.2 },
  CA: { country: 'CA', city: 'Toronto', lat: 43.65, lon: -79.38 },
  CR: { country: 'CR', city: 'San José', lat: 9.93, lon: -84.08 },
  DO: { country: 'DO', city: 'Santo Domingo', lat: 18.49, lon: -69.93 },
  SV: { country: 'SV', city: 'San Salvador', lat: 13.69, lon: -89.22 },
  GT: { country: 'GT', city: 'Guatemala City', lat: 14.63, lon: -90.51 },
  HN: { country: 'HN', city: 'Tegucigalpa', lat: 14.07, lon: -87.19 },
  MX: { country: 'MX', city: 'Mexico City', lat: 19.43, lon: -99.13 },
  NI: { country: 'NI', city: 'Managua', lat: 12.11, lon: -86.24 },
  PA: { country: 'PA', city: 'Panama City', lat: 8.98, lon: -79.52 },
  US: { country: 'US', city: 'Houston', lat: 29.76, lon: -95.37 },
};

/** Cities the requests often name, so their legs get their own distances. Keys are folded names. */
const KNOWN_CITIES: Readonly<Record<string, { readonly lat: number; readonly lon: number }>> = {
  tapachula: { lat: 14.91, lon: -92.26 },
  tijuana: { lat: 32.51, lon: -117.04 },
  'ciudad juarez': { lat: 31.69, lon: -106.42 },
  monterrey: { lat: 25.69, lon: -100.32 },
  'san pedro sula': { lat: 15.5, lon: -88.03 },
  quetzaltenango: { lat: 14.83, lon: -91.52 },
  'san miguel': { lat: 13.48, lon: -88.18 },
  'santa ana': { lat: 13.99, lon: -89.56 },
  leon: { lat: 12.43, lon: -86.88 },
  david: { lat: 8.43, lon: -82.43 },
  'puerto limon': { lat: 9.99, lon: -83.03 },
};

/** Other names of the hub cities, folded. */
const HUB_NAMES: Readonly<Record<'MX' | 'PA', readonly string[]>> = {
  MX: ['mexico city', 'ciudad de mexico', 'cdmx', 'mexico df'],
  PA: ['panama city', 'ciudad de panama', 'panama'],
};

/** The airline flying out of each hub. */
const HUB_CARRIERS = { MX: 'Aeroméxico', PA: 'Copa Airlines' } as const;

/** Countries whose flights connect in Mexico City; the rest connect in Panama City. */
const NORTHERN: readonly string[] = ['CA', 'US', 'MX'];

interface ModeRules {
  /** Hour of the first departure, UTC (early morning in Central America). */
  readonly startsAt: string;
  readonly kmPerHour: number;
  readonly overheadMinutes: number;
  readonly minimumMinutes: number;
  /** Time between arriving on one leg and leaving on the next. */
  readonly connectionMinutes: number;
  /** Fare of one seat on one leg: a base and a rate per kilometre, in cents. */
  readonly baseCents: number;
  readonly centsPerKm: number;
}

const MODE_RULES: Readonly<Record<RouteMode, ModeRules>> = {
  air: {
    startsAt: '13:30:00Z',
    kmPerHour: 750,
    overheadMinutes: 30,
    minimumMinutes: 75,
    connectionMinutes: 150,
    baseCents: 8500,
    centsPerKm: 9,
  },
  land: {
    startsAt: '12:00:00Z',
    kmPerHour: 55,
    overheadMinutes: 30,
    minimumMinutes: 120,
    connectionMinutes: 60,
    baseCents: 2000,
    centsPerKm: 4.5,
  },
  sea: {
    startsAt: '14:00:00Z',
    kmPerHour: 28,
    overheadMinutes: 60,
    minimumMinutes: 180,
    connectionMinutes: 0,
    baseCents: 4000,
    centsPerKm: 7,
  },
};

const MINUTE_MS = 60_000;

/** Lower case, without accents or extra spaces, so that `Ciudad de México` finds `ciudad de mexico`. */
function fold(city: string): string {
  return city
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function stopOf(place: TripPlace): Stop {
  const known = KNOWN_CITIES[fold(place.city)] ?? MAIN_CITIES[place.country];
  return { country: place.country, city: place.city, lat: known.lat, lon: known.lon };
}

function isHub(stop: Stop, hub: 'MX' | 'PA'): boolean {
  return stop.country === hub && HUB_NAMES[hub].includes(fold(stop.city));
}

function samePlace(a: Stop, b: Stop): boolean {
  return a.country === b.country && fold(a.city) === fold(b.city);
}

/** Great-circle distance in kilometres. */
function distanceKm(a: Stop, b: Stop): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** The places the journey stops at, in order, and who carries each leg. */
function plan(trip: TravelTrip, from: Stop, to: Stop): { stops: Stop[]; carrier: (leg: Stop) => string } {
  if (trip.mode === 'air') {
    const hub = NORTHERN.includes(from.country) || NORTHERN.includes(to.country) ? 'MX' : 'PA';
    const direct = isHub(from, hub) || isHub(to, hub);
    return {
      stops: direct ? [from, to] : [from, MAIN_CITIES[hub], to],
      carrier: () => HUB_CARRIERS[hub],
    };
  }
  if (trip.mode === 'land') {
    const stops = [from];
    for (const country of trip.transitCountries) {
      const next = MAIN_CITIES[country];
      if (!samePlace(stops[stops.length - 1]!, next) && !samePlace(next, to)) stops.push(next);
    }
    stops.push(to);
    const carrier = (leg: Stop) =>
      leg.country === 'MX' ? 'ADO' : leg.country === 'US' || leg.country === 'CA' ? 'Greyhound' : 'Tica Bus';
    return { stops, carrier };
  }
  return { stops: [from, to], carrier: () => 'Ferry del Golfo' };
}

/** Rounds a duration up to whole five minutes, as timetables are written. */
function minutesFor(km: number, rules: ModeRules): number {
  const minutes = Math.max(rules.minimumMinutes, (km / rules.kmPerHour) * 60 + rules.overheadMinutes);
  return Math.ceil(minutes / 5) * 5;
}

/**
 * The itinerary the simulated provider offers for the trip at `now`.
 * @throws TravelBookingRefusedError `no_route` when the trip goes nowhere (the same city)
 */
export function simulateItinerary(trip: TravelTrip, now: Date): TravelQuote {
  const from = stopOf(trip.from);
  const to = stopOf(trip.to);
  if (samePlace(from, to)) {
    throw new TravelBookingRefusedError(
      'no_route',
      `no ${trip.mode} route: the trip starts and ends in one city`,
    );
  }
  const rules = MODE_RULES[trip.mode];
  const soonest = addDays(now.toISOString().slice(0, 10), 3);
  const day =
    trip.earliestDeparture !== undefined && trip.earliestDeparture > soonest
      ? trip.earliestDeparture
      : soonest;
  const seats = trip.needs.escortSeat ? 2 : 1;

  const { stops, carrier } = plan(trip, from, to);
  const legs: TravelLeg[] = [];
  let departs = Date.parse(`${day}T${rules.startsAt}`);
  let costCents = 0;
  for (let index = 1; index < stops.length; index++) {
    const start = stops[index - 1]!;
    const end = stops[index]!;
    const km = distanceKm(start, end);
    const arrives = departs + minutesFor(km, rules) * MINUTE_MS;
    legs.push({
      from: { country: start.country, city: start.city },
      to: { country: end.country, city: end.city },
      mode: trip.mode,
      carrier: carrier(start),
      departureAt: new Date(departs).toISOString(),
      arrivalAt: new Date(arrives).toISOString(),
    });
    costCents += seats * Math.round(rules.baseCents + rules.centsPerKm * km);
    departs = arrives + rules.connectionMinutes * MINUTE_MS;
  }
  return {
    provider: SIMULATED_PROVIDER,
    departureAt: legs[0]!.departureAt,
    arrivalAt: legs[legs.length - 1]!.arrivalAt,
    legs,
    escortSeat: trip.needs.escortSeat,
    costUsd: costCents / 100,
  };
}
