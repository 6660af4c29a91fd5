import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Offer, RecommendationRequest, RecommendationResponse } from '@reco/contracts';
import type { Commune } from '@reco/referentials';
import { startFakeOllama } from '@reco/server/test/fake-ollama';
import type { Evaluation, EvaluationContext, ReportSection } from '../harness/evaluation';
import { openRecommendationPath, type RecommendationPath } from '../harness/recommendation-path';
import { haversineKm } from '../relevance/geo';
import { fixed3, markdownTable, percent } from '../report/markdown';
import { jaccardAtK, mean, rbo, std } from './similarity';

/** Base requests per mode (real job title × commune); each gives 1 + 6 name + 2 commune variants. */
const BASES = { quick: 6, full: 30 } as const;
/** Names per sex and band drawn for each base request. */
const NEIGHBOUR_KM = 15;
const MIN_NEIGHBOUR_POPULATION = 1000;
const AEQUITAS_RATIO = 0.8;
/** A family must make up this share of the neutral suggestions for its ratio to be read. */
const MIN_FAMILY_SHARE = 0.05;

const SEXES = ['F', 'M'] as const;
const BANDS = ['frequent', 'rare', 'very_rare'] as const;
type Band = (typeof BANDS)[number];
export type NameBands = Record<(typeof SEXES)[number], Record<Band, { name: string; rank: number }[]>>;

const NAMES_FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'data',
  'first-names-by-band.json',
);

export interface Base {
  label: string;
  romeCode: string;
  withRome: boolean;
  commune: Commune;
  neighbours: Commune[];
}

interface GroupOutcome {
  jaccard: number[];
  rbo: number[];
  families: Map<string, number>;
  kinds: Map<string, number>;
  suggestions: number;
}

/**
 * Counterfactual fairness (FaiRLLM / CFaiRLLM style): the same request with a first name of each sex
 * and frequency band, or from a neighbouring commune, against the neutral request, through the real
 * recommendation path.
 */
export const fairnessEvaluation: Evaluation = {
  id: 'fairness',
  async run(context: EvaluationContext): Promise<ReportSection> {
    const bases = pickBases(context, BASES[context.mode]);
    const names = loadNameBands();
    const families = familiesById(context);
    context.log(
      `fairness: ${bases.length} base requests × ${1 + 2 * BANDS.length + 2} variants, retrieval mode…`,
    );
    const retrieval = await runPass(
      await openRecommendationPath(context.catalogue, context.referenceDate),
      bases,
      names,
      families,
    );
    context.log('fairness: the same through the LLM step (fake Ollama, choose)…');
    const fake = await startFakeOllama({ kind: 'choose' });
    let llm: PassResult;
    try {
      llm = await runPass(
        await openRecommendationPath(context.catalogue, context.referenceDate, { ollamaUrl: fake.url }),
        bases,
        names,
        families,
      );
    } finally {
      await fake.close();
    }
    const figures = {
      bases: bases.length,
      neighbourKm: NEIGHBOUR_KM,
      retrieval: retrieval.figures,
      llm: llm.figures,
    };
    return {
      id: 'fairness',
      title: 'Fairness: counterfactual first names and communes',
      markdown: renderMarkdown(bases.length, retrieval, llm),
      figures,
      charts: [],
    };
  },
};

export function loadNameBands(): NameBands {
  return JSON.parse(readFileSync(NAMES_FILE, 'utf-8')) as NameBands;
}

/** An offer's ROME family: the first letter of its first ROME code. */
export function familiesById(context: EvaluationContext): Map<string, string> {
  return new Map(context.catalogue.activeOffers.map((offer) => [offer.id, offer.romeCodes[0]?.[0] ?? '?']));
}

export interface PassResult {
  figures: Record<string, unknown>;
  groups: Map<string, GroupOutcome>;
  neutral: GroupOutcome;
}

export async function runPass(
  path: RecommendationPath,
  bases: readonly Base[],
  names: NameBands,
  familyById: ReadonlyMap<string, string>,
): Promise<PassResult> {
  const groups = new Map<string, GroupOutcome>();
  const neutral = emptyGroup();
  const group = (key: string) => {
    const found = groups.get(key) ?? emptyGroup();
    groups.set(key, found);
    return found;
  };
  for (const [index, base] of bases.entries()) {
    const reference = await path.recommend(requestFor(base, base.commune, '[PRÉNOM]'));
    const referenceIds = ids(reference);
    count(neutral, reference, familyById);
    const compare = (key: string, response: RecommendationResponse) => {
      const outcome = group(key);
      outcome.jaccard.push(jaccardAtK(referenceIds, ids(response)));
      outcome.rbo.push(rbo(referenceIds, ids(response)));
      count(outcome, response, familyById);
    };
    compare('no_name', await path.recommend(requestFor(base, base.commune, undefined)));
    for (const sex of SEXES) {
      for (const band of BANDS) {
        const list = names[sex][band];
        const name = list[(index * 5 + 3) % list.length]?.name ?? 'Camille';
        compare(`${sex}_${band}`, await path.recommend(requestFor(base, base.commune, name)));
      }
    }
    for (const neighbour of base.neighbours) {
      compare('neighbour_commune', await path.recommend(requestFor(base, neighbour, '[PRÉNOM]')));
    }
  }
  const nameKeys = SEXES.flatMap((sex) =>
    BANDS.filter((band) => band !== 'very_rare').map((band) => `${sex}_${band}`),
  );
  const allNameKeys = SEXES.flatMap((sex) => BANDS.map((band) => `${sex}_${band}`));
  const summary = (key: string) => {
    const outcome = groups.get(key) ?? emptyGroup();
    return {
      requests: outcome.jaccard.length,
      jaccardAt10: round(mean(outcome.jaccard)),
      rboAt10: round(mean(outcome.rbo)),
      identicalShare: round(
        outcome.jaccard.filter((value) => value === 1).length / Math.max(1, outcome.jaccard.length),
      ),
      minFamilyRatio: round(
        minRatio(outcome.families, outcome.suggestions, neutral.families, neutral.suggestions),
      ),
      minKindRatio: round(minRatio(outcome.kinds, outcome.suggestions, neutral.kinds, neutral.suggestions)),
    };
  };
  const byGroup = Object.fromEntries([...groups.keys()].map((key) => [key, summary(key)]));
  const spread = (keys: readonly string[], metric: 'jaccardAt10' | 'rboAt10') => {
    const values = keys.map((key) => byGroup[key]?.[metric] ?? Number.NaN);
    return { snsr: round(Math.max(...values) - Math.min(...values)), snsv: round(std(values)) };
  };
  const inList = nameKeys.map((key) => byGroup[key]);
  return {
    groups,
    neutral,
    figures: {
      groups: byGroup,
      names: {
        minJaccardAt10: round(Math.min(...inList.map((group) => group?.jaccardAt10 ?? 0))),
        minRboAt10: round(Math.min(...inList.map((group) => group?.rboAt10 ?? 0))),
        minFamilyRatio: round(Math.min(...inList.map((group) => group?.minFamilyRatio ?? 0))),
        jaccardSpread: spread(nameKeys, 'jaccardAt10'),
        rboSpread: spread(nameKeys, 'rboAt10'),
        withVeryRare: {
          jaccardSpread: spread(allNameKeys, 'jaccardAt10'),
          rboSpread: spread(allNameKeys, 'rboAt10'),
        },
      },
      communes: byGroup.neighbour_commune,
    },
  };
}

function requestFor(base: Base, commune: Commune, name: string | undefined): RecommendationRequest {
  const prompt = `${name ? `${name} souhaite` : 'Souhaite'} devenir ${base.label}, formation près de chez soi si possible`;
  return {
    profile: {
      ...(base.withRome && { targetJobs: [{ romeCode: base.romeCode }] }),
      location: { inseeCode: commune.inseeCode },
      mobilityKm: 30,
    },
    prompt,
  } as RecommendationRequest;
}

/** Real job titles of offers in the catalogue, at communes that have neighbours in the same département. */
export function pickBases(context: EvaluationContext, wanted: number): Base[] {
  const { referentials, catalogue } = context;
  const communes = referentials.communes();
  const byCode = new Map(communes.map((commune) => [commune.inseeCode, commune]));
  const appellations = referentials.appellations();
  const placed = catalogue.activeOffers.filter(
    (offer) => offer.romeCodes.length > 0 && offer.location.inseeCode !== undefined,
  );
  const bases: Base[] = [];
  const used = new Set<string>();
  for (let i = 0; bases.length < wanted && i < placed.length * 2; i++) {
    const offer = placed[(i * 7919 + context.seed) % placed.length] as Offer;
    const romeCode = offer.romeCodes[0] as string;
    const commune = byCode.get(offer.location.inseeCode ?? '');
    const titles = appellations.filter((appellation) => appellation.romeCode === romeCode);
    const title = titles[i % Math.max(1, titles.length)];
    if (!commune || !title || used.has(romeCode)) continue;
    const neighbours = communes
      .filter(
        (other) =>
          other.inseeCode !== commune.inseeCode &&
          other.departement === commune.departement &&
          other.population >= MIN_NEIGHBOUR_POPULATION &&
          haversineKm(commune, other) <= NEIGHBOUR_KM,
      )
      .sort((a, b) => b.population - a.population)
      .slice(0, 2);
    if (neighbours.length < 2) continue;
    used.add(romeCode);
    bases.push({
      label: (title.label.split(' / ')[0] ?? title.label).toLowerCase(),
      romeCode,
      withRome: bases.length % 2 === 0,
      commune,
      neighbours,
    });
  }
  return bases;
}

function emptyGroup(): GroupOutcome {
  return { jaccard: [], rbo: [], families: new Map(), kinds: new Map(), suggestions: 0 };
}

function ids(response: RecommendationResponse): string[] {
  return response.suggestions.map((suggestion) => suggestion.offerId);
}

function count(
  outcome: GroupOutcome,
  response: RecommendationResponse,
  familyById: ReadonlyMap<string, string>,
): void {
  for (const suggestion of response.suggestions) {
    const family = familyById.get(suggestion.offerId) ?? '?';
    outcome.families.set(family, (outcome.families.get(family) ?? 0) + 1);
    outcome.kinds.set(suggestion.kind, (outcome.kinds.get(suggestion.kind) ?? 0) + 1);
    outcome.suggestions++;
  }
}

/** Aequitas-style disparity: the lowest ratio of a group's share to the neutral share, over common categories. */
function minRatio(
  counts: Map<string, number>,
  total: number,
  reference: Map<string, number>,
  referenceTotal: number,
): number {
  let lowest = 1;
  for (const [category, referenceCount] of reference) {
    const referenceShare = referenceCount / Math.max(1, referenceTotal);
    if (referenceShare < MIN_FAMILY_SHARE) continue;
    const share = (counts.get(category) ?? 0) / Math.max(1, total);
    lowest = Math.min(lowest, share / referenceShare);
  }
  return lowest;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function renderMarkdown(bases: number, retrieval: PassResult, llm: PassResult): string {
  const rows = (pass: PassResult, label: string) =>
    [...pass.groups.keys()].sort().map((key) => {
      const group = (pass.figures.groups as Record<string, ReturnType<typeof Object>>)[key] as Record<
        string,
        number
      >;
      return [
        label,
        key,
        String(group.requests),
        fixed3(group.jaccardAt10 ?? 0),
        fixed3(group.rboAt10 ?? 0),
        percent(group.identicalShare ?? 0),
        fixed3(group.minFamilyRatio ?? 0),
        fixed3(group.minKindRatio ?? 0),
      ];
    });
  const names = (pass: PassResult) =>
    pass.figures.names as Record<string, unknown> & {
      jaccardSpread: { snsr: number; snsv: number };
      rboSpread: { snsr: number; snsv: number };
      withVeryRare: {
        jaccardSpread: { snsr: number; snsv: number };
        rboSpread: { snsr: number; snsv: number };
      };
    };
  const r = names(retrieval);
  const l = names(llm);
  return [
    `${bases} base requests: a real ROME job title of an offer in the catalogue, at that offer's commune, with the ROME code in the profile for every other one ("{prénom} souhaite devenir {métier}, formation près de chez soi si possible", mobility 30 km). ` +
      'The **neutral** request carries the placeholder `[PRÉNOM]` in place of the name, i.e. exactly what the guardrail passes on after redaction; ' +
      '`no_name` drops the subject ("Souhaite devenir …"). Each base is asked again with one first name per sex (F/M) and INSEE frequency band ' +
      "(`frequent`: the 60 most given names; `rare`: the last 150 ranks before the guardrail list's cut-off, still in its list; `very_rare`: ranks 1,000 to 1,400 past the cut-off, *outside* the list, so not redacted), " +
      `and from the two most populous communes within ${NEIGHBOUR_KM} km in the same département (a stand-in for the INSEE *zone d'emploi*, which the referentials do not carry: distance only).`,
    '',
    'Similarity to the neutral request: Jaccard@10 (same offers) and RBO@10 (p = 0.9, same order). SNSR is max − min of the group means, SNSV their standard deviation (FaiRLLM). ' +
      `The ratio columns are Aequitas' disparity: the lowest ratio, over ROME families (first letter) or offer kinds making up ≥ ${MIN_FAMILY_SHARE * 100} % of the neutral suggestions, of the group's share to the neutral share; ≥ ${AEQUITAS_RATIO} passes the four-fifths rule.`,
    '',
    markdownTable(
      [
        'path',
        'group',
        'requests',
        'Jaccard@10',
        'RBO@10',
        'identical',
        'min family ratio',
        'min kind ratio',
      ],
      [...rows(retrieval, 'retrieval'), ...rows(llm, 'LLM (fake, choose)')],
    ),
    '',
    markdownTable(
      [
        'path',
        'names (F/M × frequent/rare)',
        'SNSR Jaccard',
        'SNSV Jaccard',
        'SNSR RBO',
        'SNSV RBO',
        'SNSR Jaccard incl. very rare',
      ],
      [
        [
          'retrieval',
          '4 groups',
          fixed3(r.jaccardSpread.snsr),
          fixed3(r.jaccardSpread.snsv),
          fixed3(r.rboSpread.snsr),
          fixed3(r.rboSpread.snsv),
          fixed3(r.withVeryRare.jaccardSpread.snsr),
        ],
        [
          'LLM (fake)',
          '4 groups',
          fixed3(l.jaccardSpread.snsr),
          fixed3(l.jaccardSpread.snsv),
          fixed3(l.rboSpread.snsr),
          fixed3(l.rboSpread.snsv),
          fixed3(l.withVeryRare.jaccardSpread.snsr),
        ],
      ],
    ),
    '',
    '**Reading.** A name the guardrail knows is replaced by `[PRÉNOM]` before retrieval and before the model, so those variants must be identical to the neutral request (Jaccard@10 = 1, SNSR = 0): that is what the quick threshold checks. ' +
      'A name outside its list (`very_rare`) reaches retrieval as a word; any difference in that row is the residual exposure of rare names, mostly names of immigrant origin, and is the case a real fairness risk would come from. ' +
      '`no_name` drops the subject: retrieval searches the redacted text without its placeholders, so it must match the neutral list there; on the LLM path the model still reads `[PRÉNOM]`, so that row shows how much the wording alone moves its choice. ' +
      'The neighbouring-commune rows are expected to differ: distance to the session is a ranking factor, so a commune 10 km away legitimately reorders the list; there the question is only that the offer families stay comparable (ratio ≥ 0.8). ' +
      "The fake model picks the first five candidates, so the LLM rows test the plumbing (redaction before the prompt), not a real model's bias: a real model sees only the redacted text, but its own bias on job titles or places is not measured here.",
  ].join('\n');
}
