import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { HttpProblem } from './problem';

/**
 * The largest request body accepted, after decompression. The largest legitimate one, a decision
 * with every free text at its maximum, is about 37,000 characters: under 40 KB of French in UTF-8.
 */
export const JSON_BODY_LIMIT_KB = 64;

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Parses JSON bodies up to the limit and refuses, with a French problem, what the parser cannot
 * read or what is not JSON at all. A request without a body (logout, purge) passes.
 */
export function jsonBody(): (RequestHandler | ErrorRequestHandler)[] {
  return [express.json({ limit: `${JSON_BODY_LIMIT_KB}kb` }), refuseUnreadableBody, refuseOtherContentTypes];
}

const refuseOtherContentTypes: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (STATE_CHANGING.has(req.method) && hasBody && !req.is('application/json')) {
    throw new HttpProblem(
      415,
      'Type de contenu non pris en charge',
      'Le corps de la requête doit être du JSON (Content-Type: application/json).',
    );
  }
  next();
};

/** body-parser's errors carry a `type`; see its README. */
const refuseUnreadableBody: ErrorRequestHandler = (error, _req, _res, next) => {
  switch ((error as { type?: unknown }).type) {
    case 'entity.too.large':
      return next(
        new HttpProblem(
          413,
          'Requête trop volumineuse',
          `Le corps de la requête dépasse ${JSON_BODY_LIMIT_KB} Ko : raccourcissez les textes saisis.`,
          { limitKb: JSON_BODY_LIMIT_KB },
        ),
      );
    case 'entity.parse.failed':
      return next(
        new HttpProblem(400, 'Requête invalide', 'Le corps de la requête n’est pas un JSON valide.'),
      );
    case 'charset.unsupported':
      return next(
        new HttpProblem(
          415,
          'Encodage non pris en charge',
          'Le corps de la requête doit être encodé en UTF-8.',
        ),
      );
    case 'encoding.unsupported':
      return next(
        new HttpProblem(
          415,
          'Compression non prise en charge',
          'Le corps de la requête est compressé d’une manière que le serveur ne lit pas.',
        ),
      );
    default:
      return next(error);
  }
};
