import { describe, expect, it } from 'vitest';
import { formatEuros, formatFrenchDate, formatHours } from './french-format';

describe('French formatting', () => {
  it('writes dates in words, with "1er" for the first of the month', () => {
    expect(formatFrenchDate('2027-01-05')).toBe('5 janvier 2027');
    expect(formatFrenchDate('2027-03-01')).toBe('1er mars 2027');
    expect(formatFrenchDate('2027-08-31')).toBe('31 août 2027');
  });

  it('writes amounts and durations with French grouping, and zero cost as free', () => {
    expect(formatHours(1540)).toBe('1\u202f540\u00a0h');
    expect(formatEuros(4500.5)).toBe('4\u202f500,5\u00a0€');
    expect(formatEuros(0)).toBe('gratuit');
  });
});
