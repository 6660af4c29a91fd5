import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';
import { HttpProblem } from './problem';

const PROBLEM_TYPE = 'application/problem+json';

/** Unknown API routes answer a problem, not the web app. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new HttpProblem(404, 'Ressource introuvable', `Aucune route ${req.method} ${req.path}.`));
};

/**
 * The one place errors become responses: known problems keep their status and text; anything
 * else is a generic 500 whose details stay in the logs (without request content).
 */
export function errorMiddleware(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const problem = toProblem(error);
    if (problem.status >= 500) {
      logger.error('request failed', {
        method: req.method,
        path: req.route?.path ?? req.path,
        error: describe(error),
      });
    }
    res
      .status(problem.status)
      .type(PROBLEM_TYPE)
      .json(problem.toProblem(req.originalUrl.split('?')[0] ?? ''));
  };
}

function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const status = (error as { status?: unknown; type?: unknown })?.status;
  // Errors raised by body-parser (malformed JSON, body too large) carry their status.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const tooLarge = status === 413;
    return new HttpProblem(
      status,
      tooLarge ? 'Requête trop volumineuse' : 'Requête invalide',
      tooLarge
        ? 'Le corps de la requête dépasse la taille autorisée.'
        : 'Le corps de la requête n’est pas un JSON valide.',
    );
  }
  return new HttpProblem(500, 'Erreur interne', 'Une erreur inattendue est survenue. Réessayez plus tard.');
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : 'non-error thrown';
}
