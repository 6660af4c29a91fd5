import { type DecisionRequest, type DecisionResponse, decisionsRoute } from '@reco/contracts';
import type { ApiClient } from './api-client';
import { type RetryOptions, withRetries } from './retry';

/**
 * Sends the counsellor's decision, and sends the very same one again while the server cannot be
 * reached or restarts: the server stores a decision once and answers a repeat with the stored one,
 * so a first attempt that was stored but whose answer was lost does no harm.
 */
export function submitDecision(
  api: ApiClient,
  requestId: string,
  body: DecisionRequest,
  options: RetryOptions = {},
): Promise<DecisionResponse> {
  return withRetries(
    () =>
      api.call(decisionsRoute, {
        params: { requestId },
        body,
        ...(options.signal && { signal: options.signal }),
      }),
    options,
  );
}
