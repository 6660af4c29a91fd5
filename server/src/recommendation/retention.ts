import type { PurgeResult, RecommendationRepository } from '@reco/db';
import type { Logger } from '../logger';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Retained prompts are kept `retentionDays`, then deleted: on a schedule, or when an admin asks. The
 * database refuses a cutoff less than a day old, whatever `retentionDays` says.
 */
export class RetentionPolicy {
  constructor(
    private readonly recommendations: RecommendationRepository,
    readonly retentionDays: number,
    private readonly clock: () => Date,
  ) {}

  cutoff(): Date {
    return new Date(this.clock().getTime() - this.retentionDays * DAY_MS);
  }

  purge(trigger: 'schedule' | 'admin'): Promise<PurgeResult> {
    return this.recommendations.purgeOlderThan(this.cutoff(), trigger, this.clock());
  }
}

/** Runs the purge now and then every `intervalMs`; the timer never keeps the process alive. */
export function scheduleRetentionPurge(
  policy: RetentionPolicy,
  intervalMs: number,
  logger: Logger,
): () => void {
  const run = () =>
    policy.purge('schedule').then(
      (result) =>
        logger.info('retention purge', {
          requests: result.requestsDeleted,
          decisions: result.decisionsDeleted,
          errorReports: result.errorReportsDeleted,
          conversations: result.conversationsDeleted,
          refusals: result.refusalsDeleted,
        }),
      () => logger.error('retention purge failed'),
    );
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
