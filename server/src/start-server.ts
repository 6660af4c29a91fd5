import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type CatalogueParts, openCatalogue } from '@reco/ingestion';
import { createApp } from './app';
import { seedDemoAccounts } from './auth/demo-accounts';
import { scheduleSessionPurge } from './auth/session-purge';
import type { ServerConfig } from './config';
import type { Logger } from './logger';
import { scheduleRetentionPurge } from './recommendation/retention';
import { buildServices } from './services';

const WEB_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const SESSION_PURGE_INTERVAL_MS = 15 * 60_000;

/** Wires the server's parts from the configuration and listens; closes everything on SIGINT/SIGTERM. */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  parts?: CatalogueParts,
): Promise<{ server: Server; url: string }> {
  const catalogueParts = parts ?? (await openCatalogue(config));
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
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`;
  const shutdown = () => {
    logger.info('shutting down');
    stopSessionPurge();
    stopRetentionPurge();
    server.close(() => void db.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  logger.info('listening', { url });
  return { server, url };
}
