import type { Offer, SourceName } from '@reco/contracts';

/** Below this ratio of top-10 share to relevant share, a producer is flagged as under-exposed. */
export const UNDER_EXPOSURE_RATIO = 0.8;
const PRODUCERS: readonly SourceName[] = ['lheo', 'mcf', 'partner'];

export interface QueryExposure {
  /** The system's first 10 offers. */
  top: readonly Offer[];
  relevant: readonly Offer[];
}

export interface ProducerExposure {
  producer: SourceName;
  /** Share of the top-10 places (over all queries) held by this producer's offers. */
  topShare: number;
  /** Share of the relevant offers (over all queries) that are this producer's. */
  relevantShare: number;
  /** topShare / relevantShare; null when the producer has no relevant offer. */
  ratio: number | null;
  /** Of this producer's relevant offers, the share that made the top 10. */
  relevantFound: number;
  /** relevantFound over the same share for every producer's relevant offers; null without any. */
  foundRatio: number | null;
  /** ratio below UNDER_EXPOSURE_RATIO. */
  underExposed: boolean;
  /** foundRatio below UNDER_EXPOSURE_RATIO: its relevant offers are found less than the others'. */
  underFound: boolean;
}

/**
 * Whether a producer's offers reach the top 10 as often as they are relevant: "no producer made
 * invisible by its format" (Mon Compte Formation rows, for one, know only a département and have no
 * ROME code of their own). Two views: the producer's share of all top-10 places against its share of
 * the relevant offers (the places left over by small relevant sets go to non-relevant offers, which
 * blurs it), and how often its relevant offers are found against how often all are. An offer
 * published by several producers counts for its leading record's, the one whose fields it shows.
 */
export function producerExposure(queries: readonly QueryExposure[]): ProducerExposure[] {
  const top = countByProducer(queries.flatMap((query) => query.top));
  const relevant = countByProducer(queries.flatMap((query) => query.relevant));
  const found = countByProducer(
    queries.flatMap((query) => {
      const topIds = new Set(query.top.map((offer) => offer.id));
      return query.relevant.filter((offer) => topIds.has(offer.id));
    }),
  );
  const total = (counts: Map<SourceName, number>) => [...counts.values()].reduce((sum, n) => sum + n, 0);
  const topTotal = total(top);
  const relevantTotal = total(relevant);
  const foundOverall = relevantTotal === 0 ? 0 : total(found) / relevantTotal;
  return PRODUCERS.map((producer) => {
    const relevantCount = relevant.get(producer) ?? 0;
    const topShare = topTotal === 0 ? 0 : (top.get(producer) ?? 0) / topTotal;
    const relevantShare = relevantTotal === 0 ? 0 : relevantCount / relevantTotal;
    const ratio = relevantShare === 0 ? null : topShare / relevantShare;
    const relevantFound = relevantCount === 0 ? 0 : (found.get(producer) ?? 0) / relevantCount;
    const foundRatio = relevantCount === 0 || foundOverall === 0 ? null : relevantFound / foundOverall;
    return {
      producer,
      topShare,
      relevantShare,
      ratio,
      relevantFound,
      foundRatio,
      underExposed: ratio !== null && ratio < UNDER_EXPOSURE_RATIO,
      underFound: foundRatio !== null && foundRatio < UNDER_EXPOSURE_RATIO,
    };
  });
}

function countByProducer(offers: readonly Offer[]): Map<SourceName, number> {
  const counts = new Map<SourceName, number>();
  for (const offer of offers) {
    const producer = offer.sources[0]?.source;
    if (producer) counts.set(producer, (counts.get(producer) ?? 0) + 1);
  }
  return counts;
}
