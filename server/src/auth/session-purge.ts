import type { SessionsRepository } from '@reco/db';
import type { Logger } from '../logger';

/** Deletes expired sessions now and then every `intervalMs`; the timer never keeps the process alive. */
export function scheduleSessionPurge(
  sessions: SessionsRepository,
  clock: () => Date,
  intervalMs: number,
  logger: Logger,
): () => void {
  const run = () =>
    sessions.deleteExpired(clock()).then(
      (purged) => {
        if (purged > 0) logger.info('expired sessions purged', { sessions: purged });
      },
      () => logger.error('session purge failed'),
    );
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
