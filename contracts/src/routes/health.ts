import { z } from 'zod';
import { route } from './route';

/** `GET /api/health`: no login; what a load balancer and an operator need to know. */
export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  database: z.enum(['ok', 'down']),
  /** `disabled` when no LLM is configured; `down` means answers come from retrieval and the rules. */
  llm: z.enum(['ok', 'down', 'disabled']),
  catalogue: z.object({ activeOffers: z.number().int() }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const healthRoute = route({
  method: 'get',
  path: '/api/health',
  summary: 'État du service, sans connexion',
  access: 'public',
  response: HealthResponse,
});
