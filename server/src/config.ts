import type { DatabaseSettings } from '@reco/db';
import { CatalogueSettings, parseSettings } from '@reco/ingestion';
import { z } from 'zod';
import type { AuthSettings } from './auth/auth-wiring';
import { type TrustProxy, TrustProxySetting } from './http/trust-proxy';
import type { DatabaseRetrySettings } from './wait-for-database';

const ServerSettings = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  // Behind a reverse proxy, who may tell the client's address (X-Forwarded-For): the login throttle
  // counts per address, so trusting no one there puts every client behind the proxy's one address.
  TRUST_PROXY: TrustProxySetting,
  DEMO_CATALOGUE_DIR: z.string().min(1).default('./.data/demo-catalogue'),
  // Off by default so that the session cookie works over http://localhost; on behind HTTPS.
  COOKIE_SECURE: z.stringbool().default(false),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  SESSION_MAX_HOURS: z.coerce.number().positive().default(10),
  // Demo mode seeds two accounts sharing DEMO_PASSWORD; outside it there is no default account.
  DEMO: z.stringbool().default(false),
  DEMO_PASSWORD: z.string().min(1).default('demo'),
  // `none` answers from retrieval and the rules only; `ollama` asks the model and falls back to them.
  LLM: z.enum(['ollama', 'none']).default('ollama'),
  OLLAMA_CHAT_MODEL: z.string().min(1).default('mixtral:8x7b'),
  LLM_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  LLM_TOTAL_BUDGET_MS: z.coerce.number().int().positive().default(30_000),
  RETENTION_DAYS: z.coerce.number().int().positive().default(90),
  RETENTION_PURGE_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 60),
  // Automation-bias alert: share of decided requests whose proposal is the first suggestion alone,
  // over at least OVERSIGHT_MIN_DECISIONS decided requests.
  OVERSIGHT_FIRST_SUGGESTION_THRESHOLD: z.coerce.number().min(0).max(1).default(0.6),
  OVERSIGHT_MIN_DECISIONS: z.coerce.number().int().positive().default(20),
  // PostgreSQL only (the embedded database has no network to lose): past these, 503 rather than a hang.
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  DATABASE_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
  // At start-up the database may still be starting (a container): retry, doubling the delay up to
  // the cap. The defaults wait about four minutes in all.
  DATABASE_START_ATTEMPTS: z.coerce.number().int().positive().default(30),
  DATABASE_START_RETRY_DELAY_MS: z.coerce.number().int().positive().default(500),
  DATABASE_START_RETRY_MAX_DELAY_MS: z.coerce.number().int().positive().default(10_000),
  // On SIGTERM, how long requests in flight may take to finish: the LLM's whole budget by default.
  SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(30_000),
});

export type ServerConfig = Omit<CatalogueSettings, 'database'> & {
  database: DatabaseSettings;
  databaseStart: DatabaseRetrySettings;
  shutdownGraceMs: number;
  port: number;
  host: string;
  trustProxy: TrustProxy;
  demoCatalogueDir: string;
  auth: AuthSettings;
  demo: { enabled: boolean; password: string };
  llm: {
    kind: 'ollama' | 'none';
    baseUrl: string;
    model: string;
    attemptTimeoutMs: number;
    totalBudgetMs: number;
  };
  retention: { days: number; purgeIntervalMs: number };
  oversight: { firstSuggestionThreshold: number; minDecisions: number };
};

/** The only place the server reads its environment: parsed once at start-up, failing fast. */
export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const catalogue = parseSettings(CatalogueSettings, env);
  const server = parseSettings(ServerSettings, env);
  return {
    ...catalogue,
    database: {
      ...catalogue.database,
      connectTimeoutMs: server.DATABASE_CONNECT_TIMEOUT_MS,
      queryTimeoutMs: server.DATABASE_QUERY_TIMEOUT_MS,
    },
    databaseStart: {
      attempts: server.DATABASE_START_ATTEMPTS,
      initialDelayMs: server.DATABASE_START_RETRY_DELAY_MS,
      maxDelayMs: server.DATABASE_START_RETRY_MAX_DELAY_MS,
    },
    shutdownGraceMs: server.SHUTDOWN_GRACE_MS,
    port: server.PORT,
    host: server.HOST,
    trustProxy: server.TRUST_PROXY,
    demoCatalogueDir: server.DEMO_CATALOGUE_DIR,
    auth: {
      cookieSecure: server.COOKIE_SECURE,
      sessionIdleMinutes: server.SESSION_IDLE_MINUTES,
      sessionMaxHours: server.SESSION_MAX_HOURS,
    },
    demo: { enabled: server.DEMO, password: server.DEMO_PASSWORD },
    llm: {
      kind: server.LLM,
      baseUrl: catalogue.ollamaBaseUrl,
      model: server.OLLAMA_CHAT_MODEL,
      attemptTimeoutMs: server.LLM_ATTEMPT_TIMEOUT_MS,
      totalBudgetMs: server.LLM_TOTAL_BUDGET_MS,
    },
    retention: {
      days: server.RETENTION_DAYS,
      purgeIntervalMs: server.RETENTION_PURGE_INTERVAL_MINUTES * 60_000,
    },
    oversight: {
      firstSuggestionThreshold: server.OVERSIGHT_FIRST_SUGGESTION_THRESHOLD,
      minDecisions: server.OVERSIGHT_MIN_DECISIONS,
    },
  };
}
