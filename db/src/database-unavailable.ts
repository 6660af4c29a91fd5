/**
 * The database could not be reached, dropped the connection, stopped answering in time or is
 * closed: nothing is wrong with the request, and the same request may succeed a moment later.
 * `reason` is a short code for the logs (`ECONNREFUSED`, `connection terminated`, …), never a
 * connection string.
 */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';

  constructor(
    readonly reason: string,
    options: { cause: unknown },
  ) {
    super(`database unavailable: ${reason}`, options);
  }
}

/** Socket-level failures reaching or talking to the server (Node's error codes). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that say the server, not the statement, is the problem: class 08 (connection
 * exception), shutting down or starting up (57P01–57P03), and a statement cancelled by
 * `statement_timeout` (57014).
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|57014)$/;

/** What the drivers say without a code: `pg` and `pg-pool`, and PGlite once closed. */
const DRIVER_MESSAGES: [pattern: RegExp, reason: string][] = [
  [/^Connection terminated/, 'connection terminated'],
  [/timeout exceeded when trying to connect/, 'connect timeout'],
  [/^Query read timeout$/, 'query timeout'],
  [/not queryable/, 'connection broken'],
  [/^Cannot use a pool after calling end/, 'closed'],
  [/^PGlite is closed$/, 'closed'],
];

/** `error` as a `DatabaseUnavailableError` when it says the database is out of reach; otherwise unchanged. */
export function asUnavailable(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError) return error;
  const reason = unavailabilityReason(error);
  return reason === undefined ? error : new DatabaseUnavailableError(reason, { cause: error });
}

function unavailabilityReason(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return code;
  // Node reports a refused connection to a name with several addresses as an AggregateError.
  if (error instanceof AggregateError) {
    const inner = error.errors.map(unavailabilityReason).find((reason) => reason !== undefined);
    if (inner) return inner;
  }
  return DRIVER_MESSAGES.find(([pattern]) => pattern.test(error.message))?.[1];
}

/** Runs `work`, turning a failure to reach the database into `DatabaseUnavailableError`. */
export async function reportingUnavailability<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asUnavailable(error);
  }
}
