import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Express's `trust proxy`: which peers may tell the client's address in `X-Forwarded-For`. `false`
 * believes no one (the address is the TCP peer's); a number trusts that many hops from the server;
 * a list trusts the proxies at those addresses, CIDR ranges or Express names.
 */
export type TrustProxy = false | number | string[];

/** The names Express (proxy-addr) gives to ranges of addresses. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * `TRUST_PROXY`: `false` (the default), a hop count, or a comma-separated list of addresses, CIDR
 * ranges and names. `true` is refused: it trusts every hop, so a client's forged `X-Forwarded-For`
 * would choose the address the login throttle counts against.
 */
export const TrustProxySetting = z
  .string()
  .trim()
  .default('false')
  .transform((value, context): TrustProxy => {
    if (value === 'false' || value === '') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const entries = value.split(',').map((entry) => entry.trim());
    const invalid = entries.filter((entry) => !isProxyAddress(entry));
    if (invalid.length === 0) return entries;
    context.addIssue({
      code: 'custom',
      message:
        value === 'true'
          ? 'true would let any client forge its address: give the hop count or the proxies’ addresses'
          : `not a hop count, an IP address, a CIDR range or one of ${NAMED_RANGES.join(', ')}: ${invalid.join(', ')}`,
    });
    return z.NEVER;
  });

function isProxyAddress(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}
