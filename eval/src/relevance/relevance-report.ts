import type { Chart } from '../harness/evaluation';
import { groupedBarChartSvg } from '../report/bar-chart-svg';
import { fixed3, markdownTable, percent } from '../report/markdown';
import {
  type Distribution,
  type JobResolution,
  KINDS_AND_ALL,
  type KindOrAll,
  type Loss,
  METRIC_LABELS,
  METRIC_NAMES,
  type MetricsTable,
  type OutsideRomeList,
} from './analysis';
import type { QueryKind } from './build-relevance-set';
import { type ProducerExposure, UNDER_EXPOSURE_RATIO } from './exposure';
import type { QueryOutcome } from './run-queries';
import type { SystemId } from './systems';
import type { VectorStoreLoad } from './vector-store-baseline';

/** Everything the relevance evaluation measured: the section's figures in latest.json. */
export type RelevanceFindings = {
  set: {
    seed: number;
    targets: number;
    queries: number;
    droppedTargets: number;
    relevantPerTarget: Distribution;
    precisionAt10Ceiling: number;
    followedRemotelyShare: number;
  };
  systems: { id: SystemId; label: string }[];
  vectorStore: VectorStoreLoad;
  metrics: MetricsTable;
  exposure: Record<SystemId, ProducerExposure[]>;
  lossesToBaselines: Loss[];
  freeTextJobResolution: JobResolution;
  outsideRomeList: Record<QueryKind, OutsideRomeList>;
  latencyMs: Record<SystemId, Distribution>;
  /** Offers in the first 10: fewer when the filters leave fewer. */
  resultsPerQuery: Record<SystemId, Distribution>;
};

const KIND_LABELS: Record<KindOrAll, string> = {
  rome_target: 'ROME target',
  free_text: 'free text',
  all: 'all queries',
};

export function renderRelevanceMarkdown(
  findings: RelevanceFindings,
  misses: Record<QueryKind, QueryOutcome[]>,
): string {
  return [
    setParagraph(findings.set),
    '### Headline: all queries',
    metricsByKind(findings, ['all'], true),
    '### Per query kind',
    metricsByKind(findings, ['rome_target', 'free_text'], false),
    metricNotes(findings.set.precisionAt10Ceiling),
    vectorStoreNote(findings.vectorStore),
    '### Exposure by producer (hybrid, top 10)',
    exposureTable(findings.exposure.hybrid),
    'Relevant offers found in the top 10, by producer (and ratio to all producers), for each system:',
    foundByProducerTable(findings),
    '### Where the hybrid retriever is worse than a baseline, and its weak spots',
    lossesParagraph(findings.lossesToBaselines, findings.systems),
    resolutionParagraph(findings.freeTextJobResolution, findings.metrics),
    outsideRomeListParagraph(findings.outsideRomeList),
    underFoundParagraph(findings),
    missesTable('ROME-target queries', misses.rome_target),
    missesTable('Free-text queries', misses.free_text),
    'Why the hybrid retriever trails where it does, and what this ground truth cannot judge: ' +
      'docs/evaluation.md, "Reading the results".',
  ].join('\n\n');
}

export function recallChart(findings: RelevanceFindings): Chart {
  const groups: readonly KindOrAll[] = KINDS_AND_ALL;
  const title = 'recall@10 by system and query kind';
  return {
    name: 'relevance-recall-at-10',
    title,
    svg: groupedBarChartSvg({
      title,
      groups: groups.map((kind) => KIND_LABELS[kind]),
      series: findings.systems.map(({ id, label }) => ({
        label,
        values: groups.map((kind) => findings.metrics[id][kind].recallAt10),
      })),
      max: 1,
    }),
  };
}

function setParagraph(set: RelevanceFindings['set']): string {
  const drawn = set.targets + set.droppedTargets;
  const relevant = set.relevantPerTarget;
  return (
    `${set.queries} queries from ${set.targets} targets (job, commune, radius; seed ${set.seed}), each asked ` +
    'twice: with the ROME code in the profile, and in free text only. ' +
    `${set.droppedTargets} of the ${drawn} targets drawn (${percent(set.droppedTargets / Math.max(1, drawn))}) ` +
    'had no relevant offer in the catalogue and were dropped. Relevant offers per target: ' +
    `median ${relevant.median}, mean ${relevant.mean.toFixed(1)}, from ${relevant.min} to ${relevant.max}; ` +
    `${percent(set.followedRemotelyShare)} of them are followed remotely (eligible wherever the jobseeker lives).`
  );
}

function metricsByKind(
  findings: RelevanceFindings,
  kinds: readonly KindOrAll[],
  withListFigures: boolean,
): string {
  const header = [
    ...(kinds.length > 1 ? ['queries'] : []),
    'system',
    ...METRIC_NAMES.map((metric) => METRIC_LABELS[metric]),
    ...(withListFigures ? ['mean results', 'median ms / query'] : []),
  ];
  const rows = kinds.flatMap((kind) =>
    findings.systems.map(({ id, label }) => [
      ...(kinds.length > 1 ? [KIND_LABELS[kind]] : []),
      id === 'hybrid' ? `**${label}**` : label,
      ...METRIC_NAMES.map((metric) => fixed3(findings.metrics[id][kind][metric])),
      ...(withListFigures
        ? [findings.resultsPerQuery[id].mean.toFixed(1), findings.latencyMs[id].median.toFixed(0)]
        : []),
    ]),
  );
  return markdownTable(header, rows);
}

function metricNotes(precisionCeiling: number): string {
  return (
    'recall@10: relevant offers in the first 10 ÷ min(relevant offers, 10). nDCG@10: binary gains, log2 ' +
    'discount. MRR: 1 / rank of the first relevant offer (0 if none in the list). P@10: relevant offers ' +
    `in the first 10 ÷ 10; with so few relevant offers per query, a perfect list would score ${fixed3(precisionCeiling)}.`
  );
}

function vectorStoreNote(load: VectorStoreLoad): string {
  return (
    "LangChain PGVectorStore: `@langchain/community`'s own store, in a second PGlite reached through `pg`, " +
    `filled with \`addVectors\` from the vectors the ingestion stored (${load.documents} documents, ` +
    `${load.loadSeconds} s) and indexed with \`createHnswIndex\` (${load.indexSeconds} s); each query is ` +
    `\`similaritySearchWithScore(text, ${load.neighboursRequested}, { status: 'active' })\`, then the place ` +
    `and date conditions are checked on those ${load.neighboursRequested} documents.`
  );
}

function exposureTable(exposure: readonly ProducerExposure[]): string {
  const ratio = (value: number | null, flagged: boolean) =>
    value === null ? 'n/a' : `${value.toFixed(2)}${flagged ? ' ⚠' : ''}`;
  const table = markdownTable(
    [
      'producer',
      'share of top-10 places',
      'share of relevant offers',
      'ratio',
      'its relevant offers in the top 10',
      'ratio to all producers',
    ],
    exposure.map((row) => [
      row.producer,
      percent(row.topShare),
      percent(row.relevantShare),
      ratio(row.ratio, row.underExposed),
      percent(row.relevantFound),
      ratio(row.foundRatio, row.underFound),
    ]),
  );
  return (
    `${table}\n\n⚠: below ${UNDER_EXPOSURE_RATIO}. An offer published by several producers counts for its ` +
    "leading record's producer. The top-10 places include the non-relevant offers that fill the list when " +
    'fewer than 10 are relevant, so the first ratio also measures which producer fills them; the last ' +
    'column compares producers on their relevant offers only.'
  );
}

function foundByProducerTable(findings: RelevanceFindings): string {
  const producers = findings.exposure.hybrid.map((row) => row.producer);
  return markdownTable(
    ['system', ...producers],
    findings.systems.map(({ id, label }) => [
      label,
      ...findings.exposure[id].map((row) =>
        row.foundRatio === null
          ? 'no relevant offer'
          : `${percent(row.relevantFound)} (${row.foundRatio.toFixed(2)}${row.underFound ? ' ⚠' : ''})`,
      ),
    ]),
  );
}

function underFoundParagraph(findings: RelevanceFindings): string {
  const underFound = findings.systems.flatMap(({ id, label }) =>
    findings.exposure[id]
      .filter((row) => row.underFound)
      .map(
        (row) =>
          `${label} finds ${row.producer}'s relevant offers ${row.foundRatio?.toFixed(2)}× as often as all`,
      ),
  );
  return underFound.length === 0
    ? "No system finds one producer's relevant offers much less often than the others'."
    : `Producers at a disadvantage: ${underFound.join('; ')} (see docs/evaluation.md for why).`;
}

function lossesParagraph(losses: readonly Loss[], systems: RelevanceFindings['systems']): string {
  if (losses.length === 0)
    return 'Nowhere: the hybrid retriever is at least as good as every baseline on every metric and query kind.';
  const labelOf = (id: SystemId) => systems.find((system) => system.id === id)?.label ?? id;
  return markdownTable(
    [
      'queries',
      'metric',
      'baseline',
      'hybrid',
      'baseline value',
      'queries where the baseline / hybrid has the better recall@10',
    ],
    losses.map((loss) => [
      KIND_LABELS[loss.kind],
      METRIC_LABELS[loss.metric],
      labelOf(loss.baseline),
      fixed3(loss.hybrid),
      fixed3(loss.baselineValue),
      `${loss.queriesBaselineBetter} / ${loss.queriesHybridBetter}`,
    ]),
  );
}

function resolutionParagraph(resolution: JobResolution, metrics: MetricsTable): string {
  return (
    `Free-text queries: recall@10 ${fixed3(metrics.hybrid.free_text.recallAt10)} against ` +
    `${fixed3(metrics.hybrid.rome_target.recallAt10)} for the same targets given as ROME codes. ` +
    `The hybrid retriever found the target job (its ROME code) in the text of ` +
    `${resolution.resolvedTarget} of ${resolution.queries} (recall@10 ${fixed3(resolution.recallWhenTargetResolved)}); ` +
    `in ${resolution.resolvedOtherOnly} it found other jobs only, and in ${resolution.resolvedNone} none ` +
    `(recall@10 ${fixed3(resolution.recallOtherwise)} for these).`
  );
}

function outsideRomeListParagraph(outside: Record<QueryKind, OutsideRomeList>): string {
  const describe = (kind: QueryKind) =>
    `${percent(outside[kind].placeShare)} for ${KIND_LABELS[kind]} queries, of which ` +
    `${percent(outside[kind].relevantShare)} relevant`;
  return (
    'Hybrid top-10 places held by offers that only the vector and full-text lists found (not the ROME-code ' +
    `list): ${describe('rome_target')}; ${describe('free_text')}.`
  );
}

function missesTable(title: string, misses: readonly QueryOutcome[]): string {
  if (misses.length === 0) return `${title}: no query where the hybrid retriever found no relevant offer.`;
  return `${title} where the hybrid top 10 holds no relevant offer (largest relevant sets first):\n\n${markdownTable(
    ['query', 'request', 'target', 'relevant', 'jobs resolved'],
    misses.map(({ query, resolvedRomeCodes }) => [
      query.id,
      query.text,
      `${query.target.romeCode} ${query.target.appellation}, ${query.target.commune} ${query.target.radiusKm} km`,
      String(query.relevantIds.length),
      resolvedRomeCodes?.join(', ') || 'none',
    ]),
  )}`;
}
