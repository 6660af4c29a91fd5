import type { Offer } from '@reco/contracts';
import type { CatalogueEmbedding } from '@reco/ingestion';
import { loadReferentials, type Referentials } from '@reco/referentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvalCatalogue, openEvalCatalogue } from '../harness/eval-catalogue';
import { buildRelevanceSet, type RelevanceQuery, type RelevanceSet } from './build-relevance-set';
import { haversineKm } from './geo';
import { jobTitleForms } from './query-texts';
import { RelevanceJudge } from './relevance-judge';

const REFERENCE_DATE = '2026-03-15';
const SEED = 7;

/** The relevance set needs no vectors: this skips fitting the built-in model (about 10 s). */
const constantEmbedding: CatalogueEmbedding = {
  prepare: async () => ({
    modelId: 'constant',
    dimensions: 2,
    embed: async (texts) => texts.map(() => Float32Array.of(1, 0)),
  }),
};

let referentials: Referentials;
let catalogue: EvalCatalogue;
let set: RelevanceSet;

beforeAll(async () => {
  referentials = loadReferentials();
  catalogue = await openEvalCatalogue({
    referentials,
    seed: 1,
    referenceDate: REFERENCE_DATE,
    scale: 0.05,
    embedding: () => constantEmbedding,
  });
  set = build(SEED);
});

afterAll(async () => {
  await catalogue?.close();
});

function build(seed: number): RelevanceSet {
  return buildRelevanceSet({
    referentials,
    activeOffers: catalogue.activeOffers,
    referenceDate: REFERENCE_DATE,
    seed,
    targets: 12,
  });
}

/** The definition of docs/evaluation.md, restated plainly, independently of RelevanceJudge. */
function satisfiesDefinition(offer: Offer, query: RelevanceQuery): boolean {
  const { romeCode, inseeCode, radiusKm } = query.target;
  const certifInfo = offer.certification?.certifInfo;
  const rncp = offer.certification?.rncp;
  const leadsToJob =
    (certifInfo !== undefined &&
      (referentials.certification(certifInfo)?.romeCodes ?? []).includes(romeCode)) ||
    (rncp !== undefined && referentials.romeCodesOfRncp(rncp).includes(romeCode));
  const commune = referentials.commune(inseeCode);
  if (!commune) throw new Error(`unknown commune ${inseeCode}`);
  const { location } = offer;
  const reachable =
    location.precision === 'online' ||
    offer.modality === 'remote' ||
    (location.precision === 'departement' && location.departement === commune.departement) ||
    ((location.precision === 'point' || location.precision === 'commune') &&
      location.lat !== undefined &&
      location.lon !== undefined &&
      haversineKm(commune, { lat: location.lat, lon: location.lon }) <= radiusKm);
  const current =
    offer.sessions.length === 0 ||
    offer.sessions.some((session) => session.end === undefined || session.end >= REFERENCE_DATE);
  return leadsToJob && reachable && current;
}

describe('buildRelevanceSet', () => {
  it('gives a ROME-target query and a free-text query per target, each with a relevant offer', () => {
    expect(set.targets).toBe(12);
    expect(set.queries).toHaveLength(24);
    for (const query of set.queries) expect(query.relevantIds.length).toBeGreaterThan(0);
    const romeQueries = set.queries.filter((query) => query.kind === 'rome_target');
    const textQueries = set.queries.filter((query) => query.kind === 'free_text');
    expect(romeQueries).toHaveLength(12);
    for (const [index, query] of romeQueries.entries()) {
      const twin = textQueries[index];
      expect(query.profile.targetJobs).toEqual([{ romeCode: query.target.romeCode }]);
      expect(twin?.profile.targetJobs).toBeUndefined();
      expect(twin?.target).toEqual(query.target);
      expect(twin?.relevantIds).toEqual(query.relevantIds);
      expect(query.profile.mobilityKm).toBe(query.target.radiusKm);
    }
  });

  it('draws real ROME job titles and names one of their forms in the free-text requests', () => {
    const fold = (text: string) =>
      text
        .normalize('NFD')
        .replace(/\p{Diacritic}/gu, '')
        .toLowerCase();
    for (const query of set.queries.filter((q) => q.kind === 'free_text')) {
      const appellation = referentials.appellations().find((a) => a.label === query.target.appellation);
      expect(appellation?.romeCode).toBe(query.target.romeCode);
      const forms = jobTitleForms(query.target.appellation);
      expect(
        [fold(forms.masculine), fold(forms.feminine)].some((form) => fold(query.text).includes(form)),
      ).toBe(true);
    }
  });

  it('labels relevant exactly the active offers that satisfy the definition', () => {
    for (const query of set.queries.filter((q) => q.kind === 'rome_target')) {
      const expected = catalogue.activeOffers
        .filter((offer) => satisfiesDefinition(offer, query))
        .map((offer) => offer.id)
        .sort();
      expect(query.relevantIds).toEqual(expected);
    }
  });

  it("judges by the referentials, not by the offer's own ROME codes", () => {
    const judge = new RelevanceJudge(catalogue.activeOffers, referentials, REFERENCE_DATE);
    const query = set.queries[0];
    const offer = catalogue.activeOffers.find((candidate) => candidate.id === query?.relevantIds[0]);
    if (!query || !offer) throw new Error('the set has a relevant offer');
    const commune = referentials.commune(query.target.inseeCode);
    if (!commune) throw new Error('known commune');
    const target = { romeCode: query.target.romeCode, commune, radiusKm: query.target.radiusKm };
    expect(judge.isRelevant({ ...offer, romeCodes: [] }, target)).toBe(true);
    expect(judge.isRelevant({ ...offer, certification: undefined }, target)).toBe(false);
  });

  it('is deterministic for a seed, and differs with another', () => {
    expect(build(SEED)).toEqual(set);
    expect(build(SEED + 1).queries.map((query) => query.target)).not.toEqual(
      set.queries.map((query) => query.target),
    );
  });
});
