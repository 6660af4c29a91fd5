import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { type SessionAction, sessionReducer } from '../session/session-state';
import { hrefOf, navigationOf, pageForRole, pageOfHash } from './routes';

describe('hash routes', () => {
  it('reads and writes the pages', () => {
    expect(pageOfHash('')).toBe('home');
    expect(pageOfHash('#/aide')).toBe('help');
    expect(pageOfHash('#/aide/')).toBe('help');
    expect(pageOfHash('#/admin/supervision')).toBe('admin-oversight');
    expect(pageOfHash('#/nimporte')).toBe('home');
    expect(hrefOf('admin-retention')).toBe('#/admin/conservation');
  });

  it('keeps each role in its own area', () => {
    expect(pageForRole('admin-requests', 'counsellor')).toBe('home');
    expect(pageForRole('home', 'admin')).toBe('admin-oversight');
    expect(pageForRole('help', 'admin')).toBe('help');
    expect(navigationOf('counsellor')).toEqual(['home', 'help']);
    expect(navigationOf('admin')).toContain('admin-access-log');
  });
});

describe('session state', () => {
  const user = { user: 'claire', role: 'counsellor' as const, csrfToken: 't' };
  const run = (...actions: SessionAction[]) => actions.reduce(sessionReducer, { status: 'loading' });

  it('starts anonymous without a session, unavailable when the server cannot say', () => {
    expect(run({ type: 'check_failed', error: new ApiError('http', 401) })).toEqual({
      status: 'anonymous',
      expired: false,
    });
    expect(run({ type: 'check_failed', error: new ApiError('network', 0) }).status).toBe('unavailable');
  });

  it('says the session expired on a 401 while signed in, remembering whose it was, not after signing out', () => {
    expect(run({ type: 'signed_in', user }, { type: 'expired' })).toEqual({
      status: 'anonymous',
      expired: true,
      previous: user,
    });
    expect(run({ type: 'signed_in', user }, { type: 'signed_out' }, { type: 'expired' })).toEqual({
      status: 'anonymous',
      expired: false,
    });
  });
});
