import type { Database } from '@reco/db';
import { CatalogueSearch } from '@reco/db';
import type { Embedder } from '@reco/ingestion';
import type { Referentials } from '@reco/referentials';
import { HybridRetriever, JobTitleResolver, type RetrievalRequest, type RetrievalResult } from '@reco/server';
import { type BenchQuery, type LatencySummary, round, summarise } from './workload';

export interface RetrievalFigures {
  activeOffers: number;
  queries: number;
  warmUp: number;
  hybrid: LatencySummary;
  vectorOnly: LatencySummary;
  fullTextOnly: LatencySummary;
  /** Hybrid p95 over each single-list baseline's p95. */
  p95RatioToVectorOnly: number;
  p95RatioToFullTextOnly: number;
}

/**
 * `HybridRetriever.retrieve` called directly (no HTTP, no guardrail, no LLM), one query at a time,
 * beside its two single-list baselines with the same filters: `retrieveVectorOnly` and
 * `retrieveFullTextOnly`. The three systems take turns on each query, so that a slower moment of
 * a shared machine weighs on all three alike.
 */
export async function benchRetrieval(options: {
  db: Database;
  embedder: Embedder;
  referentials: Referentials;
  referenceDate: string;
  queries: readonly BenchQuery[];
  warmUp: number;
  activeOffers: number;
}): Promise<RetrievalFigures> {
  const { referentials, referenceDate, queries, warmUp } = options;
  const retriever = new HybridRetriever({
    search: new CatalogueSearch(options.db),
    embedder: options.embedder,
    referentials,
    resolver: JobTitleResolver.fromReferentials(referentials),
  });
  const systems: [keyof typeof samples, (request: RetrievalRequest) => Promise<RetrievalResult>][] = [
    ['hybrid', (request) => retriever.retrieve(request)],
    ['vectorOnly', (request) => retriever.retrieveVectorOnly(request)],
    ['fullTextOnly', (request) => retriever.retrieveFullTextOnly(request)],
  ];
  const samples = { hybrid: [] as number[], vectorOnly: [] as number[], fullTextOnly: [] as number[] };
  for (const [index, query] of queries.entries()) {
    const request: RetrievalRequest = { profile: query.profile, text: query.prompt, referenceDate };
    for (const [name, run] of systems) {
      const started = performance.now();
      await run(request);
      if (index >= warmUp) samples[name].push(performance.now() - started);
    }
  }
  const hybrid = summarise(samples.hybrid);
  const vectorOnly = summarise(samples.vectorOnly);
  const fullTextOnly = summarise(samples.fullTextOnly);
  return {
    activeOffers: options.activeOffers,
    queries: samples.hybrid.length,
    warmUp,
    hybrid,
    vectorOnly,
    fullTextOnly,
    p95RatioToVectorOnly: round(hybrid.p95Ms / vectorOnly.p95Ms, 2),
    p95RatioToFullTextOnly: round(hybrid.p95Ms / fullTextOnly.p95Ms, 2),
  };
}
