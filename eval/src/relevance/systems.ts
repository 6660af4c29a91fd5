import type { Offer } from '@reco/contracts';
import type { CatalogueSearch } from '@reco/db';
import type { Embedder } from '@reco/ingestion';
import type { Referentials } from '@reco/referentials';
import { HybridRetriever, JobTitleResolver, type RetrievalRequest, type RetrievalResult } from '@reco/server';
import type { RelevanceQuery } from './build-relevance-set';
import { CUTOFF } from './metrics';
import type { PgVectorStoreBaseline } from './vector-store-baseline';

export type SystemId = 'hybrid' | 'vector_only' | 'full_text_only' | 'vector_store';

export interface Ranking {
  offers: Offer[];
  /** The ROME codes the system looked for, when it resolves jobs at all. */
  resolvedRomeCodes?: string[];
  /** For each offer, whether the ROME-code list found it, when the system has one. */
  foundByRomeList?: boolean[];
}

/** One way of ranking the catalogue for a query, all under the same filters; the first 10 are scored. */
export interface RankingSystem {
  id: SystemId;
  label: string;
  rank(query: RelevanceQuery): Promise<Ranking>;
}

export interface SystemDependencies {
  search: CatalogueSearch;
  embedder: Embedder;
  activeOffers: readonly Offer[];
  vectorStore: PgVectorStoreBaseline;
  referentials: Referentials;
  referenceDate: string;
}

/** The hybrid retriever, its two single-list baselines, and LangChain's PGVectorStore. */
export function rankingSystems(deps: SystemDependencies): RankingSystem[] {
  const { referentials, referenceDate } = deps;
  const retriever = new HybridRetriever({
    search: deps.search,
    embedder: deps.embedder,
    referentials,
    resolver: JobTitleResolver.fromReferentials(referentials),
  });
  // No limit: the retriever's default, so that its candidate pools are those of an ordinary call.
  const request = (query: RelevanceQuery): RetrievalRequest => ({
    profile: query.profile,
    text: query.text,
    referenceDate,
  });
  const ranking = ({ candidates, resolvedJobs }: RetrievalResult): Ranking => ({
    offers: candidates.map((candidate) => candidate.offer),
    resolvedRomeCodes: resolvedJobs.map((job) => job.romeCode),
    foundByRomeList: candidates.map((candidate) => candidate.ranks.rome !== undefined),
  });
  const offersById = new Map(deps.activeOffers.map((offer) => [offer.id, offer]));
  return [
    {
      id: 'hybrid',
      label: 'hybrid (RRF)',
      rank: async (query) => ranking(await retriever.retrieve(request(query))),
    },
    {
      id: 'vector_only',
      label: 'vector only',
      rank: async (query) => ranking(await retriever.retrieveVectorOnly(request(query))),
    },
    {
      id: 'full_text_only',
      label: 'full text only',
      rank: async (query) => ranking(await retriever.retrieveFullTextOnly(request(query))),
    },
    {
      id: 'vector_store',
      label: 'LangChain PGVectorStore',
      rank: async (query) => {
        const commune = referentials.commune(query.target.inseeCode);
        if (!commune) throw new Error(`unknown commune ${query.target.inseeCode}`);
        const ids = await deps.vectorStore.search({
          text: vectorStoreText(query, referentials),
          origin: commune,
          radiusKm: query.profile.mobilityKm,
          referenceDate,
          limit: CUTOFF,
        });
        return { offers: ids.map((id) => activeOffer(offersById, id)) };
      },
    },
  ];
}

/** The store was filtered on `status: 'active'`: any other id means its documents are out of date. */
function activeOffer(offersById: ReadonlyMap<string, Offer>, id: string): Offer {
  const offer = offersById.get(id);
  if (!offer) throw new Error(`the vector store returned ${id}, which is not an active offer`);
  return offer;
}

/**
 * What a plain RAG embeds: the request, and the target job's label when the profile names one, as
 * the hybrid retriever's own vector list does, so that only the filtering differs.
 */
function vectorStoreText(query: RelevanceQuery, referentials: Referentials): string {
  const targetLabels = (query.profile.targetJobs ?? []).flatMap((job) =>
    job.romeCode ? (referentials.romeLabel(job.romeCode) ?? []) : [],
  );
  return [query.text, ...targetLabels].join('. ');
}
