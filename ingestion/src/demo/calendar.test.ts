import { describe, expect, it } from 'vitest';
import { dayOfIsoDate, isoDateOfDay, onWeekday, parisDateTime, yyyymmddOfDay } from './calendar';

describe('calendar', () => {
  it('round-trips ISO dates and writes LHEO dates', () => {
    const day = dayOfIsoDate('2027-02-28');
    expect(isoDateOfDay(day + 1)).toBe('2027-03-01');
    expect(yyyymmddOfDay(day)).toBe('20270228');
  });

  it('refuses dates no calendar has', () => {
    expect(() => dayOfIsoDate('2027-02-31')).toThrow();
    expect(() => dayOfIsoDate('15/03/2026')).toThrow();
  });

  it('moves weekend days to the next Monday', () => {
    expect(isoDateOfDay(onWeekday(dayOfIsoDate('2026-03-14')))).toBe('2026-03-16');
    expect(isoDateOfDay(onWeekday(dayOfIsoDate('2026-03-15')))).toBe('2026-03-16');
    expect(isoDateOfDay(onWeekday(dayOfIsoDate('2026-03-17')))).toBe('2026-03-17');
  });

  it('gives Paris summer time from the last Sunday of March to the last Sunday of October', () => {
    expect(parisDateTime(dayOfIsoDate('2026-03-28'), 9)).toBe('2026-03-28T09:00:00+01:00');
    expect(parisDateTime(dayOfIsoDate('2026-03-29'), 9)).toBe('2026-03-29T09:00:00+02:00');
    expect(parisDateTime(dayOfIsoDate('2026-10-24'), 14, 30)).toBe('2026-10-24T14:30:00+02:00');
    expect(parisDateTime(dayOfIsoDate('2026-10-25'), 14, 30)).toBe('2026-10-25T14:30:00+01:00');
  });
});
