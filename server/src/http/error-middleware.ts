import type { ProblemDetails } from '@reco/contracts';
import { DatabaseUnavailableError } from '@reco/db';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger';
import { HttpProblem } from './problem';

const PROBLEM_TYPE = 'application/problem+json';
/** A database coming back (a restart, a failover) takes seconds: clients retry no sooner. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

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
    const httpProblem = toHttpProblem(error);
    const problem = httpProblem.toProblem(instanceOf(req.originalUrl));
    if (problem.status >= 500) {
      logger.error('request failed', {
        method: req.method,
        path: req.route?.path ?? req.path,
        error: describe(error),
      });
    }
    res.status(problem.status).set(httpProblem.headers).type(PROBLEM_TYPE).json(problem);
  };
}

/** The RFC 9457 body for any error, for the middleware and for streams whose headers are gone. */
export function problemOf(error: unknown, url: string): ProblemDetails {
  return toHttpProblem(error).toProblem(instanceOf(url));
}

function instanceOf(url: string): string {
  return url.split('?')[0] ?? '';
}

function toHttpProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof DatabaseUnavailableError) {
    return new HttpProblem(
      503,
      'Base de données indisponible',
      'La base de données ne répond pas pour le moment. Réessayez dans quelques instants.',
      {},
      { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
    );
  }
  const status = (error as { status?: unknown })?.status;
  // Body errors are problems already (json-body.ts); what remains is Express's own, such as a path
  // whose percent-encoding does not decode.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpProblem(status, 'Requête invalide', 'La requête est mal formée.');
  }
  return new HttpProblem(500, 'Erreur interne', 'Une erreur inattendue est survenue. Réessayez plus tard.');
}

/**
 * What the logs may say about an unexpected error: its class, code and where it was thrown. Not its
 * message, which can quote the values of the request (a database error quotes the input).
 */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return 'non-error thrown';
  if (error instanceof DatabaseUnavailableError) return `${error.name} ${error.reason}`;
  const code = (error as { code?: unknown }).code;
  const where = error.stack
    ?.split('\n')
    .find((line) => line.trim().startsWith('at '))
    ?.trim();
  return [error.name, typeof code === 'string' ? `code ${code}` : undefined, where].filter(Boolean).join(' ');
}
