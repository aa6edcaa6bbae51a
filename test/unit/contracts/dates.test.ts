import {
  addDays,
  ageOn,
  calendarDateSchema,
  isCalendarDate,
  latestTodayOnEarth,
  pastDateSchema,
  pastOrTodaySchema,
} from '../../../shared/contracts/dates';
import { failures } from '../../support/field-issues';

describe('calendar dates', () => {
  it('accepts real dates, including 29 February in a leap year', () => {
    for (const date of ['2024-02-29', '2000-02-29', '1999-12-31', '2023-01-01'])
      expect(isCalendarDate(date)).toBe(true);
  });

  it('refuses days that do not exist with the rule calendar_date', () => {
    for (const date of [
      '2024-02-30',
      '2023-02-29',
      '1900-02-29',
      '2024-04-31',
      '2024-13-01',
      '2024-00-10',
      '2024-01-00',
    ]) {
      expect(failures(calendarDateSchema, date)).toEqual(['body: calendar_date']);
    }
  });

  it('refuses other spellings with the rule invalid_format, and non-strings as the wrong type', () => {
    for (const date of ['17/05/2024', '2024-5-17', '2024-05-17T00:00:00Z', '']) {
      expect(failures(calendarDateSchema, date)).toEqual(['body: invalid_format']);
    }
    expect(failures(calendarDateSchema, 20240517)).toEqual(['body: invalid_type']);
  });

  it('refuses a future date where the field records the past, with the rule not_future', () => {
    const schema = pastOrTodaySchema(() => '2024-05-17');
    expect(schema.safeParse('2024-05-17').success).toBe(true);
    expect(failures(schema, '2024-05-18')).toEqual(['body: not_future']);
  });

  it('checks "not in the future" against the clock at parse time', () => {
    const tomorrowEverywhere = addDays(latestTodayOnEarth(), 1);
    expect(failures(pastDateSchema, tomorrowEverywhere)).toEqual(['body: not_future']);
    expect(pastDateSchema.safeParse('2001-09-11').success).toBe(true);
  });

  it('refuses dates before 1900 as out of range', () => {
    expect(failures(pastDateSchema, '1899-12-31')).toEqual(['body: date_range']);
  });

  it('counts age in completed years, the birthday counting on the day', () => {
    expect(ageOn('1954-05-17', '2024-05-16')).toBe(69);
    expect(ageOn('1954-05-17', '2024-05-17')).toBe(70);
    expect(ageOn('2006-05-18', '2024-05-17')).toBe(17);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });

  it('adds days across months and leap years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 30)).toBe('2025-01-30');
  });
});
