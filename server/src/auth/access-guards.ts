import type { UserRole } from '@reco/contracts';
import type { RequestHandler } from 'express';
import { HttpProblem } from '../http/problem';
import { currentUser, findCurrentUser } from './current-user';
import { constantTimeEqual } from './session-token';

/** 401 problem without a valid session. */
export function requireUser(): RequestHandler {
  return (_req, res, next) => {
    currentUser(res);
    next();
  };
}

const ROLE_REFUSALS: Record<UserRole, string> = {
  admin: 'Accès réservé aux administrateurs.',
  counsellor: 'Accès réservé aux conseillers.',
};

/** 401 problem without a valid session, 403 with another role. */
export function requireRole(role: UserRole): RequestHandler {
  return (_req, res, next) => {
    if (currentUser(res).role !== role) throw new HttpProblem(403, 'Accès refusé', ROLE_REFUSALS[role]);
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request made with a session must carry that session's token in `X-CSRF-Token`:
 * another site can make a browser send the cookie, but cannot read the token. Requests without a
 * session pass, as they carry no authority to abuse (`requireUser()` refuses them where it matters).
 */
export function requireCsrf(): RequestHandler {
  return (req, res, next) => {
    const user = findCurrentUser(res);
    if (!user || SAFE_METHODS.has(req.method)) return next();
    const sent = req.get('x-csrf-token');
    if (!sent || !constantTimeEqual(sent, user.csrfToken)) {
      throw new HttpProblem(
        403,
        'Requête refusée',
        'Jeton anti-CSRF absent ou invalide : rechargez la page puis réessayez.',
      );
    }
    next();
  };
}
