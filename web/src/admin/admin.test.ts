import type { OversightResponse } from '@reco/contracts';
import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, filtersKey, periodError, toRequestFilters } from './admin-filters';
import {
  acceptanceByRankChart,
  barLength,
  degradedShareByWeekChart,
  guardrailAlertsChart,
  setAsideReasonsChart,
} from './oversight-charts';

const plain = (text: string | undefined) => text?.replace(/[\u00a0\u202f]/g, ' ');

const slice = {
  requests: 40,
  decidedRequests: 30,
  firstSuggestionShare: 0.5,
  overrideRate: 0.1,
  degradedShare: 0.25,
  timeToDecideMs: { median: 60_000, p90: 180_000, sample: 30 },
  automationBiasWarning: false,
};

const OVERSIGHT: OversightResponse = {
  ...slice,
  period: { from: '2026-11-01', to: '2026-11-30', team: null },
  automationBias: { threshold: 0.7, minDecisions: 20 },
  acceptanceByRank: [
    { rank: 1, shown: 30, retained: 18, rate: 0.6 },
    { rank: 2, shown: 30, retained: 6, rate: 0.2 },
    { rank: 10, shown: 0, retained: 0, rate: null },
  ],
  setAsideReasons: [
    { reason: 'too_far', count: 4 },
    { reason: 'dates', count: 9 },
  ],
  errorReports: [{ kind: 'wrong_fact', count: 2 }],
  guardrailAlerts: [
    { category: 'identifier', warnings: 5, refusals: 0 },
    { category: 'health', warnings: 0, refusals: 3 },
    { category: 'religion', warnings: 0, refusals: 0 },
  ],
  byTeam: [{ ...slice, team: 'Équipe A' }],
  byWeek: [{ ...slice, week: '2026-W48' }],
};

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
