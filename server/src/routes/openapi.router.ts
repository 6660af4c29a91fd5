import { API_ROUTES } from '@reco/contracts';
import { Router } from 'express';
import { openApiDocument } from '../http/openapi';

/** `GET /api/openapi.json`: the API described from its contracts. */
export function openApiRouter(): Router {
  const document = openApiDocument(API_ROUTES);
  return Router().get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
}
