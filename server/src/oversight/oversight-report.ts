import type { OversightQuery, OversightResponse, OversightSlice } from '@reco/contracts';
import type { OversightAggregates, OversightGroupRow } from '@reco/db';

export interface OversightSettings {
  /** Above this first-suggestion share, the counsellors may be deferring to the tool. */
  firstSuggestionThreshold: number;
  /** Fewer decided requests than this tell nothing: no warning. */
  minDecisions: number;
}

/** Ranks a recommendation can show (`maxSuggestions`). */
const RANKS = 10;

/** The human-oversight figures, from the SQL aggregates: rates, and the automation-bias warning. */
export function oversightReport(
  aggregates: OversightAggregates,
  query: OversightQuery,
  settings: OversightSettings,
): OversightResponse {
  const all = aggregates.groups.find((group) => group.scope === 'all') ?? emptyGroup();
  const ranks = new Map(aggregates.ranks.map((rank) => [rank.rank, rank]));
  return {
    period: { from: query.from ?? null, to: query.to ?? null, team: query.team ?? null },
    automationBias: {
      threshold: settings.firstSuggestionThreshold,
      minDecisions: settings.minDecisions,
    },
    ...slice(all, settings),
    acceptanceByRank: Array.from({ length: RANKS }, (_, index) => {
      const { shown = 0, retained = 0 } = ranks.get(index + 1) ?? {};
      return { rank: index + 1, shown, retained, rate: ratio(retained, shown) };
    }),
    setAsideReasons: aggregates.setAsideReasons,
    errorReports: aggregates.errorReports,
    guardrailAlerts: aggregates.guardrailAlerts,
    byTeam: aggregates.groups
      .filter((group) => group.scope === 'team')
      .map((group) => ({ team: group.team, ...slice(group, settings) })),
    byWeek: aggregates.groups
      .filter((group) => group.scope === 'week')
      .map((group) => ({ week: group.week ?? '', ...slice(group, settings) }))
      .sort((a, b) => a.week.localeCompare(b.week)),
  };
}

function slice(group: OversightGroupRow, settings: OversightSettings): OversightSlice {
  const firstSuggestionShare = ratio(group.firstOnly, group.decided);
  return {
    requests: group.requests,
    decidedRequests: group.decided,
    firstSuggestionShare,
    overrideRate: ratio(group.overridden, group.decided),
    degradedShare: ratio(group.degraded, group.requests),
    timeToDecideMs: {
      median: roundOrNull(group.medianMs),
      p90: roundOrNull(group.p90Ms),
      sample: group.timed,
    },
    automationBiasWarning:
      group.decided >= settings.minDecisions &&
      firstSuggestionShare !== null &&
      firstSuggestionShare > settings.firstSuggestionThreshold,
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}

function emptyGroup(): OversightGroupRow {
  return {
    scope: 'all',
    team: null,
    week: null,
    requests: 0,
    decided: 0,
    firstOnly: 0,
    overridden: 0,
    degraded: 0,
    timed: 0,
    medianMs: null,
    p90Ms: null,
  };
}
