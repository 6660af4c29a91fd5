import type { Server } from 'node:http';
import { CatalogueRepository } from '@reco/db';
import { BuiltinCatalogueEmbedding } from '@reco/ingestion';
import { loadReferentials } from '@reco/referentials';
import { buildServices, createApp, loadConfig, seedDemoAccounts, silentLogger } from '@reco/server';
import { openEvalCatalogue } from './harness/eval-catalogue';
import { machineDescription } from './harness/machine';

/**
 * `npm run bench:recommendations`: latency of `POST /api/recommendations` in retrieval mode (no LLM)
 * over the 20,000-offer demo catalogue, through the real HTTP stack, one counsellor at a time, for
 * varied real job titles and communes. Prints p50/p95/p99; exits 1 when p95 misses its target.
 */
const REQUESTS = 200;
const WARM_UP = 10;
const TARGET_P95_MS = 500;
const REFERENCE_DATE = '2026-12-01';

async function main() {
  const referentials = loadReferentials();
  const evalCatalogue = await openEvalCatalogue({
    referentials,
    seed: 7,
    referenceDate: REFERENCE_DATE,
    scale: 1,
  });
  const catalogue = new CatalogueRepository(evalCatalogue.db);
  const config = loadConfig({ LLM: 'none' });
  const services = await buildServices(
    config,
    { db: evalCatalogue.db, catalogue, embedding: new BuiltinCatalogueEmbedding(catalogue) },
    silentLogger,
  );
  await seedDemoAccounts(services.auth.users, services.auth.hasher, 'demo');
  const app = createApp({ ...services, catalogue, logger: silentLogger });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const session = await login(base);

  const appellations = referentials.appellations();
  const communes = [...referentials.communes()].sort((a, b) => b.population - a.population).slice(0, 300);
  const latencies: number[] = [];
  let errors = 0;
  for (let i = 0; i < WARM_UP + REQUESTS; i++) {
    const appellation = appellations[(i * 7919) % appellations.length];
    const commune = communes[(i * 104729) % communes.length];
    if (!appellation || !commune) continue;
    const body = {
      profile: {
        ...(i % 2 === 0 && { targetJobs: [{ romeCode: appellation.romeCode }] }),
        location: { inseeCode: commune.inseeCode },
        mobilityKm: 30,
      },
      prompt: `Reconversion : souhaite devenir ${appellation.label.split(' / ')[0]}, formation courte si possible`,
    };
    const started = performance.now();
    const response = await fetch(`${base}/api/recommendations`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
      },
      body: JSON.stringify(body),
    });
    await response.arrayBuffer();
    if (i < WARM_UP) continue;
    latencies.push(performance.now() - started);
    if (response.status !== 200) errors++;
  }
  server.close();
  await evalCatalogue.close();

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0);
  const figures = {
    machine: machineDescription(),
    catalogue: { activeOffers: evalCatalogue.activeOffers.length },
    mode: 'retrieval (LLM=none)',
    requests: latencies.length,
    errors,
    p50Ms: percentile(0.5),
    p95Ms: percentile(0.95),
    p99Ms: percentile(0.99),
    targetP95Ms: TARGET_P95_MS,
  };
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  process.exitCode = figures.p95Ms <= TARGET_P95_MS && errors === 0 ? 0 : 1;
}

async function login(base: string): Promise<{ cookie: string; csrfToken: string }> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'conseiller.demo', password: 'demo' }),
  });
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0] ?? '';
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
