import type { Offer } from '@reco/contracts';
import { loadReferentials } from '@reco/referentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvalCatalogue, openEvalCatalogue } from '../harness/eval-catalogue';
import { EmbedderEmbeddings } from './embedder-embeddings';
import { haversineKm } from './geo';
import { storedOfferVectors } from './stored-offer-vectors';
import { NEIGHBOURS_REQUESTED, PgVectorStoreBaseline, type VectorStoreQuery } from './vector-store-baseline';

const REFERENCE_DATE = '2026-03-15';
const referentials = loadReferentials();

let catalogue: EvalCatalogue;
let baseline: PgVectorStoreBaseline;

beforeAll(async () => {
  catalogue = await openEvalCatalogue({ referentials, seed: 3, referenceDate: REFERENCE_DATE, scale: 0.03 });
  baseline = await PgVectorStoreBaseline.open(catalogue.db, catalogue.embedder);
});

afterAll(async () => {
  await baseline?.close();
  await catalogue?.close();
});

/** The retriever's place and date conditions, restated on the offer itself rather than on metadata. */
function eligible(offer: Offer, query: VectorStoreQuery): boolean {
  const ends = offer.sessions.flatMap((session) => session.end ?? []);
  if (ends.length > 0 && ends.every((end) => end < query.referenceDate)) return false;
  const { location } = offer;
  if (location.precision === 'online' || offer.modality === 'remote') return true;
  if (location.lat === undefined || location.lon === undefined) return false;
  const km = haversineKm(query.origin, { lat: location.lat, lon: location.lon });
  if (location.precision === 'departement') {
    return location.departement === query.origin.departement || km <= query.radiusKm + 25;
  }
  return km <= query.radiusKm;
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (const [index, value] of a.entries()) {
    const other = b[index] ?? 0;
    dot += value * other;
    normA += value * value;
    normB += other * other;
  }
  return dot / Math.sqrt(normA * normB);
}

describe('the LangChain PGVectorStore baseline', () => {
  it('holds one document per vector the ingestion stored', () => {
    expect(baseline.load.documents).toBe(catalogue.activeOffers.length);
  });

  it('embeds through LangChain Embeddings exactly as the system embedder does', async () => {
    const text = 'formation de soudeur';
    const [expected] = await catalogue.embedder.embed([text]);
    expect(await new EmbedderEmbeddings(catalogue.embedder).embedQuery(text)).toEqual(
      Array.from(expected ?? []),
    );
  });

  it('keeps, nearest first, those of the k nearest offers in the country that pass the filters', async () => {
    const query = catalogue.activeOffers.flatMap((offer): VectorStoreQuery[] => {
      const commune = offer.location.inseeCode ? referentials.commune(offer.location.inseeCode) : undefined;
      if (offer.location.precision !== 'commune' || offer.modality === 'remote' || !commune) return [];
      const atItsCommune = {
        text: offer.title,
        origin: commune,
        radiusKm: 20,
        referenceDate: REFERENCE_DATE,
        limit: 10,
      };
      return eligible(offer, atItsCommune) ? [atItsCommune] : [];
    })[0];
    if (!query) throw new Error('the demo catalogue has no open offer located by its commune');

    const found = await baseline.search(query);

    // Brute force over the same stored vectors: exact cosine, k nearest, then the filters. Offers
    // with the same text have the same vector, so ties are compared by similarity, not by id.
    const [queryVector] = await catalogue.embedder.embed([query.text]);
    const vectors = await storedOfferVectors(catalogue.db, catalogue.embedder.modelId);
    const offersById = new Map(catalogue.activeOffers.map((offer) => [offer.id, offer]));
    const similarity = new Map(
      vectors.map(({ vector, metadata }) => [metadata.offerId, cosine(vector, [...(queryVector ?? [])])]),
    );
    const isEligible = (id: string) => {
      const offer = offersById.get(id);
      return offer !== undefined && eligible(offer, query);
    };
    const expected = [...similarity]
      .sort(([, a], [, b]) => b - a)
      .slice(0, NEIGHBOURS_REQUESTED)
      .filter(([id]) => isEligible(id))
      .slice(0, query.limit)
      .map(([, value]) => value);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every(isEligible)).toBe(true);
    const foundSimilarities = found.map((id) => similarity.get(id) ?? Number.NaN);
    expect(foundSimilarities).toHaveLength(expected.length);
    for (const [index, value] of expected.entries()) expect(foundSimilarities[index]).toBeCloseTo(value, 5);
  });
});
