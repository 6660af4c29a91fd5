import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadReferentials } from '@reco/referentials';
import { benchIngest } from './ingest';
import { startLoadApp } from './load-app';
import { countStoredRecommendations } from './request-ledger';
import type { ChildMessage, ParentMessage } from './soak-protocol';

/**
 * The soak test's server process, forked by soak.ts with `--expose-gc` and given the counsellor
 * count and the fake Ollama's URL: the demo catalogue (scale 1) ingested into a fresh PGlite as
 * `npm run bench` does, then the app started as the load benchmark starts it. Its own process, so that the memory sampled is the server's and not the load
 * generator's. Answers the parent's messages (soak-protocol.ts) until told to stop.
 */
const REFERENCE_DATE = '2026-12-01';

async function main() {
  const counsellors = Number(process.argv[2]);
  const ollamaBaseUrl = process.argv[3] ?? '';
  const collectGarbage = globalThis.gc;
  if (!collectGarbage) throw new Error('soak-server needs node --expose-gc');
  const send = (message: ChildMessage) => process.send?.(message);
  const workDir = mkdtempSync(join(tmpdir(), 'reco-soak-'));
  try {
    const { figures, parts } = await benchIngest({
      referentials: loadReferentials(),
      workDir,
      referenceDate: REFERENCE_DATE,
      scale: 1,
    });
    const app = await startLoadApp({ parts, counsellors, usernamePrefix: 'soak.conseiller', ollamaBaseUrl });
    await new Promise<void>((resolve) => {
      process.on('message', (message: ParentMessage) => {
        void answer(message).catch((error: unknown) => {
          process.stderr.write(
            `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
          );
          process.exit(1);
        });
      });
      async function answer(message: ParentMessage) {
        switch (message.type) {
          case 'sample':
            collectGarbage?.();
            send({ type: 'sample', memory: process.memoryUsage() });
            return;
          case 'ledger':
            await app.drained();
            send({
              type: 'ledger',
              received: app.recommendationsReceived(),
              stored: await countStoredRecommendations(
                parts.db,
                app.counsellors.map((counsellor) => counsellor.userId),
              ),
            });
            return;
          case 'stop':
            await app.close();
            await parts.db.close();
            resolve();
        }
      }
      send({
        type: 'ready',
        base: app.base,
        usernames: app.counsellors.map((counsellor) => counsellor.username),
        password: app.password,
        activeOffers: figures.activeOffers,
      });
    });
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
