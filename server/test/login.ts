import { LoginResponse } from '@reco/contracts';
import { SESSION_COOKIE } from '../src/auth/session-cookie';

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
