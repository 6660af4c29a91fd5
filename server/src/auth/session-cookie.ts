import type { CookieOptions } from 'express';

export const SESSION_COOKIE = 'reco_session';

/**
 * - `HttpOnly`: scripts (an XSS) cannot read the token.
 * - `SameSite=Strict`: the browser never sends it on a request started by another site. The UI is
 *   a single-page app served from the same origin, so Strict costs nothing: a counsellor arriving
 *   from a link loads the shell, whose own API calls are same-site and carry the cookie.
 * - `Secure` when configured (`COOKIE_SECURE`): off by default so that http://localhost works.
 * - No `Max-Age`: a browser-session cookie; the server ends the session anyway (idle and absolute
 *   lifetimes), the cookie only stops the browser from keeping it past its closing.
 */
export function sessionCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure, path: '/' };
}

/**
 * The value of one cookie in a `Cookie` request header (RFC 6265 §5.4: `name=value` pairs separated
 * by `;`). When a name appears twice, the first wins: browsers send the most specific path first.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  }
  return undefined;
}
