import type { IncomingMessage, Server } from 'node:http';
import { CatalogueRepository } from '@reco/db';
import type { CatalogueParts } from '@reco/ingestion';
import { buildServices, createApp, loadConfig, type Services, silentLogger } from '@reco/server';
import { loginAs, type TestSession } from '@reco/server/test/login';

export interface LoadCounsellor {
  userId: string;
  username: string;
}

/** The real app listening on 127.0.0.1 for a load test, its counsellors, and what it received. */
export interface LoadApp {
  base: string;
  services: Services;
  counsellors: LoadCounsellor[];
  password: string;
  /** One open session per counsellor. */
  sessions: TestSession[];
  /** `POST /api/recommendations` requests that reached the server so far. */
  recommendationsReceived(): number;
  /**
   * Resolves once every request received has its response closed: answered, or its client gone (the
   * server may still be finishing that one).
   */
  drained(): Promise<void>;
  close(): Promise<void>;
}

const PASSWORD = 'bench-password-2026';
const RECOMMENDATIONS_PATH = '/api/recommendations';

/**
 * The app as `npm run bench` loads it: the real composition root over the ingested catalogue, the
 * LLM being Ollama at `ollamaBaseUrl` (the caller's fake: it records every request, so it belongs
 * outside a process whose memory is measured), `counsellors` accounts created and each logged in once. The listener counts what reaches the server, so that a load test can tell a
 * request lost on the way from one the load generator abandoned.
 */
export async function startLoadApp(options: {
  parts: CatalogueParts;
  counsellors: number;
  usernamePrefix: string;
  ollamaBaseUrl: string;
}): Promise<LoadApp> {
  const { parts } = options;
  let server: Server | undefined;
  try {
    const catalogue = new CatalogueRepository(parts.db);
    const config = loadConfig({ LLM: 'ollama', OLLAMA_BASE_URL: options.ollamaBaseUrl });
    const services = await buildServices(config, { ...parts, catalogue }, silentLogger);
    const app = createApp({ ...services, catalogue, logger: silentLogger });
    let received = 0;
    let inFlight = 0;
    let waiters: (() => void)[] = [];
    const settle = () => {
      inFlight -= 1;
      if (inFlight > 0) return;
      for (const resolve of waiters) resolve();
      waiters = [];
    };
    const listening = await new Promise<Server>((resolve) => {
      const started = app.listen(0, '127.0.0.1', () => resolve(started));
    });
    server = listening;
    listening.prependListener('request', (request: IncomingMessage, response) => {
      if (request.method === 'POST' && request.url === RECOMMENDATIONS_PATH) received += 1;
      inFlight += 1;
      response.once('close', settle);
    });
    const address = listening.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

    const counsellors: LoadCounsellor[] = [];
    const sessions: TestSession[] = [];
    for (let i = 0; i < options.counsellors; i++) {
      const username = `${options.usernamePrefix}.${String(i + 1).padStart(2, '0')}`;
      // What `createAccount` does once checked (it is not exported by the server package).
      const user = await services.auth.users.create({
        username,
        passwordHash: await services.auth.hasher.hash(PASSWORD),
        role: 'counsellor',
        team: 'Équipe bench',
      });
      counsellors.push({ userId: user.id, username });
      sessions.push(await loginAs(base, username, PASSWORD));
    }
    return {
      base,
      services,
      counsellors,
      password: PASSWORD,
      sessions,
      recommendationsReceived: () => received,
      drained: () =>
        inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve)),
      close: () => closeServer(listening),
    };
  } catch (error) {
    if (server) await closeServer(server);
    throw error;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
