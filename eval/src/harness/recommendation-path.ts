import type { RecommendationRequest, RecommendationResponse } from '@reco/contracts';
import { CatalogueRepository } from '@reco/db';
import { BuiltinCatalogueEmbedding } from '@reco/ingestion';
import { buildServices, loadConfig, seedDemoAccounts, silentLogger } from '@reco/server';
import type { EvalCatalogue } from './eval-catalogue';

/** The real recommendation path (guardrail, hybrid retrieval, LLM step or rules, audit record). */
export interface RecommendationPath {
  recommend(request: RecommendationRequest): Promise<RecommendationResponse>;
}

export interface RecommendationPathOptions {
  /** No chat model (retrieval mode) when absent; otherwise the Ollama at this URL (the fake). */
  ollamaUrl?: string;
  /** Short LLM deadlines, so that a slow model is given up within an evaluation's time. */
  llmAttemptTimeoutMs?: number;
  llmTotalBudgetMs?: number;
  /** The chat model to ask (the server's default, mixtral:8x7b, when absent). */
  ollamaModel?: string;
  /** Called with the fields the recommender logs for each answer (mode, fallback reason, dropped ids…). */
  onRecommendation?: (fields: Record<string, unknown>) => void;
}

/**
 * The server's own composition root (`buildServices`) on the evaluation's catalogue, as the demo
 * counsellor, with the clock at the run's reference date so that the same sessions are active as in
 * the catalogue the evaluations judge.
 */
export async function openRecommendationPath(
  catalogue: EvalCatalogue,
  referenceDate: string,
  options: RecommendationPathOptions = {},
): Promise<RecommendationPath> {
  const config = loadConfig({
    LLM: options.ollamaUrl ? 'ollama' : 'none',
    ...(options.ollamaUrl && { OLLAMA_BASE_URL: options.ollamaUrl }),
    ...(options.ollamaModel && { OLLAMA_CHAT_MODEL: options.ollamaModel }),
    ...(options.llmAttemptTimeoutMs && { LLM_ATTEMPT_TIMEOUT_MS: String(options.llmAttemptTimeoutMs) }),
    ...(options.llmTotalBudgetMs && { LLM_TOTAL_BUDGET_MS: String(options.llmTotalBudgetMs) }),
  });
  const repository = new CatalogueRepository(catalogue.db);
  const services = await buildServices(
    config,
    { db: catalogue.db, catalogue: repository, embedding: new BuiltinCatalogueEmbedding(repository) },
    options.onRecommendation
      ? {
          ...silentLogger,
          info: (message, fields) => {
            if (message === 'recommendation' && fields) options.onRecommendation?.(fields);
          },
        }
      : silentLogger,
    { clock: () => new Date(`${referenceDate}T10:00:00Z`) },
  );
  await seedDemoAccounts(services.auth.users, services.auth.hasher, 'demo');
  const counsellor = await services.auth.users.findByUsername('conseiller.demo');
  if (!counsellor) throw new Error('the demo counsellor was not seeded');
  return { recommend: (request) => services.recommender.recommend({ id: counsellor.id }, request) };
}
