import { randomUUID } from 'node:crypto';
import {
  AccessLogRepository,
  AuditRepository,
  CatalogueSearch,
  DecisionRepository,
  RecommendationRepository,
} from '@reco/db';
import { type Guardrail, loadGuardrail } from '@reco/guardrails';
import { BuiltinCatalogueEmbedding, type CatalogueParts, type Embedder } from '@reco/ingestion';
import { loadReferentials, type Referentials } from '@reco/referentials';
import { type Auth, createAuth } from './auth/auth-wiring';
import type { ServerConfig } from './config';
import { HttpProblem } from './http/problem';
import type { TrustProxy } from './http/trust-proxy';
import type { ChatModel } from './llm/chat-model';
import { type LlmStatus, ollamaStatus } from './llm/llm-status';
import { OllamaChatModel } from './llm/ollama-chat-model';
import type { Logger } from './logger';
import { AdminAudit } from './oversight/admin-audit';
import { DecisionRecorder } from './oversight/decision-recorder';
import { Recommender } from './recommendation/recommender';
import { RetentionPolicy } from './recommendation/retention';
import { HybridRetriever } from './retrieval/hybrid-retriever';
import { JobTitleResolver } from './retrieval/job-title-resolver';

export interface Services {
  auth: Auth;
  /** Applied by `createApp`: carried here so that every composition of the app gets it from the config. */
  trustProxy: TrustProxy;
  llmStatus: () => Promise<LlmStatus>;
  guardrail: Guardrail;
  search: CatalogueSearch;
  referentials: Referentials;
  recommender: Recommender;
  retention: RetentionPolicy;
  decisions: DecisionRecorder;
  admin: AdminAudit;
}

export interface ServiceOverrides {
  clock?: () => Date;
  chatModel?: ChatModel | null;
}

/**
 * The composition root: every adapter is chosen here from the configuration, and nowhere else.
 * Tests pass the same configuration shape (and a clock) rather than swapping parts inside.
 */
export async function buildServices(
  config: ServerConfig,
  parts: CatalogueParts,
  logger: Logger,
  overrides: ServiceOverrides = {},
): Promise<Services> {
  const clock = overrides.clock ?? (() => new Date());
  const referentials = loadReferentials();
  const guardrail = loadGuardrail();
  const search = new CatalogueSearch(parts.db);
  const recommendations = new RecommendationRepository(parts.db);
  const retriever = new HybridRetriever({
    search,
    embedder: await queryEmbedder(parts),
    referentials,
    resolver: JobTitleResolver.fromReferentials(referentials),
  });
  const chatModel =
    overrides.chatModel !== undefined
      ? (overrides.chatModel ?? undefined)
      : config.llm.kind === 'ollama'
        ? new OllamaChatModel({ baseUrl: config.llm.baseUrl, model: config.llm.model })
        : undefined;
  const recommender = new Recommender({
    guardrail,
    retriever,
    chatModel,
    recommendations,
    referentials,
    logger,
    clock,
    newId: randomUUID,
    settings: {
      llmAttemptTimeoutMs: config.llm.attemptTimeoutMs,
      llmTotalBudgetMs: config.llm.totalBudgetMs,
      maxSuggestions: 10,
      candidates: 30,
    },
  });
  const retention = new RetentionPolicy(recommendations, config.retention.days, clock);
  return {
    auth: createAuth(parts.db, config.auth, clock),
    trustProxy: config.trustProxy,
    llmStatus: chatModel ? ollamaStatus(config.llm.baseUrl, chatModel.name) : async () => 'disabled',
    guardrail,
    search,
    referentials,
    recommender,
    retention,
    decisions: new DecisionRecorder({
      recommendations,
      decisions: new DecisionRepository(parts.db),
      guardrail,
      logger,
      clock,
      newId: randomUUID,
    }),
    admin: new AdminAudit({
      audit: new AuditRepository(parts.db),
      accessLog: new AccessLogRepository(parts.db),
      retention,
      settings: config.oversight,
      logger,
      clock,
    }),
  };
}

/** Queries are embedded by the model that embedded the catalogue. */
async function queryEmbedder(parts: CatalogueParts): Promise<Embedder> {
  const { embedding } = parts;
  if (!(embedding instanceof BuiltinCatalogueEmbedding)) return embedding.prepare(async () => []);
  return new StoredModelEmbedder(() => embedding.load());
}

/**
 * The built-in model as the last ingestion stored it, loaded at the first query: a server started
 * on an empty database answers 503 until a catalogue has been ingested, instead of refusing to start.
 */
class StoredModelEmbedder implements Embedder {
  private model: Embedder | undefined;

  constructor(private readonly load: () => Promise<Embedder | undefined>) {}

  get modelId(): string {
    return this.loaded().modelId;
  }

  get dimensions(): number {
    return this.loaded().dimensions;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    this.model ??= await this.load();
    return this.loaded().embed(texts);
  }

  private loaded(): Embedder {
    if (!this.model) {
      throw new HttpProblem(
        503,
        'Catalogue indisponible',
        'Aucun catalogue n’a encore été ingéré sur ce serveur.',
      );
    }
    return this.model;
  }
}
