import type { HealthResponse } from '@reco/contracts';
import type { CatalogueRepository } from '@reco/db';
import { Router } from 'express';

/** `GET /api/health`: open to all, answers even when the database does not. */
export function healthRouter(catalogue: CatalogueRepository): Router {
  return Router().get('/api/health', async (_req, res) => {
    let body: HealthResponse;
    try {
      body = {
        status: 'ok',
        database: 'ok',
        catalogue: { activeOffers: await catalogue.countActiveOffers() },
      };
    } catch {
      body = { status: 'down', database: 'down', catalogue: { activeOffers: 0 } };
    }
    res.status(body.status === 'down' ? 503 : 200).json(body);
  });
}
