import type { UserRole } from '@reco/contracts';
import type { Response } from 'express';
import { HttpProblem } from '../http/problem';

/** The signed-in user of a request, with what their session needs. */
export interface SessionUser {
  id: string;
  username: string;
  role: UserRole;
  team: string | null;
  pseudonym: string;
  csrfToken: string;
  /** The key of the session in the database, to end it. */
  sessionTokenHash: string;
}

const LOCALS_KEY = 'sessionUser';

/** Called by `sessionMiddleware` only. */
export function setCurrentUser(res: Response, user: SessionUser): void {
  res.locals[LOCALS_KEY] = user;
}

/** The signed-in user, if any. */
export function findCurrentUser(res: Response): SessionUser | undefined {
  return res.locals[LOCALS_KEY] as SessionUser | undefined;
}

/** The signed-in user, for handlers behind `requireUser()`; a 401 problem when there is none. */
export function currentUser(res: Response): SessionUser {
  const user = findCurrentUser(res);
  if (!user) throw new HttpProblem(401, 'Connexion requise', 'Connexion requise.');
  return user;
}
