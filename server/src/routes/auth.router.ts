import { LoginRequest, type LoginResponse, loginRoute, logoutRoute, meRoute } from '@reco/contracts';
import { type Response, Router } from 'express';
import { requireUser } from '../auth/access-guards';
import type { Auth } from '../auth/auth-wiring';
import { currentUser, findCurrentUser, type SessionUser } from '../auth/current-user';
import { SESSION_COOKIE, sessionCookieOptions } from '../auth/session-cookie';
import { hashSessionToken, newCsrfToken, newSessionToken } from '../auth/session-token';
import { HttpProblem } from '../http/problem';
import { parseWith } from '../http/validate';
import type { Logger } from '../logger';

/**
 * `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`. Expects `sessionMiddleware`
 * and `requireCsrf` in front. Logs pseudonyms only: a username typed wrong may be a password.
 */
export function authRouter(auth: Auth, logger: Logger): Router {
  const router = Router();

  router.post(loginRoute.path, async (req, res) => {
    const { username, password } = parseWith(LoginRequest, req.body);
    const address = req.ip ?? 'unknown';
    const admission = auth.throttle.admit(username, address);
    if (!admission.allowed) {
      logger.info('login throttled');
      res.set('Retry-After', String(admission.retryAfterSeconds));
      throw new HttpProblem(
        429,
        'Trop de tentatives',
        `Trop de tentatives de connexion. Réessayez dans ${Math.ceil(admission.retryAfterSeconds / 60)} min.`,
      );
    }
    const user = await auth.authenticator.authenticate(username, password);
    if (!user) {
      logger.info('login refused');
      throw new HttpProblem(401, 'Connexion refusée', 'Identifiant ou mot de passe incorrect.');
    }
    auth.throttle.succeeded(username, address);

    // A new login never reuses a session (fixation), nor leaves the previous one open.
    const previous = findCurrentUser(res);
    if (previous) await auth.sessions.delete(previous.sessionTokenHash);
    const token = newSessionToken();
    const session = await auth.sessions.create(
      { tokenHash: hashSessionToken(token), userId: user.id, csrfToken: newCsrfToken() },
      auth.clock(),
    );
    logger.info('login', { user: user.pseudonym });
    res.cookie(SESSION_COOKIE, token, sessionCookieOptions(auth.cookieSecure));
    sendUser(res, { username: user.username, role: user.role, csrfToken: session.csrfToken });
  });

  router.post(logoutRoute.path, requireUser(), async (_req, res) => {
    const user = currentUser(res);
    await auth.sessions.delete(user.sessionTokenHash);
    logger.info('logout', { user: user.pseudonym });
    res.clearCookie(SESSION_COOKIE, sessionCookieOptions(auth.cookieSecure)).status(204).end();
  });

  router.get(meRoute.path, requireUser(), (_req, res) => {
    sendUser(res, currentUser(res));
  });

  return router;
}

/** The answer holds the CSRF token: no cache may keep it. */
function sendUser(res: Response, user: Pick<SessionUser, 'username' | 'role' | 'csrfToken'>): void {
  const body: LoginResponse = { user: user.username, role: user.role, csrfToken: user.csrfToken };
  res.set('Cache-Control', 'no-store').json(body);
}
