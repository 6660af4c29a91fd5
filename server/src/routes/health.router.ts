import type { HealthResponse } from '@reco/contracts';
import type { CatalogueRepository } from '@reco/db';
import { Router } from 'express';
import type { LlmStatus } from '../llm/llm-status';

/** `GET /api/health`: open to all, answers even when the database or the LLM does not. */
export function healthRouter(catalogue: CatalogueRepository, llmStatus: () => Promise<LlmStatus>): Router {
  return Router().get('/api/health', async (_req, res) => {
    const llm = await llmStatus();
    let body: HealthResponse;
    try {
      const activeOffers = await catalogue.countActiveOffers();
      body = { status: llm === 'down' ? 'degraded' : 'ok', database: 'ok', llm, catalogue: { activeOffers } };
    } catch {
      body = { status: 'down', database: 'down', llm, catalogue: { activeOffers: 0 } };
    }
    res.status(body.status === 'down' ? 503 : 200).json(body);
  });
}
