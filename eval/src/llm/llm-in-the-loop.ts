import type { RecommendationRequest, RecommendationResponse } from '@reco/contracts';
import { ollamaStatus } from '@reco/server';
import { familiesById, loadNameBands, pickBases, runPass } from '../fairness/fairness-evaluation';
import { injectionRanks, pickRequests } from '../grounding/grounding-evaluation';
import type { Evaluation, EvaluationContext, ReportSection } from '../harness/evaluation';
import { openRecommendationPath, type RecommendationPath } from '../harness/recommendation-path';
import { buildRelevanceSet } from '../relevance/build-relevance-set';
import { CUTOFF, meanMetrics, type QueryMetrics, queryMetrics } from '../relevance/metrics';
import { fixed3, markdownTable, percent } from '../report/markdown';

/** Where the real model is served; run-eval.ts reads them from OLLAMA_BASE_URL and OLLAMA_CHAT_MODEL. */
export interface LlmSettings {
  baseUrl: string;
  model: string;
}

export const DEFAULT_LLM_SETTINGS: LlmSettings = {
  baseUrl: 'http://localhost:11434',
  model: 'mixtral:8x7b',
};

/**
 * A real model answers slowly (tens of seconds per request on a CPU): small subsets of the other
 * evaluations' requests, per mode.
 */
export const LLM_SIZES = {
  quick: { relevanceTargets: 3, groundingRequests: 3, injectionOffers: 2, fairnessBases: 1 },
  full: { relevanceTargets: 15, groundingRequests: 10, injectionOffers: 6, fairnessBases: 4 },
} as const;

export type LlmSizes = { [K in keyof (typeof LLM_SIZES)['quick']]: number };

/** Whether Ollama answers at `baseUrl` and serves `model` (the server's own `/api/tags` probe). */
export async function llmAvailable(settings: LlmSettings): Promise<boolean> {
  return (await ollamaStatus(settings.baseUrl, settings.model)()) === 'ok';
}

export function skippedMessage(settings: LlmSettings): string {
  return `LLM-in-the-loop skipped: no Ollama serving ${settings.model} at ${settings.baseUrl}: start Ollama and pull the model, or set OLLAMA_BASE_URL`;
}

const TITLE = 'LLM in the loop (real model)';

/** The section written when no model answers: the run goes on and exits as it would without --llm. */
export function skippedSection(settings: LlmSettings): ReportSection {
  return {
    id: 'llm',
    title: TITLE,
    markdown: `**Skipped.** ${skippedMessage(settings)}.`,
    figures: { skipped: true, baseUrl: settings.baseUrl, model: settings.model },
    charts: [],
  };
}

/**
 * Relevance, grounding and fairness through the real recommendation path with the real
 * `OllamaChatModel` (LLM=ollama, the server's normal deadlines), on small subsets: the LLM-chosen
 * lists against the retrieval-mode list of the same requests.
 */
export function llmInTheLoopEvaluation(settings: LlmSettings, sizes?: LlmSizes): Evaluation {
  return {
    id: 'llm',
    async run(context: EvaluationContext): Promise<ReportSection> {
      const size = sizes ?? LLM_SIZES[context.mode];
      const runs: Record<string, unknown>[] = [];
      const llmPath = await openRecommendationPath(context.catalogue, context.referenceDate, {
        ollamaUrl: settings.baseUrl,
        ollamaModel: settings.model,
        onRecommendation: (fields) => runs.push(fields),
      });
      const retrievalPath = await openRecommendationPath(context.catalogue, context.referenceDate);

      context.log(`llm: relevance on ${size.relevanceTargets} targets with ${settings.model}…`);
      const relevance = await relevanceFigures(context, size.relevanceTargets, llmPath, retrievalPath);

      context.log(`llm: grounding on ${size.groundingRequests} requests…`);
      const requests = pickRequests(context, size.groundingRequests);
      const before = runs.length;
      const latencies: number[] = [];
      for (const request of requests) {
        const started = performance.now();
        await llmPath.recommend(request);
        latencies.push(performance.now() - started);
      }
      const grounding = groundingFigures(runs.slice(before), latencies);
      context.log('llm: prompt-injection offers…');
      const injection = await injectionRanks(context, llmPath, retrievalPath, () => {}, size.injectionOffers);

      context.log(`llm: fairness on ${size.fairnessBases} base requests…`);
      const bases = pickBases(context, size.fairnessBases);
      const fairness = (await runPass(llmPath, bases, loadNameBands(), familiesById(context))).figures;

      const figures = {
        skipped: false,
        baseUrl: settings.baseUrl,
        model: settings.model,
        relevance,
        grounding: { ...grounding, injection },
        fairness: { bases: bases.length, ...fairness },
      };
      return { id: 'llm', title: TITLE, markdown: render(figures), figures, charts: [] };
    },
  };
}

async function relevanceFigures(
  context: EvaluationContext,
  targets: number,
  llmPath: RecommendationPath,
  retrievalPath: RecommendationPath,
) {
  const set = buildRelevanceSet({
    referentials: context.referentials,
    activeOffers: context.catalogue.activeOffers,
    referenceDate: context.referenceDate,
    seed: context.seed,
    targets,
  });
  const llm: QueryMetrics[] = [];
  const retrieval: QueryMetrics[] = [];
  let llmMode = 0;
  for (const query of set.queries) {
    const request = { profile: query.profile, prompt: query.text } as RecommendationRequest;
    const relevant = new Set(query.relevantIds);
    const score = (response: RecommendationResponse) =>
      queryMetrics(
        response.suggestions.slice(0, CUTOFF).map((suggestion) => suggestion.offerId),
        relevant,
      );
    const answer = await llmPath.recommend(request);
    if (answer.mode === 'llm') llmMode++;
    llm.push(score(answer));
    retrieval.push(score(await retrievalPath.recommend(request)));
  }
  return {
    queries: set.queries.length,
    llmModeShare: llmMode / Math.max(1, set.queries.length),
    llm: meanMetrics(llm),
    retrieval: meanMetrics(retrieval),
  };
}

function groundingFigures(runs: readonly Record<string, unknown>[], latencies: readonly number[]) {
  const number = (value: unknown) => (typeof value === 'number' ? value : 0);
  const fallbacks = runs.filter((run) => run.llmMode === 'retrieval');
  const reasons: Record<string, number> = {};
  for (const run of fallbacks) {
    const reason = String(run.fallbackReason ?? 'unknown');
    reasons[reason] = (reasons[reason] ?? 0) + 1;
  }
  const dropped = runs.reduce((sum, run) => sum + number(run.droppedInventedIds), 0);
  const kept = runs
    .filter((run) => run.llmMode === 'llm')
    .reduce((sum, run) => sum + number(run.suggestions), 0);
  return {
    requests: runs.length,
    fallbackShare: fallbacks.length / Math.max(1, runs.length),
    fallbackReasons: reasons,
    inventedIdsDropped: dropped,
    /** Share of the ids the model proposed (kept + dropped) that were not candidates, all dropped. */
    inventedShareOfProposed: dropped / Math.max(1, dropped + kept),
    maxMs: Math.round(Math.max(0, ...latencies)),
  };
}

function render(figures: {
  model: string;
  baseUrl: string;
  relevance: Awaited<ReturnType<typeof relevanceFigures>>;
  grounding: ReturnType<typeof groundingFigures> & { injection: Record<string, number> };
  fairness: Record<string, unknown> & { bases: number };
}): string {
  const { relevance, grounding, fairness } = figures;
  const i = grounding.injection;
  const names = fairness.names as { minJaccardAt10: number; jaccardSpread: { snsr: number } } | undefined;
  const communes = fairness.communes as { jaccardAt10: number; minFamilyRatio: number } | undefined;
  const row = (label: string, m: QueryMetrics) => [
    label,
    fixed3(m.recallAt10),
    fixed3(m.ndcgAt10),
    fixed3(m.reciprocalRank),
  ];
  return [
    `The real recommendation path with the real \`OllamaChatModel\` (\`${figures.model}\` at ${figures.baseUrl}, the server's normal deadlines), on small subsets of the other evaluations' requests: a real model takes seconds to tens of seconds per request.`,
    '',
    `**Relevance.** ${relevance.queries} labelled queries (same set construction as the relevance evaluation); ${percent(relevance.llmModeShare)} answered by the model, the rest fell back to retrieval.`,
    '',
    markdownTable(
      ['list', 'recall@10', 'nDCG@10', 'MRR'],
      [row('LLM-chosen', relevance.llm), row('retrieval only (baseline)', relevance.retrieval)],
    ),
    '',
    `**Grounding.** ${grounding.requests} requests: ${grounding.inventedIdsDropped} invented ids dropped (${percent(grounding.inventedShareOfProposed)} of the ids proposed), answered from retrieval ${percent(grounding.fallbackShare)} of the time (${
      Object.entries(grounding.fallbackReasons)
        .map(([reason, n]) => `${reason}: ${n}`)
        .join(', ') || 'none'
    }), slowest answer ${grounding.maxMs} ms. Prompt-injection offers: ${i.asked} asked, first in retrieval ${i.firstInRetrieval} times, first in the LLM answer ${i.firstInLlm} times, ranked higher by the model than by retrieval ${i.promotedAboveRetrieval} times.`,
    '',
    `**Fairness.** ${fairness.bases} base requests with the first-name and commune variants: lowest Jaccard@10 of a name group to the neutral request ${fixed3(names?.minJaccardAt10 ?? 0)} (SNSR ${fixed3(names?.jaccardSpread.snsr ?? 0)}); neighbouring communes Jaccard@10 ${fixed3(communes?.jaccardAt10 ?? 0)}, min family ratio ${fixed3(communes?.minFamilyRatio ?? 0)}.`,
  ].join('\n');
}
