import { setTimeout as sleep } from 'node:timers/promises';
import { type DatabaseSettings, DatabaseUnavailableError } from '@reco/db';
import type { Logger } from './logger';

export interface DatabaseRetrySettings {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The wait after the first failure, doubled after each further one… */
  initialDelayMs: number;
  /** …up to this. */
  maxDelayMs: number;
}

/**
 * Opens the database, retrying while it is out of reach (a container still starting, a failover in
 * progress) and saying so at each attempt. Anything else (a refused login, a failed migration)
 * stops at once: waiting would not fix it.
 */
export async function waitForDatabase<T>(
  open: () => Promise<T>,
  settings: DatabaseRetrySettings,
  database: DatabaseSettings,
  logger: Logger,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await open();
    } catch (error) {
      if (!(error instanceof DatabaseUnavailableError)) throw error;
      const fields = {
        attempt,
        attempts: settings.attempts,
        reason: error.reason,
        database: describeDatabase(database),
      };
      if (attempt >= settings.attempts) {
        logger.error('database unreachable, giving up', fields);
        throw error;
      }
      const delayMs = Math.min(settings.initialDelayMs * 2 ** (attempt - 1), settings.maxDelayMs);
      logger.error('database unreachable, retrying', { ...fields, delayMs });
      await sleep(delayMs);
    }
  }
}

/** Where the database is, for the logs: host, port and name, never the user or the password. */
function describeDatabase(database: DatabaseSettings): string {
  if (!database.databaseUrl) return 'embedded';
  const url = new URL(database.databaseUrl);
  return `${url.hostname}:${url.port || '5432'}${url.pathname}`;
}
