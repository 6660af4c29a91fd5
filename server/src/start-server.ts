import type { Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type CatalogueParts, openCatalogue } from '@reco/ingestion';
import { createApp } from './app';
import type { ServerConfig } from './config';
import type { Logger } from './logger';

const WEB_DIR = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Wires the server's parts from the configuration and listens; closes everything on SIGINT/SIGTERM. */
export async function startServer(
  config: ServerConfig,
  logger: Logger,
  parts?: CatalogueParts,
): Promise<{ server: Server; url: string }> {
  const { db, catalogue } = parts ?? (await openCatalogue(config));
  const app = createApp({ catalogue, logger, webDir: WEB_DIR });
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(config.port, config.host, () => resolve(listening));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`;
  const shutdown = () => {
    logger.info('shutting down');
    server.close(() => void db.close().then(() => process.exit(0)));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  logger.info('listening', { url });
  return { server, url };
}
