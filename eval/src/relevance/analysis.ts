import { QUERY_KINDS, type QueryKind } from './build-relevance-set';
import { meanMetrics, type QueryMetrics } from './metrics';
import type { QueryOutcome } from './run-queries';
import type { SystemId } from './systems';

export type KindOrAll = QueryKind | 'all';
export const KINDS_AND_ALL: readonly KindOrAll[] = [...QUERY_KINDS, 'all'];
export type MetricName = keyof QueryMetrics;
export const METRIC_NAMES: readonly MetricName[] = [
  'recallAt10',
  'ndcgAt10',
  'reciprocalRank',
  'precisionAt10',
];
export const METRIC_LABELS: Record<MetricName, string> = {
  recallAt10: 'recall@10',
  ndcgAt10: 'nDCG@10',
  reciprocalRank: 'MRR',
  precisionAt10: 'P@10',
};

export type MetricsTable = Record<SystemId, Record<KindOrAll, QueryMetrics>>;

/** Mean metrics of each system, per query kind and over all queries. */
export function metricsTable(outcomes: readonly QueryOutcome[], systems: readonly SystemId[]): MetricsTable {
  const table = {} as MetricsTable;
  for (const system of systems) {
    const ofSystem = outcomes.filter((outcome) => outcome.system === system);
    const mean = (kind: KindOrAll) =>
      meanMetrics(
        ofSystem
          .filter((outcome) => kind === 'all' || outcome.query.kind === kind)
          .map((outcome) => outcome.metrics),
      );
    table[system] = { rome_target: mean('rome_target'), free_text: mean('free_text'), all: mean('all') };
  }
  return table;
}

/** A metric, for a query kind, on which a baseline beats the hybrid retriever. */
export interface Loss {
  kind: QueryKind;
  metric: MetricName;
  baseline: SystemId;
  hybrid: number;
  baselineValue: number;
  /** Queries of that kind where the baseline's recall@10 is higher, and lower. */
  queriesBaselineBetter: number;
  queriesHybridBetter: number;
}

export function lossesToBaselines(
  table: MetricsTable,
  outcomes: readonly QueryOutcome[],
  baselines: readonly SystemId[],
): Loss[] {
  const losses: Loss[] = [];
  for (const kind of QUERY_KINDS) {
    for (const baseline of baselines) {
      const versus = headToHead(outcomes, kind, baseline);
      for (const metric of METRIC_NAMES) {
        const hybrid = table.hybrid[kind][metric];
        const baselineValue = table[baseline][kind][metric];
        if (baselineValue > hybrid) losses.push({ kind, metric, baseline, hybrid, baselineValue, ...versus });
      }
    }
  }
  return losses;
}

function headToHead(outcomes: readonly QueryOutcome[], kind: QueryKind, baseline: SystemId) {
  const recallOf = (system: SystemId) =>
    new Map(
      outcomes
        .filter((outcome) => outcome.system === system && outcome.query.kind === kind)
        .map((outcome) => [outcome.query.id, outcome.metrics.recallAt10]),
    );
  const hybrid = recallOf('hybrid');
  let queriesBaselineBetter = 0;
  let queriesHybridBetter = 0;
  for (const [id, baselineRecall] of recallOf(baseline)) {
    const hybridRecall = hybrid.get(id) ?? 0;
    if (baselineRecall > hybridRecall) queriesBaselineBetter++;
    else if (baselineRecall < hybridRecall) queriesHybridBetter++;
  }
  return { queriesBaselineBetter, queriesHybridBetter };
}

/**
 * For free-text queries, whether the hybrid retriever found the target job in the text: its ROME
 * list only helps when it did, so this explains most of the gap between the two kinds of query.
 */
export interface JobResolution {
  queries: number;
  /** The target's ROME code was among those resolved. */
  resolvedTarget: number;
  /** Codes were resolved, but not the target's. */
  resolvedOtherOnly: number;
  resolvedNone: number;
  recallWhenTargetResolved: number;
  recallOtherwise: number;
}

export function freeTextJobResolution(outcomes: readonly QueryOutcome[]): JobResolution {
  const freeText = outcomes.filter(
    (outcome) => outcome.system === 'hybrid' && outcome.query.kind === 'free_text',
  );
  const resolved = freeText.filter((outcome) =>
    outcome.resolvedRomeCodes?.includes(outcome.query.target.romeCode),
  );
  const unresolved = freeText.filter((outcome) => !resolved.includes(outcome));
  return {
    queries: freeText.length,
    resolvedTarget: resolved.length,
    resolvedOtherOnly: unresolved.filter((outcome) => (outcome.resolvedRomeCodes?.length ?? 0) > 0).length,
    resolvedNone: unresolved.filter((outcome) => (outcome.resolvedRomeCodes?.length ?? 0) === 0).length,
    recallWhenTargetResolved: meanMetrics(resolved.map((outcome) => outcome.metrics)).recallAt10,
    recallOtherwise: meanMetrics(unresolved.map((outcome) => outcome.metrics)).recallAt10,
  };
}

/** Hybrid top-10 places held by offers the ROME-code list did not find (text lists only). */
export interface OutsideRomeList {
  /** Share of the top-10 places. */
  placeShare: number;
  /** Share of those offers that are relevant. */
  relevantShare: number;
}

export function outsideRomeList(outcomes: readonly QueryOutcome[]): Record<QueryKind, OutsideRomeList> {
  const ofKind = (kind: QueryKind): OutsideRomeList => {
    let places = 0;
    let outside = 0;
    let outsideRelevant = 0;
    for (const outcome of outcomes) {
      if (outcome.system !== 'hybrid' || outcome.query.kind !== kind) continue;
      const relevant = new Set(outcome.query.relevantIds);
      outcome.top.forEach((offer, index) => {
        places++;
        if (outcome.foundByRomeList?.[index]) return;
        outside++;
        if (relevant.has(offer.id)) outsideRelevant++;
      });
    }
    return {
      placeShare: places === 0 ? 0 : outside / places,
      relevantShare: outside === 0 ? 0 : outsideRelevant / outside,
    };
  };
  return { rome_target: ofKind('rome_target'), free_text: ofKind('free_text') };
}

/** The hybrid retriever's worst queries of a kind (recall@10 of 0), the largest relevant sets first. */
export function hybridMisses(
  outcomes: readonly QueryOutcome[],
  kind: QueryKind,
  count: number,
): QueryOutcome[] {
  return outcomes
    .filter(
      (outcome) =>
        outcome.system === 'hybrid' && outcome.query.kind === kind && outcome.metrics.recallAt10 === 0,
    )
    .sort(
      (a, b) =>
        b.query.relevantIds.length - a.query.relevantIds.length || a.query.id.localeCompare(b.query.id),
    )
    .slice(0, count);
}

export interface Distribution {
  min: number;
  median: number;
  mean: number;
  max: number;
}

/** The distribution of a per-query figure (latency, list length), for each system. */
export function distributionBySystem(
  outcomes: readonly QueryOutcome[],
  systems: readonly SystemId[],
  figure: (outcome: QueryOutcome) => number,
): Record<SystemId, Distribution> {
  const bySystem = {} as Record<SystemId, Distribution>;
  for (const system of systems) {
    bySystem[system] = distribution(outcomes.filter((outcome) => outcome.system === system).map(figure));
  }
  return bySystem;
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? 0,
    median: sorted[Math.floor(sorted.length / 2)] ?? 0,
    mean: sorted.length === 0 ? 0 : sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
    max: sorted.at(-1) ?? 0,
  };
}
