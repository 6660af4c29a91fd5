import type { Server } from 'node:http';
import { CatalogueRepository, type Database } from '@reco/db';
import { BuiltinCatalogueEmbedding } from '@reco/ingestion';
import type express from 'express';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { answerClientErrorsWithProblems } from '../src/http/client-errors';
import type { ChatModel } from '../src/llm/chat-model';
import { silentLogger } from '../src/logger';
import { buildServices, type Services } from '../src/services';

export interface TestAppOptions {
  clock?: () => Date;
  /** `null`: no LLM configured (retrieval and rules only). */
  chatModel?: ChatModel | null;
  /** Environment variables, as an operator would set them. */
  env?: Record<string, string>;
}

/** The real app, wired by the real composition root over a given database. */
export async function buildTestApp(
  db: Database,
  options: TestAppOptions = {},
): Promise<{ app: express.Express; services: Services }> {
  const catalogue = new CatalogueRepository(db);
  const config = loadConfig({ LLM: 'none', ...options.env });
  const services = await buildServices(
    config,
    { db, catalogue, embedding: new BuiltinCatalogueEmbedding(catalogue) },
    silentLogger,
    {
      ...(options.clock && { clock: options.clock }),
      ...(options.chatModel !== undefined && { chatModel: options.chatModel }),
    },
  );
  return { app: createApp({ ...services, catalogue, logger: silentLogger }), services };
}

/** Listens on a free loopback port, answering like `startServer` does; `close` stops it. */
export async function listen(app: express.Express): Promise<{ url: string; close: () => Promise<void> }> {
  const server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  answerClientErrorsWithProblems(server);
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
