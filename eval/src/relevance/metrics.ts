/**
 * Ranking metrics with binary relevance, for one query: `ranked` is the system's list of offer ids,
 * best first; `relevant` the query's relevant ids (never empty in the relevance set).
 */
export interface QueryMetrics {
  recallAt10: number;
  precisionAt10: number;
  ndcgAt10: number;
  reciprocalRank: number;
}

export const CUTOFF = 10;

export function queryMetrics(ranked: readonly string[], relevant: ReadonlySet<string>): QueryMetrics {
  return {
    recallAt10: recallAt(ranked, relevant, CUTOFF),
    precisionAt10: precisionAt(ranked, relevant, CUTOFF),
    ndcgAt10: ndcgAt(ranked, relevant, CUTOFF),
    reciprocalRank: reciprocalRank(ranked, relevant),
  };
}

/**
 * Relevant offers in the first k over the relevant offers that fit in k (min(|relevant|, k)): with
 * more than k relevant offers a perfect list would otherwise score below 1, and queries with large
 * relevant sets would say nothing about the ranking.
 */
export function recallAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  return hitsAt(ranked, relevant, k) / Math.min(relevant.size, k);
}

/** Relevant offers in the first k over k: a list shorter than k is not excused. */
export function precisionAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  return hitsAt(ranked, relevant, k) / k;
}

/** Discounted cumulative gain of the first k (gain 1 per relevant offer), over that of a perfect list. */
export function ndcgAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  const discount = (index: number) => 1 / Math.log2(index + 2);
  let gain = 0;
  ranked.slice(0, k).forEach((id, index) => {
    if (relevant.has(id)) gain += discount(index);
  });
  let ideal = 0;
  for (let index = 0; index < Math.min(relevant.size, k); index++) ideal += discount(index);
  return ideal === 0 ? 0 : gain / ideal;
}

/** 1 / rank of the first relevant offer; 0 when the list holds none. */
export function reciprocalRank(ranked: readonly string[], relevant: ReadonlySet<string>): number {
  const index = ranked.findIndex((id) => relevant.has(id));
  return index < 0 ? 0 : 1 / (index + 1);
}

/** The mean of each metric over queries (MRR for the reciprocal rank); zeros for no query. */
export function meanMetrics(perQuery: readonly QueryMetrics[]): QueryMetrics {
  const mean = (pick: (metrics: QueryMetrics) => number) =>
    perQuery.length === 0 ? 0 : perQuery.reduce((sum, metrics) => sum + pick(metrics), 0) / perQuery.length;
  return {
    recallAt10: mean((metrics) => metrics.recallAt10),
    precisionAt10: mean((metrics) => metrics.precisionAt10),
    ndcgAt10: mean((metrics) => metrics.ndcgAt10),
    reciprocalRank: mean((metrics) => metrics.reciprocalRank),
  };
}

function hitsAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  return ranked.slice(0, k).filter((id) => relevant.has(id)).length;
}
