import type { JobseekerProfile, Offer } from '@reco/contracts';
import type { Commune, Referentials, RomeAppellation } from '@reco/referentials';
import { freeTextRequest, targetedRequest } from './query-texts';
import { RelevanceJudge } from './relevance-judge';
import { cumulativeSums, type SeededRandom, seededRandom } from './seeded-random';

/** `rome_target`: the profile names the job by its ROME code; `free_text`: only the request does. */
export type QueryKind = 'rome_target' | 'free_text';
export const QUERY_KINDS: readonly QueryKind[] = ['rome_target', 'free_text'];

export interface QueryTarget {
  romeCode: string;
  appellation: string;
  inseeCode: string;
  commune: string;
  departement: string;
  radiusKm: number;
}

export interface RelevanceQuery {
  id: string;
  kind: QueryKind;
  target: QueryTarget;
  profile: JobseekerProfile;
  text: string;
  /** Sorted ids of the relevant offers: never empty. */
  relevantIds: string[];
}

export interface RelevanceSet {
  seed: number;
  referenceDate: string;
  queries: RelevanceQuery[];
  /** Targets kept: each gives one query of each kind. */
  targets: number;
  /** Targets drawn but dropped because no offer was relevant to them. */
  droppedTargets: number;
}

export interface BuildRelevanceSetOptions {
  referentials: Referentials;
  /** The catalogue's active offers. */
  activeOffers: readonly Offer[];
  referenceDate: string;
  seed: number;
  /** How many targets to keep (twice as many queries). */
  targets: number;
}

/** How far jobseekers can go, in km: the mobilities counsellors most often record. */
const RADII_KM: readonly number[] = [10, 20, 30, 50];
/** Draws allowed per kept target before giving up: a catalogue that small cannot give the set asked. */
const MAX_DRAWS_PER_TARGET = 200;

/**
 * The labelled queries of the relevance evaluation, drawn from the public referentials alone: a job
 * among those some certification leads to (uniformly, so that rare jobs count as much as common ones),
 * one of its ROME job titles, a commune drawn by population, a radius. Each target gives a query with
 * the ROME code in the profile and a free-text query naming the job; both have the same relevant
 * offers (see `RelevanceJudge`). Targets with no relevant offer are drawn again, and counted.
 */
export function buildRelevanceSet(options: BuildRelevanceSetOptions): RelevanceSet {
  const { referentials, referenceDate, seed } = options;
  const random = seededRandom(seed);
  const judge = new RelevanceJudge(options.activeOffers, referentials, referenceDate);
  const draw = targetSampler(referentials, random);
  const queries: RelevanceQuery[] = [];
  let targets = 0;
  let droppedTargets = 0;
  for (let draws = 0; targets < options.targets; draws++) {
    if (draws >= options.targets * MAX_DRAWS_PER_TARGET) {
      throw new Error(
        `only ${targets} of ${options.targets} targets have a relevant offer in this catalogue`,
      );
    }
    const { appellation, commune, radiusKm } = draw();
    const relevantIds = judge.relevantOfferIds({ romeCode: appellation.romeCode, commune, radiusKm });
    if (relevantIds.length === 0) {
      droppedTargets++;
      continue;
    }
    targets++;
    const target: QueryTarget = {
      romeCode: appellation.romeCode,
      appellation: appellation.label,
      inseeCode: commune.inseeCode,
      commune: commune.name,
      departement: commune.departement,
      radiusKm,
    };
    const location = { inseeCode: commune.inseeCode };
    const number = String(targets).padStart(3, '0');
    queries.push(
      {
        id: `t${number}-rome`,
        kind: 'rome_target',
        target,
        profile: { targetJobs: [{ romeCode: appellation.romeCode }], location, mobilityKm: radiusKm },
        text: targetedRequest(random),
        relevantIds,
      },
      {
        id: `t${number}-text`,
        kind: 'free_text',
        target,
        profile: { location, mobilityKm: radiusKm },
        text: freeTextRequest(random, appellation.label, commune.name, radiusKm),
        relevantIds,
      },
    );
  }
  return { seed, referenceDate, queries, targets, droppedTargets };
}

function targetSampler(
  referentials: Referentials,
  random: SeededRandom,
): () => { appellation: RomeAppellation; commune: Commune; radiusKm: number } {
  const appellationsByCode = new Map<string, RomeAppellation[]>();
  for (const appellation of referentials.appellations()) {
    const list = appellationsByCode.get(appellation.romeCode);
    if (list) list.push(appellation);
    else appellationsByCode.set(appellation.romeCode, [appellation]);
  }
  const romeCodes = [...certifiedRomeCodes(referentials)]
    .filter((code) => appellationsByCode.has(code))
    .sort();
  const communes = referentials.communes().filter((commune) => commune.population > 0);
  const cumulativePopulation = cumulativeSums(communes.map((commune) => commune.population));
  return () => {
    const romeCode = random.pick(romeCodes);
    return {
      appellation: random.pick(appellationsByCode.get(romeCode) ?? []),
      commune: random.pickWeighted(communes, cumulativePopulation),
      radiusKm: random.pick(RADII_KM),
    };
  };
}

/** Every job some certification leads to, by Certif Info or by RNCP → ROME. */
function certifiedRomeCodes(referentials: Referentials): Set<string> {
  const codes = new Set<string>();
  for (const certification of referentials.certifications()) {
    for (const code of certification.romeCodes) codes.add(code);
    if (certification.rncp)
      for (const code of referentials.romeCodesOfRncp(certification.rncp)) codes.add(code);
  }
  return codes;
}
