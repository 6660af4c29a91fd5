import type { Offer } from '@reco/contracts';
import type { Evaluation, EvaluationContext, ReportSection } from '../harness/evaluation';
import {
  distribution,
  distributionBySystem,
  freeTextJobResolution,
  hybridMisses,
  lossesToBaselines,
  metricsTable,
  outsideRomeList,
} from './analysis';
import { buildRelevanceSet, type RelevanceSet } from './build-relevance-set';
import { type ProducerExposure, producerExposure } from './exposure';
import { CUTOFF } from './metrics';
import { type RelevanceFindings, recallChart, renderRelevanceMarkdown } from './relevance-report';
import { type QueryOutcome, runQueries } from './run-queries';
import { rankingSystems, type SystemId } from './systems';
import { PgVectorStoreBaseline } from './vector-store-baseline';

/** Targets drawn per mode; each gives two queries (ROME target, free text). */
const TARGETS = { quick: 20, full: 150 } as const;
const MISSES_SHOWN = 5;

/**
 * Relevance of retrieval against a labelled set built from the referentials: the hybrid retriever
 * beside its single-list baselines and LangChain's PGVectorStore, on the same queries, filters and
 * catalogue; and each producer's exposure in their top 10.
 */
export const relevanceEvaluation: Evaluation = {
  id: 'relevance',
  async run(context: EvaluationContext): Promise<ReportSection> {
    const { catalogue, referentials, referenceDate } = context;
    const set = buildRelevanceSet({
      referentials,
      activeOffers: catalogue.activeOffers,
      referenceDate,
      seed: context.seed,
      targets: TARGETS[context.mode],
    });
    context.log(
      `relevance: ${set.queries.length} queries (${set.droppedTargets} targets without relevant offer dropped)`,
    );
    const vectorStore = await PgVectorStoreBaseline.open(catalogue.db, catalogue.embedder);
    const { documents, loadSeconds, indexSeconds } = vectorStore.load;
    context.log(
      `relevance: PGVectorStore filled with ${documents} documents in ${loadSeconds} s, HNSW index in ${indexSeconds} s`,
    );
    const systems = rankingSystems({ ...catalogue, vectorStore, referentials, referenceDate });
    let outcomes: QueryOutcome[];
    try {
      outcomes = await runQueries(set.queries, systems, (done) => {
        if (done % 25 === 0 || done === set.queries.length) {
          context.log(`relevance: ${done}/${set.queries.length} queries`);
        }
      });
    } finally {
      await vectorStore.close();
    }

    const offersById = new Map(catalogue.activeOffers.map((offer) => [offer.id, offer]));
    const offersOf = (ids: readonly string[]): Offer[] => ids.flatMap((id) => offersById.get(id) ?? []);
    const systemIds = systems.map((system) => system.id);
    const table = metricsTable(outcomes, systemIds);
    const findings: RelevanceFindings = {
      set: summariseSet(set, offersOf),
      systems: systems.map(({ id, label }) => ({ id, label })),
      vectorStore: vectorStore.load,
      metrics: table,
      exposure: exposureBySystem(outcomes, systemIds, offersOf),
      lossesToBaselines: lossesToBaselines(
        table,
        outcomes,
        systemIds.filter((id) => id !== 'hybrid'),
      ),
      freeTextJobResolution: freeTextJobResolution(outcomes),
      outsideRomeList: outsideRomeList(outcomes),
      latencyMs: distributionBySystem(outcomes, systemIds, (outcome) => outcome.milliseconds),
      resultsPerQuery: distributionBySystem(outcomes, systemIds, (outcome) => outcome.top.length),
    };
    const misses = {
      rome_target: hybridMisses(outcomes, 'rome_target', MISSES_SHOWN),
      free_text: hybridMisses(outcomes, 'free_text', MISSES_SHOWN),
    };
    return {
      id: 'relevance',
      title: 'Relevance of retrieval',
      markdown: renderRelevanceMarkdown(findings, misses),
      figures: findings,
      charts: [recallChart(findings)],
    };
  },
};

function exposureBySystem(
  outcomes: readonly QueryOutcome[],
  systems: readonly SystemId[],
  offersOf: (ids: readonly string[]) => Offer[],
): Record<SystemId, ProducerExposure[]> {
  const exposure = {} as Record<SystemId, ProducerExposure[]>;
  for (const system of systems) {
    exposure[system] = producerExposure(
      outcomes
        .filter((outcome) => outcome.system === system)
        .map((outcome) => ({ top: outcome.top, relevant: offersOf(outcome.query.relevantIds) })),
    );
  }
  return exposure;
}

function summariseSet(
  set: RelevanceSet,
  offersOf: (ids: readonly string[]) => Offer[],
): RelevanceFindings['set'] {
  // Both queries of a target share its relevant offers: count them once.
  const relevantByTarget = set.queries
    .filter((query) => query.kind === 'rome_target')
    .map((query) => offersOf(query.relevantIds));
  const relevant = relevantByTarget.flat();
  const followedRemotely = relevant.filter(
    (offer) => offer.location.precision === 'online' || offer.modality === 'remote',
  );
  return {
    seed: set.seed,
    targets: set.targets,
    queries: set.queries.length,
    droppedTargets: set.droppedTargets,
    relevantPerTarget: distribution(relevantByTarget.map((offers) => offers.length)),
    // A perfect list cannot put more relevant offers in the top 10 than there are.
    precisionAt10Ceiling:
      relevantByTarget.reduce((sum, offers) => sum + Math.min(offers.length, CUTOFF) / CUTOFF, 0) /
      Math.max(1, relevantByTarget.length),
    followedRemotelyShare: followedRemotely.length / Math.max(1, relevant.length),
  };
}
