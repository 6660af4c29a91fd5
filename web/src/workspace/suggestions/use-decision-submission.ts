import { type Dispatch, useEffect, useMemo, useRef } from 'react';
import { useApi } from '../../api/api-context';
import { type ApiError, asApiError } from '../../api/api-error';
import { interruptibleWait, RETRY_DELAYS_SECONDS } from '../../api/retry';
import { submitDecision } from '../../api/submit-decision';
import type { SaveAction } from './decision-state';
import { forgetPendingDecision, keepPendingDecision, type PendingDecision } from './pending-decision';

export interface DecisionSubmission {
  /** Keeps the decision in the tab, sends it and retries on the schedule; resolves true once stored. */
  submit(pending: PendingDecision): Promise<boolean>;
  /** Cuts the current wait short: "Réessayer maintenant". */
  retryNow(): void;
  /** Stops retrying (a new request): nothing more is reported. */
  abandon(): void;
}

/**
 * Saves a decision through `submitDecision`, reporting each stage as a `SaveAction`. The decision is
 * kept in sessionStorage from the first attempt until the server stores it or refuses it for good,
 * so that a reload during a restart can offer it again.
 */
export function useDecisionSubmission(
  dispatch: Dispatch<SaveAction>,
  delays: readonly number[] = RETRY_DELAYS_SECONDS,
): DecisionSubmission {
  const api = useApi();
  const waiter = useMemo(interruptibleWait, []);
  const current = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => current.current?.abort(), []);

  function abandon() {
    current.current?.abort();
    waiter.now();
  }

  async function submit(pending: PendingDecision): Promise<boolean> {
    abandon();
    const controller = new AbortController();
    current.current = controller;
    keepPendingDecision(pending);
    dispatch({ type: 'save_started' });
    try {
      const answer = await submitDecision(api, pending.requestId, pending.body, {
        signal: controller.signal,
        delays,
        onRetry: ({ error, failedAttempts, delaySeconds }) =>
          dispatch({
            type: 'save_retry_scheduled',
            error,
            failedAttempts,
            retryAt: Date.now() + delaySeconds * 1000,
          }),
        wait: async (milliseconds) => {
          await waiter.wait(milliseconds);
          if (!controller.signal.aborted) dispatch({ type: 'save_retry_started' });
        },
      });
      forgetPendingDecision(pending.requestId);
      dispatch({ type: 'save_succeeded', decisionId: answer.decisionId });
      return true;
    } catch (thrown) {
      const error = asApiError(thrown);
      if (controller.signal.aborted) return false;
      if (isRefusedForGood(error)) forgetPendingDecision(pending.requestId);
      dispatch({ type: 'save_failed', error });
      return false;
    }
  }

  return { submit, retryNow: waiter.now, abandon };
}

/**
 * The server answered that this decision will never be stored (invalid, or another one already
 * is): keeping it would only offer it again in vain. An expired session is not such an answer.
 */
function isRefusedForGood(error: ApiError): boolean {
  return (
    error.kind === 'http' &&
    error.status >= 400 &&
    error.status < 500 &&
    ![401, 408, 429].includes(error.status)
  );
}
