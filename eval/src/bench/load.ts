import type { Server } from 'node:http';
import { CatalogueRepository } from '@reco/db';
import type { CatalogueParts } from '@reco/ingestion';
import { buildServices, createApp, loadConfig, silentLogger } from '@reco/server';
import { startFakeOllama } from '@reco/server/test/fake-ollama';
import { loginAs, type TestSession } from '@reco/server/test/login';
import autocannon, { type AutocannonOptions, type AutocannonResult } from 'autocannon';
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
  health: LoadRun;
  /** Recommendation requests/s over health requests/s. */
  throughputRatioToHealth: number;
  fakeOllamaChatRequests: number;
}

const PASSWORD = 'bench-password-2026';
/** autocannon's per-request timeout: a request answered later counts as a timeout. */
const TIMEOUT_SECONDS = 30;

/**
 * `POST /api/recommendations` under load through the real app (composition root, Express, session
 * and CSRF middleware, guardrail, hybrid retrieval, LLM choice, persistence) on 127.0.0.1, the LLM
 * being the fake Ollama answering `choose` (started here). `connections` counsellor accounts are
 * created and each logged in once; the requests take the sessions in turn (autocannon's requests
 * are shared by its connections, so a session is not pinned to one connection) and the varied
 * workload bodies in turn. Baseline, in the same process and run: `GET /api/health` (Express and
 * its middleware plus one count query: the HTTP stack's ceiling).
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
  let server: Server | undefined;
  try {
    const catalogue = new CatalogueRepository(parts.db);
    const config = loadConfig({ LLM: 'ollama', OLLAMA_BASE_URL: fake.url });
    const services = await buildServices(config, { ...parts, catalogue }, silentLogger);
    const app = createApp({ ...services, catalogue, logger: silentLogger });
    server = await new Promise<Server>((resolve) => {
      const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
    });
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const sessions: TestSession[] = [];
    for (let i = 0; i < connections; i++) {
      const username = `bench.conseiller.${String(i + 1).padStart(2, '0')}`;
      // What `createAccount` does once checked (it is not exported by the server package).
      await services.auth.users.create({
        username,
        passwordHash: await services.auth.hasher.hash(PASSWORD),
        role: 'counsellor',
        team: 'Équipe bench',
      });
      sessions.push(await loginAs(base, username, PASSWORD));
    }
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
    options.log(`  load: GET /api/health, ${connections} connections, ${options.healthSeconds} s…`);
    const health = await run({
      url: `${base}/api/health`,
      connections,
      duration: options.healthSeconds,
      timeout: TIMEOUT_SECONDS,
    });
    const recommendationsRun = loadRun('POST /api/recommendations', connections, recommendations);
    const healthRun = loadRun('GET /api/health', connections, health);

    return {
      activeOffers: options.activeOffers,
      llm: 'fake Ollama answering `choose` (in process, 127.0.0.1)',
      sessions: sessions.length,
      recommendations: recommendationsRun,
      health: healthRun,
      throughputRatioToHealth: round(recommendationsRun.requestsPerSecond / healthRun.requestsPerSecond, 4),
      fakeOllamaChatRequests: fake.chatRequests().length,
    };
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
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
