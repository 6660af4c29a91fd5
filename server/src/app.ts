import { existsSync } from 'node:fs';
import type { CatalogueRepository } from '@reco/db';
import express from 'express';
import helmet from 'helmet';
import { requireCsrf, requireRole, requireUser } from './auth/access-guards';
import { sessionMiddleware } from './auth/session-middleware';
import { apiNotFound, errorMiddleware } from './http/error-middleware';
import { jsonBody } from './http/json-body';
import type { Logger } from './logger';
import { adminRouter } from './routes/admin.router';
import { authRouter } from './routes/auth.router';
import { decisionsRouter } from './routes/decisions.router';
import { guardrailRouter } from './routes/guardrail.router';
import { healthRouter } from './routes/health.router';
import { offersRouter } from './routes/offers.router';
import { openApiRouter } from './routes/openapi.router';
import { recommendationsRouter } from './routes/recommendations.router';
import { referentialsRouter } from './routes/referentials.router';
import type { Services } from './services';

export interface AppDependencies extends Services {
  catalogue: CatalogueRepository;
  logger: Logger;
  /** The built web app (web/dist), served on the same port as the API; absent in API-only tests. */
  webDir?: string;
}

export function createApp(deps: AppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // Decides `req.ip`, which the login throttle counts against (and `req.protocol`).
  app.set('trust proxy', deps.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          // Inline styles only: the design system sets some; no inline script is ever allowed.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          upgradeInsecureRequests: null,
        },
      },
      // The API serves its own origin only.
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );
  app.use('/api', jsonBody());
  app.use(healthRouter(deps.catalogue, deps.llmStatus));
  app.use(openApiRouter());
  // From here on, API routes know their user (if any) and refuse cross-site state changes.
  app.use('/api', sessionMiddleware(deps.auth.sessions, deps.auth.users, deps.auth.clock), requireCsrf());
  app.use(authRouter(deps.auth, deps.logger));
  app.use('/api/recommendations', requireUser());
  app.use('/api/offers', requireUser());
  app.use('/api/guardrail', requireUser());
  app.use('/api/admin', requireRole('admin'));
  app.use(recommendationsRouter(deps.recommender));
  app.use(decisionsRouter(deps.decisions));
  app.use(offersRouter(deps.search, deps.referentials));
  app.use(guardrailRouter(deps.guardrail));
  app.use(referentialsRouter(deps.referentials));
  app.use(adminRouter(deps.admin, deps.logger));
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
