import { describe, expect, it } from 'vitest';
import { readCookie } from './session-cookie';

describe('readCookie', () => {
  it('finds a cookie among others, whatever the spacing', () => {
    expect(readCookie('a=1; reco_session=abc-_9;b=2', 'reco_session')).toBe('abc-_9');
    expect(readCookie('reco_session=abc', 'reco_session')).toBe('abc');
    expect(readCookie(' reco_session = abc ', 'reco_session')).toBe('abc');
  });

  it('keeps the first of duplicate names, and unquotes a quoted value', () => {
    expect(readCookie('reco_session=first; reco_session=second', 'reco_session')).toBe('first');
    expect(readCookie('reco_session="quoted"', 'reco_session')).toBe('quoted');
  });

  it('keeps "=" inside values and ignores look-alike names and malformed pairs', () => {
    expect(readCookie('x=a=b', 'x')).toBe('a=b');
    expect(readCookie('my_reco_session=1; reco_session_old=2; reco_session', 'reco_session')).toBeUndefined();
    expect(readCookie('', 'reco_session')).toBeUndefined();
    expect(readCookie(undefined, 'reco_session')).toBeUndefined();
  });
});
