/**
 * Calendar dates (YYYY-MM-DD) and instants. A date is checked for real (no 2024-02-30), and
 * fields that record something that has happened (a birth, a consent) refuse the future.
 */
import * as z from 'zod';

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** True for a YYYY-MM-DD string naming a day that exists in the Gregorian calendar. */
export function isCalendarDate(value: string): boolean {
  if (!DATE_SHAPE.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this month; UTC avoids DST surprises.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= lastDay;
}

/**
 * The latest calendar date anywhere on Earth right now (UTC+14). Checking "not in the future"
 * against it means a date that is already today in the consulate's time zone is never refused.
 */
export function latestTodayOnEarth(now: Date = new Date()): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/** Adds days to a calendar date. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole years completed between a date of birth and a later date (birthday counts on the day). */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/** A real calendar date, YYYY-MM-DD. */
export const calendarDateSchema = /* @__PURE__ */ (() =>
  z
    .string({ error: 'must be a date written YYYY-MM-DD' })
    .regex(DATE_SHAPE, { message: 'must be a date written YYYY-MM-DD', abort: true })
    .refine(isCalendarDate, {
      message: 'must be a real calendar date',
      params: { rule: 'calendar_date' },
      abort: true,
    })
    .meta({ format: 'date', example: '2024-05-17' }))();

/**
 * A real calendar date that is not after today. `today` is read when parsing, so the rule moves
 * with the clock; pass a fixed one in tests.
 */
export function pastOrTodaySchema(today: () => string = latestTodayOnEarth) {
  return calendarDateSchema.refine((value) => value <= today(), {
    message: 'must not be in the future',
    params: { rule: 'not_future' },
  });
}

/** A date that has already happened (birth, consent, decision), with the default clock. */
export const pastDateSchema = /* @__PURE__ */ (() =>
  pastOrTodaySchema().refine((value) => value >= '1900-01-01', {
    message: 'must be on or after 1900-01-01',
    params: { rule: 'date_range' },
  }))();

/** An instant in ISO 8601 with an offset, e.g. 2024-05-17T09:30:00Z. */
export const instantSchema = /* @__PURE__ */ (() =>
  z.iso.datetime({ offset: true }).meta({ example: '2024-05-17T09:30:00Z' }))();
