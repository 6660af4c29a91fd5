import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDemoCatalogue, DEMO_MANIFEST_FILE, ingest } from '@reco/ingestion';
import { loadReferentials } from '@reco/referentials';
import { loadConfig } from './config';
import { exitOnSignals } from './exit-on-signals';
import { jsonLogger } from './logger';
import { openCatalogueWhenReachable, startServer } from './start-server';

/**
 * The README's main command: build the demo catalogue from the public referentials, ingest it
 * through the normal pipeline (an unchanged catalogue is a fast no-op), then serve.
 */
async function main() {
  // The README's main command is the demo: its accounts exist whether DEMO is set or not.
  const loaded = loadConfig();
  const config = { ...loaded, demo: { ...loaded.demo, enabled: true } };
  const logger = jsonLogger();
  const referenceDate = new Date().toISOString().slice(0, 10);
  const referentials = loadReferentials();
  process.stdout.write(`Construction du catalogue de démonstration dans ${config.demoCatalogueDir}…\n`);
  await buildDemoCatalogue({ referentials, outDir: config.demoCatalogueDir, referenceDate });
  const files = (await readdir(config.demoCatalogueDir))
    .filter((name) => name !== DEMO_MANIFEST_FILE)
    .sort()
    .map((name) => ({ path: join(config.demoCatalogueDir, name) }));

  process.stdout.write('Ingestion du catalogue…\n');
  // Building the vector index may take longer than a request may: no statement limit while ingesting.
  const ingesting = { ...config, database: { ...config.database, queryTimeoutMs: undefined } };
  const parts = await openCatalogueWhenReachable(ingesting, logger);
  const summary = await ingest({ ...parts, referentials, referenceDate }, files);
  await parts.db.close();
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  const { url, shutdown } = await startServer(config, logger);
  exitOnSignals(shutdown, logger);
  process.stdout.write(`\nAssistant formation prêt : ${url}\n`);
  process.stdout.write(
    'Comptes de démonstration : conseiller.demo et admin.demo, mot de passe DEMO_PASSWORD (par défaut « demo »).\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Échec du démarrage : ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
