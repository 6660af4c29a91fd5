import { describe, expect, it } from 'vitest';
import { anOversight } from '../testing/fixtures';
import { EMPTY_FILTERS, filtersKey, periodError, toRequestFilters } from './admin-filters';
import {
  acceptanceByRankChart,
  barLength,
  degradedShareByWeekChart,
  guardrailAlertsChart,
  setAsideReasonsChart,
} from './oversight-charts';

const plain = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');

const OVERSIGHT = anOversight();

describe('audit filters', () => {
  it('leave empty fields out of the query', () => {
    expect(toRequestFilters(EMPTY_FILTERS)).toEqual({});
    expect(
      toRequestFilters({
        from: '2026-11-01',
        to: '',
        decision: 'warn',
        category: 'identifier',
        team: '  A ',
      }),
    ).toEqual({ from: '2026-11-01', decision: 'warn', category: 'identifier', team: 'A' });
  });

  it('refuse a reversed period and key equal filters alike', () => {
    expect(periodError({ from: '2026-12-01', to: '2026-11-01' })).toMatch(/postérieure/);
    expect(periodError({ from: '2026-11-01', to: '2026-11-01' })).toBeUndefined();
    expect(filtersKey({ a: 1, b: 2 })).toBe(filtersKey({ b: 2, a: 1 }));
  });
});

describe('oversight charts', () => {
  it('show the acceptance rate of ranks that were shown, as percentages with their counts', () => {
    const chart = acceptanceByRankChart(OVERSIGHT);
    expect(chart.max).toBe(1);
    expect(chart.rows.map((row) => row.label)).toEqual(['Rang 1', 'Rang 2']);
    expect(plain(chart.rows[0]?.texts[0])).toBe('60 % (18 sur 30)');
  });

  it('sort set-aside reasons by count, with French labels', () => {
    const chart = setAsideReasonsChart(OVERSIGHT);
    expect(chart.rows.map((row) => [row.label, row.values[0]])).toEqual([
      ['Dates inadaptées', 9],
      ['Trop loin', 4],
    ]);
    expect(chart.max).toBe(9);
  });

  it('show refusals and warnings per category, leaving out quiet categories', () => {
    const chart = guardrailAlertsChart(OVERSIGHT);
    expect(chart.series).toHaveLength(2);
    expect(chart.rows.map((row) => [row.label, ...row.values])).toEqual([
      ['Donnée identifiante', 0, 5],
      ['Santé', 3, 0],
    ]);
  });

  it('show the degraded share week by week', () => {
    const chart = degradedShareByWeekChart(OVERSIGHT);
    expect(chart.rows[0]?.label).toBe('2026 – semaine 48');
    expect(plain(chart.rows[0]?.texts[0])).toBe('25 % (40 demandes)');
  });

  it('scale bars within the chart', () => {
    expect(barLength(0.5, 1, 300)).toBe(150);
    expect(barLength(null, 1, 300)).toBe(0);
    expect(barLength(12, 10, 300)).toBe(300);
    expect(barLength(3, 0, 300)).toBe(0);
  });
});
