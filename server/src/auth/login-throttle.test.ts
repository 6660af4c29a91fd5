import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

const LIMITS = { perAccountAndAddress: 3, perAddress: 5, windowMs: 60_000 };

function throttleAt(start = 0) {
  let now = start;
  return {
    throttle: new LoginThrottle(() => new Date(now), LIMITS),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('LoginThrottle', () => {
  it('blocks an account from an address after its failures, until the window ends', () => {
    const { throttle, advance } = throttleAt();
    for (let attempt = 0; attempt < 3; attempt++)
      expect(throttle.admit('alice', 'ip1')).toEqual({ allowed: true });
    expect(throttle.admit('alice', 'ip1')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    advance(59_001);
    expect(throttle.admit('ALICE', 'ip1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    advance(999);
    expect(throttle.admit('alice', 'ip1')).toEqual({ allowed: true });
  });

  it('keeps other addresses and other accounts open', () => {
    const { throttle } = throttleAt();
    for (let attempt = 0; attempt < 3; attempt++) throttle.admit('alice', 'ip1');
    expect(throttle.admit('alice', 'ip2').allowed).toBe(true);
    expect(throttle.admit('bob', 'ip1').allowed).toBe(true);
  });

  it('blocks an address trying many accounts', () => {
    const { throttle } = throttleAt();
    for (const name of ['a', 'b', 'c', 'd', 'e']) expect(throttle.admit(name, 'ip1').allowed).toBe(true);
    expect(throttle.admit('f', 'ip1').allowed).toBe(false);
    expect(throttle.admit('f', 'ip2').allowed).toBe(true);
  });

  it('forgives an account its failures once it succeeds', () => {
    const { throttle } = throttleAt();
    throttle.admit('alice', 'ip1');
    throttle.admit('alice', 'ip1');
    throttle.admit('alice', 'ip1');
    throttle.succeeded('alice', 'ip1');
    expect(throttle.admit('alice', 'ip1').allowed).toBe(true);
  });

  it('counts attempts still being checked, so parallel guesses cannot all pass', () => {
    const { throttle } = throttleAt();
    const admissions = Array.from({ length: 10 }, () => throttle.admit('alice', 'ip1').allowed);
    expect(admissions.filter(Boolean)).toHaveLength(3);
  });
});
