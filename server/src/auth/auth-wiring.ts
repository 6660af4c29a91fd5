import { type Queryable, SessionsRepository, UsersRepository } from '@reco/db';
import { Authenticator } from './authenticator';
import { LoginThrottle } from './login-throttle';
import { Argon2PasswordHasher, type PasswordHasher } from './password-hasher';

export interface AuthSettings {
  /** Adds `Secure` to the session cookie: on whenever the app is served over HTTPS. */
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
}

/** Everything authentication needs, built once per process and shared by the routes and middleware. */
export interface Auth {
  users: UsersRepository;
  sessions: SessionsRepository;
  hasher: PasswordHasher;
  authenticator: Authenticator;
  throttle: LoginThrottle;
  clock: () => Date;
  cookieSecure: boolean;
}

export function createAuth(
  db: Queryable,
  settings: AuthSettings,
  clock: () => Date = () => new Date(),
  hasher: PasswordHasher = new Argon2PasswordHasher(),
): Auth {
  const users = new UsersRepository(db);
  return {
    users,
    sessions: new SessionsRepository(db, {
      idleMs: settings.sessionIdleMinutes * 60_000,
      absoluteMs: settings.sessionMaxHours * 3_600_000,
    }),
    hasher,
    authenticator: new Authenticator(users, hasher),
    throttle: new LoginThrottle(clock),
    clock,
    cookieSecure: settings.cookieSecure,
  };
}
