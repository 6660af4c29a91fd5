import { existsSync } from 'node:fs';
import type { CatalogueRepository } from '@reco/db';
import express from 'express';
import { apiNotFound, errorMiddleware } from './http/error-middleware';
import type { Logger } from './logger';
import { healthRoute } from './routes/health.route';

export interface AppDependencies {
  catalogue: CatalogueRepository;
  logger: Logger;
  /** The built web app (web/dist), served on the same port as the API; absent in API-only tests. */
  webDir?: string;
}

export function createApp(deps: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '64kb' }));
  app.use(healthRoute(deps.catalogue));
  app.use('/api', apiNotFound);
  if (deps.webDir && existsSync(deps.webDir)) {
    const webDir = deps.webDir;
    app.use(express.static(webDir, { index: 'index.html', maxAge: '1h' }));
    // The web app routes in the browser: every other GET gets its shell.
    app.get(/.*/, (_req, res) => res.sendFile('index.html', { root: webDir }));
  }
  app.use(errorMiddleware(deps.logger));
  return app;
}
