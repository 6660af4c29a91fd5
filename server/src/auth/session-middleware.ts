import type { SessionsRepository, UsersRepository } from '@reco/db';
import type { RequestHandler } from 'express';
import { setCurrentUser } from './current-user';
import { readCookie, SESSION_COOKIE } from './session-cookie';
import { hashSessionToken, looksLikeSessionToken } from './session-token';

/**
 * Reads the session cookie and, when it names a valid session of an enabled user, attaches that
 * user to the response (`currentUser(res)`), sliding the session's idle deadline. Refuses nothing
 * itself: the guards (`requireUser`, `requireRole`, `requireCsrf`) do.
 */
export function sessionMiddleware(
  sessions: SessionsRepository,
  users: UsersRepository,
  clock: () => Date,
): RequestHandler {
  return async (req, res, next) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token && looksLikeSessionToken(token)) {
      const session = await sessions.findValid(hashSessionToken(token), clock());
      const user = session && (await users.findById(session.userId));
      if (session && user && !user.disabledAt) {
        setCurrentUser(res, {
          id: user.id,
          username: user.username,
          role: user.role,
          team: user.team,
          pseudonym: user.pseudonym,
          csrfToken: session.csrfToken,
          sessionTokenHash: session.tokenHash,
        });
      }
    }
    next();
  };
}
