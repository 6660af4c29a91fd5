import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type CatalogueParts, openCatalogue } from '@reco/ingestion';
import { createApp } from './app';
import { seedDemoAccounts } from './auth/demo-accounts';
import { scheduleSessionPurge } from './auth/session-purge';
import type { ServerConfig } from './config';
import { gracefulShutdown } from './graceful-shutdown';
import { answerClientErrorsWithProblems } from './http/client-errors';
import type { Logger } from './logger';
import { scheduleRetentionPurge } from './recommendation/retention';
import { buildServices } from './services';
import { waitForDatabase } from './wait-for-database';

const WEB_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const SESSION_PURGE_INTERVAL_MS = 15 * 60_000;

export interface RunningServer {
  server: Server;
  url: string;
  /** Stops gracefully (see `gracefulShutdown`) and closes the database; the caller ends the process. */
  shutdown: () => Promise<void>;
}

/**
 * Wires the server's parts from the configuration and listens. Without `parts`, opens the
 * configured database first, waiting for it while it is out of reach.
 */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  parts?: CatalogueParts,
): Promise<RunningServer> {
  const catalogueParts = parts ?? (await openCatalogueWhenReachable(config, logger));
  const { db, catalogue } = catalogueParts;
  const services = await buildServices(config, catalogueParts, logger);
  const { auth } = services;
  if (config.demo.enabled) {
    await seedDemoAccounts(auth.users, auth.hasher, config.demo.password);
    logger.info('demo mode: demo accounts ready');
  }
  const stopSessionPurge = scheduleSessionPurge(auth.sessions, auth.clock, SESSION_PURGE_INTERVAL_MS, logger);
  const stopRetentionPurge = scheduleRetentionPurge(
    services.retention,
    config.retention.purgeIntervalMs,
    logger,
  );
  const app = createApp({ ...services, catalogue, logger, webDir: WEB_DIR });
  const server = await new Promise<Server>((resolve, reject) => {
    // Express hands a listening error (the port is taken) to the same callback.
    const listening = app.listen(config.port, config.host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  answerClientErrorsWithProblems(server);
  const shutdown = gracefulShutdown({
    server,
    db,
    stopTimers: [stopSessionPurge, stopRetentionPurge],
    graceMs: config.shutdownGraceMs,
    logger,
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`;
  logger.info('listening', { url });
  return { server, url, shutdown };
}

/** The configured database and embedder, once the database answers. */
export function openCatalogueWhenReachable(config: ServerConfig, logger: Logger): Promise<CatalogueParts> {
  return waitForDatabase(() => openCatalogue(config), config.databaseStart, config.database, logger);
}
