import { LoginResponse } from '@reco/contracts';
import { seedDemoAccounts } from '../src/auth/demo-accounts';
import { SESSION_COOKIE } from '../src/auth/session-cookie';
import { createAccount } from '../src/auth/user-accounts';
import type { Services } from '../src/services';

/** A second counsellor, whose requests the demo counsellor must not reach (and the other way round). */
export const COLLEAGUE = { username: 'collegue', password: 'un mot de passe long' };

/** The demo accounts (password `demo`) and the colleague, in the given team. */
export async function seedTestAccounts(
  { users, hasher }: Services['auth'],
  colleagueTeam: string | null = null,
): Promise<void> {
  await seedDemoAccounts(users, hasher, 'demo');
  await createAccount(
    users,
    hasher,
    { ...COLLEAGUE, role: 'counsellor', team: colleagueTeam },
    { allowShortPassword: false },
  );
}

export interface TestSession {
  /** `name=value`, for a `Cookie` request header. */
  cookie: string;
  /** For the `X-CSRF-Token` header of state-changing requests. */
  csrfToken: string;
}

/** Logs in through the real route; throws unless it succeeds. */
export async function loginAs(baseUrl: string, username: string, password: string): Promise<TestSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login as ${username} failed with status ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('login answered without a session cookie');
  return { cookie, csrfToken: LoginResponse.parse(await response.json()).csrfToken };
}
