import type { Offer } from '@reco/contracts';
import type { RelevanceQuery } from './build-relevance-set';
import { CUTOFF, type QueryMetrics, queryMetrics } from './metrics';
import type { RankingSystem, SystemId } from './systems';

/** One system's answer to one query, scored. */
export interface QueryOutcome {
  query: RelevanceQuery;
  system: SystemId;
  top: Offer[];
  metrics: QueryMetrics;
  resolvedRomeCodes?: string[];
  foundByRomeList?: boolean[];
  milliseconds: number;
}

/** Every query through every system, one at a time so that latencies are not mixed up. */
export async function runQueries(
  queries: readonly RelevanceQuery[],
  systems: readonly RankingSystem[],
  onProgress: (done: number) => void,
): Promise<QueryOutcome[]> {
  const outcomes: QueryOutcome[] = [];
  for (const [index, query] of queries.entries()) {
    const relevant = new Set(query.relevantIds);
    for (const system of systems) {
      const started = performance.now();
      const ranking = await system.rank(query);
      const milliseconds = performance.now() - started;
      const top = ranking.offers.slice(0, CUTOFF);
      outcomes.push({
        query,
        system: system.id,
        top,
        metrics: queryMetrics(
          top.map((offer) => offer.id),
          relevant,
        ),
        ...(ranking.resolvedRomeCodes ? { resolvedRomeCodes: ranking.resolvedRomeCodes } : {}),
        ...(ranking.foundByRomeList ? { foundByRomeList: ranking.foundByRomeList.slice(0, CUTOFF) } : {}),
        milliseconds,
      });
    }
    onProgress(index + 1);
  }
  return outcomes;
}
