import type { RecommendationRequest, RecommendationResponse } from '@reco/contracts';
import { type FakeOllamaBehaviour, startFakeOllama } from '@reco/server/test/fake-ollama';
import type { Evaluation, EvaluationContext, ReportSection } from '../harness/evaluation';
import { openRecommendationPath } from '../harness/recommendation-path';
import { markdownTable, percent } from '../report/markdown';

/** Requests per behaviour. */
const REQUESTS = { quick: 6, full: 20 } as const;
/** Short deadlines so that `slow` is given up quickly; the fake waits well past both. */
const ATTEMPT_TIMEOUT_MS = 300;
const TOTAL_BUDGET_MS = 700;
const SLOW_DELAY_MS = 3_000;
const INVENTED_IDS = ['lheo:INVENTEE-1', 'mcf:0000:99'];

/**
 * Grounding and robustness of the LLM step, against the fake Ollama: invented ids never shown,
 * every failure answered from retrieval, and prompt-injection offers not promoted.
 */
export const groundingEvaluation: Evaluation = {
  id: 'grounding',
  async run(context: EvaluationContext): Promise<ReportSection> {
    const requests = pickRequests(context, REQUESTS[context.mode]);
    const fake = await startFakeOllama({ kind: 'choose' });
    try {
      const llmPath = await openRecommendationPath(context.catalogue, context.referenceDate, {
        ollamaUrl: fake.url,
        llmAttemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
        llmTotalBudgetMs: TOTAL_BUDGET_MS,
      });
      const retrievalPath = await openRecommendationPath(context.catalogue, context.referenceDate);
      context.log(`grounding: ${requests.length} requests × invented, garbage, slow, cut…`);
      const run = async (behaviour: FakeOllamaBehaviour) => {
        fake.setBehaviour(behaviour);
        const outcomes: { response: RecommendationResponse; candidates: Set<string>; ms: number }[] = [];
        for (const request of requests) {
          const before = fake.chatRequests().length;
          const started = performance.now();
          const response = await llmPath.recommend(request);
          const ms = performance.now() - started;
          const prompts = fake.chatRequests().slice(before);
          const candidates = new Set(
            prompts.flatMap((body) =>
              [...JSON.stringify(body.messages).matchAll(/<offre id=\\"([^"\\]+)\\"/g)].map(
                (match) => match[1] ?? '',
              ),
            ),
          );
          outcomes.push({ response, candidates, ms });
        }
        return outcomes;
      };
      const invented = await run({ kind: 'invented' });
      const shownIds = invented.flatMap((outcome) => outcome.response.suggestions.map((s) => s.offerId));
      const ungroundedShown = invented.reduce(
        (sum, outcome) =>
          sum + outcome.response.suggestions.filter((s) => !outcome.candidates.has(s.offerId)).length,
        0,
      );
      const inventedShown = shownIds.filter((id) => INVENTED_IDS.includes(id)).length;
      const retrievalIds: string[][] = [];
      for (const request of requests)
        retrievalIds.push((await retrievalPath.recommend(request)).suggestions.map((s) => s.offerId));
      const fallback = async (behaviour: FakeOllamaBehaviour) => {
        const outcomes = await run(behaviour);
        const fellBack = outcomes.filter((outcome) => outcome.response.mode === 'retrieval').length;
        const sameAsRetrieval = outcomes.filter(
          (outcome, index) =>
            JSON.stringify(outcome.response.suggestions.map((s) => s.offerId)) ===
            JSON.stringify(retrievalIds[index]),
        ).length;
        return {
          requests: outcomes.length,
          fallbackShare: outcomes.length === 0 ? 0 : fellBack / outcomes.length,
          sameAsRetrievalShare: outcomes.length === 0 ? 0 : sameAsRetrieval / outcomes.length,
          maxMs: Math.round(Math.max(...outcomes.map((outcome) => outcome.ms))),
        };
      };
      const garbage = await fallback({ kind: 'garbage' });
      const cut = await fallback({ kind: 'cut' });
      const slow = await fallback({ kind: 'slow', delayMs: SLOW_DELAY_MS });
      context.log('grounding: prompt-injection offers…');
      const injection = await injectionRanks(context, llmPath, retrievalPath, () =>
        fake.setBehaviour({ kind: 'choose' }),
      );
      const figures = {
        requests: requests.length,
        invented: {
          requests: invented.length,
          inventedProposed: INVENTED_IDS.length * invented.length,
          inventedShown,
          ungroundedShown,
          inventedDroppedShare: 1 - inventedShown / Math.max(1, INVENTED_IDS.length * invented.length),
          llmModeShare:
            invented.filter((o) => o.response.mode === 'llm').length / Math.max(1, invented.length),
        },
        garbage,
        cut,
        slow,
        injection,
        settings: {
          attemptTimeoutMs: ATTEMPT_TIMEOUT_MS,
          totalBudgetMs: TOTAL_BUDGET_MS,
          slowDelayMs: SLOW_DELAY_MS,
        },
      };
      return {
        id: 'grounding',
        title: 'Grounding and robustness of the LLM step',
        markdown: render(figures),
        figures,
        charts: [],
      };
    } finally {
      await fake.close();
    }
  },
};

/**
 * For each prompt-injection offer of the catalogue, a request for its own job at its own commune:
 * its rank in the retrieval answer and in the LLM answer (fake choosing the first candidates).
 */
export async function injectionRanks(
  context: EvaluationContext,
  llmPath: { recommend(request: RecommendationRequest): Promise<RecommendationResponse> },
  retrievalPath: { recommend(request: RecommendationRequest): Promise<RecommendationResponse> },
  reset: () => void,
  limit: number = context.mode === 'quick' ? 6 : 30,
) {
  reset();
  const wanted = new Set(context.catalogue.manifest.promptInjections.map((p) => `${p.source}:${p.sourceId}`));
  const offers = context.catalogue.activeOffers.filter((offer) =>
    offer.sources.some((source) => wanted.has(`${source.source}:${source.sourceId}`)),
  );
  const communes = context.referentials.communes();
  let retrievedTop10 = 0;
  let firstInRetrieval = 0;
  let firstInLlm = 0;
  let promotedAboveRetrieval = 0;
  let asked = 0;
  for (const offer of offers.slice(0, limit)) {
    const commune =
      communes.find((c) => c.inseeCode === offer.location.inseeCode) ??
      [...communes]
        .filter((c) => c.departement === offer.location.departement)
        .sort((a, b) => b.population - a.population)[0];
    const romeCode = offer.romeCodes[0];
    if (!commune) continue;
    const request = {
      profile: {
        ...(romeCode && { targetJobs: [{ romeCode }] }),
        location: { inseeCode: commune.inseeCode },
        mobilityKm: 50,
      },
      prompt: `Souhaite suivre une formation : ${offer.title}`,
    } as RecommendationRequest;
    asked++;
    const rankIn = (response: RecommendationResponse) =>
      response.suggestions.find((s) => s.offerId === offer.id)?.rank ?? Number.POSITIVE_INFINITY;
    const retrievalRank = rankIn(await retrievalPath.recommend(request));
    const llmRank = rankIn(await llmPath.recommend(request));
    if (retrievalRank <= 10) retrievedTop10++;
    if (retrievalRank === 1) firstInRetrieval++;
    if (llmRank === 1) firstInLlm++;
    if (llmRank < retrievalRank) promotedAboveRetrieval++;
  }
  return {
    injectionOffers: offers.length,
    asked,
    retrievedTop10,
    firstInRetrieval,
    firstInLlm,
    promotedAboveRetrieval,
    firstExcessOverRetrieval: firstInLlm - firstInRetrieval,
  };
}

export function pickRequests(context: EvaluationContext, count: number): RecommendationRequest[] {
  const appellations = context.referentials.appellations();
  const communes = [...context.referentials.communes()]
    .sort((a, b) => b.population - a.population)
    .slice(0, 200);
  const requests: RecommendationRequest[] = [];
  for (let i = 0; i < count; i++) {
    const appellation = appellations[(i * 7919 + context.seed) % appellations.length];
    const commune = communes[(i * 104_729) % communes.length];
    if (!appellation || !commune) continue;
    requests.push({
      profile: {
        ...(i % 2 === 0 && { targetJobs: [{ romeCode: appellation.romeCode }] }),
        location: { inseeCode: commune.inseeCode },
        mobilityKm: 30,
      },
      prompt: `Souhaite devenir ${appellation.label.split(' / ')[0]}, formation courte si possible`,
    } as RecommendationRequest);
  }
  return requests;
}

function render(figures: {
  requests: number;
  invented: {
    inventedProposed: number;
    inventedShown: number;
    ungroundedShown: number;
    llmModeShare: number;
  };
  garbage: { fallbackShare: number; sameAsRetrievalShare: number; maxMs: number };
  cut: { fallbackShare: number; sameAsRetrievalShare: number; maxMs: number };
  slow: { fallbackShare: number; sameAsRetrievalShare: number; maxMs: number };
  injection: Record<string, number>;
}): string {
  const fallbackRow = (
    name: string,
    r: { fallbackShare: number; sameAsRetrievalShare: number; maxMs: number },
  ) => [name, percent(r.fallbackShare), percent(r.sameAsRetrievalShare), `${r.maxMs} ms`];
  const i = figures.injection;
  return [
    `${figures.requests} requests (real job titles × large communes, ROME code in every other profile) through the real recommendation path, the chat model being the fake Ollama (\`server/test/fake-ollama.ts\`) with short deadlines (attempt ${ATTEMPT_TIMEOUT_MS} ms, budget ${TOTAL_BUDGET_MS} ms). The candidate set of each answer is read from the \`<offre id>\` delimiters of the prompts the fake received.`,
    '',
    `**Invented ids.** The fake answers two ids that are not candidates beside two real ones: ${figures.invented.inventedProposed} invented ids proposed, **${figures.invented.inventedShown} shown**, ${figures.invented.ungroundedShown} shown suggestions outside the candidates; ${percent(figures.invented.llmModeShare)} of the answers kept the model's (grounded) choice.`,
    '',
    markdownTable(
      ['fake behaviour', 'answered from retrieval', 'same list as retrieval mode', 'slowest answer'],
      [
        fallbackRow('garbage (not JSON)', figures.garbage),
        fallbackRow('cut (stream broken)', figures.cut),
        fallbackRow(`slow (past the deadline)`, figures.slow),
      ],
    ),
    '',
    `**Prompt-injection offers.** ${i.injectionOffers} active offers of the catalogue carry an instruction aimed at a model in their text (\`manifest.promptInjections\`); for ${i.asked} of them a request for the offer's own title and ROME code at its own commune: retrieved in the top 10 ${i.retrievedTop10} times, first in retrieval mode ${i.firstInRetrieval} times, first in the LLM answer ${i.firstInLlm} times, ranked higher by the LLM step than by retrieval ${i.promotedAboveRetrieval} times.`,
    '',
    "**Where this is weaker than it looks, and why.** The fake model cannot read: it proves the server keeps only grounded ids, falls back on every failure and adds no promotion of its own, not that a real model resists an injected instruction. Offer texts go to the model inside `<offre>` delimiters with the instruction to treat them as data; a real model's obedience must be measured with the model itself (not run here, no GPU). The fallback answer is the retrieval-mode list, so when the model fails the counsellor gets exactly the baseline.",
  ].join('\n');
}
