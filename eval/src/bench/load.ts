import type { CatalogueParts } from '@reco/ingestion';
import { startFakeOllama } from '@reco/server/test/fake-ollama';
import type { TestSession } from '@reco/server/test/login';
import autocannon, { type AutocannonOptions, type AutocannonResult } from 'autocannon';
import { startLoadApp } from './load-app';
import { countStoredRecommendations, type RequestLedger, reconcile } from './request-ledger';
import { type BenchQuery, type LatencySummary, round, summarise } from './workload';

export interface LoadRun {
  route: string;
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  /**
   * Every response's time as autocannon reported it (its 'response' event), whatever the status:
   * autocannon's own histogram keeps 2xx only and has no 95th percentile.
   */
  latency: LatencySummary;
  ok2xx: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
}

export interface LoadFigures {
  activeOffers: number;
  llm: string;
  sessions: number;
  recommendations: LoadRun;
  /** The recommendation run's 2xx answers beside the requests received and stored: none lost. */
  ledger: RequestLedger;
  health: LoadRun;
  /** Recommendation requests/s over health requests/s. */
  throughputRatioToHealth: number;
  fakeOllamaChatRequests: number;
}

/** autocannon's per-request timeout: a request answered later counts as a timeout. */
const TIMEOUT_SECONDS = 30;

/**
 * `POST /api/recommendations` under load through the real app (composition root, Express, session
 * and CSRF middleware, guardrail, hybrid retrieval, LLM choice, persistence) on 127.0.0.1, the LLM
 * being the fake Ollama answering `choose` (started here). `connections` counsellor accounts are
 * created and each logged in once; the requests take the sessions in turn (autocannon's requests
 * are shared by its connections, so a session is not pinned to one connection) and the varied
 * workload bodies in turn. Once the server has answered everything, the requests stored for the
 * load's counsellors are reconciled with autocannon's 2xx count (see request-ledger.ts). Baseline, in
 * the same process and run: `GET /api/health` (Express and its middleware plus one count query: the
 * HTTP stack's ceiling).
 */
export async function benchLoad(options: {
  parts: CatalogueParts;
  queries: readonly BenchQuery[];
  connections: number;
  seconds: number;
  healthSeconds: number;
  activeOffers: number;
  log: (line: string) => void;
}): Promise<LoadFigures> {
  const { parts, connections } = options;
  const fake = await startFakeOllama({ kind: 'choose' });
  try {
    const app = await startLoadApp({
      parts,
      counsellors: connections,
      usernamePrefix: 'bench.conseiller',
      ollamaBaseUrl: fake.url,
    });
    try {
      const { base, sessions } = app;
      const bodies = options.queries.map((query) => JSON.stringify(query));

      let next = 0;
      options.log(`  load: POST /api/recommendations, ${connections} connections, ${options.seconds} s…`);
      const recommendations = await run({
        url: base,
        connections,
        duration: options.seconds,
        timeout: TIMEOUT_SECONDS,
        requests: [
          {
            method: 'POST',
            path: '/api/recommendations',
            setupRequest: (request) => {
              const index = next++;
              const session = sessions[index % sessions.length] as TestSession;
              return {
                ...request,
                headers: {
                  'content-type': 'application/json',
                  cookie: session.cookie,
                  'x-csrf-token': session.csrfToken,
                },
                body: bodies[index % bodies.length] as string,
              };
            },
          },
        ],
      });
      const recommendationsRun = loadRun('POST /api/recommendations', connections, recommendations);
      // The requests autocannon dropped at its deadline are still being answered: count once they are.
      await app.drained();
      const ledger = reconcile({
        answered2xx: recommendationsRun.ok2xx,
        failed: recommendationsRun.non2xx + recommendationsRun.errors + recommendationsRun.timeouts,
        received: app.recommendationsReceived(),
        stored: await countStoredRecommendations(
          parts.db,
          app.counsellors.map((counsellor) => counsellor.userId),
        ),
        maxAbandoned: connections,
      });
      options.log(
        `  ${ledger.ok ? 'no request lost' : 'REQUESTS LOST OR FAILED'}: ${ledger.answered2xx} answered 2xx, ` +
          `${ledger.received} received, ${ledger.stored} stored, ${ledger.abandonedAtStop} abandoned at stop, ${ledger.failed} failed`,
      );
      options.log(`  load: GET /api/health, ${connections} connections, ${options.healthSeconds} s…`);
      const health = await run({
        url: `${base}/api/health`,
        connections,
        duration: options.healthSeconds,
        timeout: TIMEOUT_SECONDS,
      });
      const healthRun = loadRun('GET /api/health', connections, health);

      return {
        activeOffers: options.activeOffers,
        llm: 'fake Ollama answering `choose` (in process, 127.0.0.1)',
        sessions: sessions.length,
        recommendations: recommendationsRun,
        ledger,
        health: healthRun,
        throughputRatioToHealth: round(recommendationsRun.requestsPerSecond / healthRun.requestsPerSecond, 4),
        fakeOllamaChatRequests: fake.chatRequests().length,
      };
    } finally {
      await app.close();
    }
  } finally {
    await fake.close();
  }
}

interface Measured {
  result: AutocannonResult;
  samples: number[];
}

function run(options: AutocannonOptions): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const samples: number[] = [];
    autocannon(options, (error, result) => (error ? reject(error) : resolve({ result, samples }))).on(
      'response',
      (_client, _status, _bytes, responseTime) => {
        samples.push(responseTime);
      },
    );
  });
}

function loadRun(route: string, connections: number, { result, samples }: Measured): LoadRun {
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count]),
  );
  return {
    route,
    connections,
    durationSeconds: round(result.duration, 1),
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / result.duration, 1),
    latency: summarise(samples),
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    statusCodes,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}
