import type { Database } from '@reco/db';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../db/test/test-databases';
import { buildTestApp, listen } from '../../test/test-app';
import { createAccount } from '../auth/user-accounts';
import { loadConfig } from '../config';

const ACCOUNT = { username: 'claire.martin', password: 'correct horse battery', role: 'counsellor' } as const;
/** The failures one account may have from one address before the throttle answers 429. */
const ALLOWED_FAILURES = 5;

describe('TRUST_PROXY', () => {
  it('is off by default, and takes a hop count or a list of proxy addresses, ranges and names', () => {
    const trustProxy = (value?: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;
    expect(trustProxy()).toBe(false);
    expect(trustProxy('false')).toBe(false);
    expect(trustProxy('1')).toBe(1);
    expect(trustProxy('loopback, 10.0.0.0/8,fd00::/8, 192.0.2.10')).toEqual([
      'loopback',
      '10.0.0.0/8',
      'fd00::/8',
      '192.0.2.10',
    ]);
  });

  it('refuses `true`, which would trust a forged header, and what is not an address', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: true would let any client/);
    expect(() => loadConfig({ TRUST_PROXY: 'loopback,proxy.local' })).toThrow(/TRUST_PROXY: .*proxy\.local/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY/);
  });
});

describe('the login throttle behind a reverse proxy', () => {
  let db: Database;
  const servers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    db = await openTestDatabase();
    const { services } = await buildTestApp(db);
    await createAccount(
      services.auth.users,
      services.auth.hasher,
      { ...ACCOUNT, team: null },
      {
        allowShortPassword: false,
      },
    );
  });
  afterEach(async () => {
    for (const close of servers.splice(0)) await close();
  });
  afterAll(() => db.close());

  /** A server of its own (a fresh throttle), configured with `env`; the test client is on loopback. */
  async function serverWith(env: Record<string, string>) {
    const { app } = await buildTestApp(db, { env });
    const { url, close } = await listen(app);
    servers.push(close);
    return (password: string, forwardedFor: string) =>
      fetch(`${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ username: ACCOUNT.username, password }),
      }).then((response) => response.status);
  }

  async function failAll(login: (password: string, forwardedFor: string) => Promise<number>, from: string) {
    for (let attempt = 0; attempt < ALLOWED_FAILURES; attempt++)
      expect(await login('not the password', from)).toBe(401);
    expect(await login(ACCOUNT.password, from)).toBe(429);
  }

  it('with TRUST_PROXY=1, throttles two clients of the proxy separately', async () => {
    const login = await serverWith({ TRUST_PROXY: '1' });
    await failAll(login, '203.0.113.1');

    expect(await login(ACCOUNT.password, '203.0.113.2')).toBe(200);
    // The proxy appends the address it saw: an entry the client wrote before it is not believed.
    expect(await login(ACCOUNT.password, '203.0.113.2, 203.0.113.1')).toBe(429);
  });

  it('without it, ignores X-Forwarded-For: a client cannot escape the throttle by forging the header', async () => {
    const login = await serverWith({});
    await failAll(login, '203.0.113.1');

    expect(await login(ACCOUNT.password, '203.0.113.2')).toBe(429);
    expect(await login(ACCOUNT.password, '198.51.100.7, 203.0.113.2')).toBe(429);
  });
});
