import type { Logger } from './logger';

/**
 * SIGINT and SIGTERM stop the server gracefully, then the process: 0 once stopped, 1 if stopping
 * failed. The exit is explicit because work the server no longer waits for (an LLM call abandoned
 * past the grace period) must not keep the process alive.
 */
export function exitOnSignals(shutdown: () => Promise<void>, logger: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info('signal received', { signal });
    shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error('shutdown failed', { error: error instanceof Error ? error.name : 'non-error thrown' });
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
