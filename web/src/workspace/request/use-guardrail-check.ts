import { type GuardrailSummary, guardrailCheckRoute } from '@reco/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApi } from '../../api/api-context';
import { asApiError } from '../../api/api-error';
import { Debouncer } from '../../lib/debounce';

export interface LiveCheck {
  /** The text the summary was computed on: its spans index into it. */
  text: string;
  summary: GuardrailSummary;
}

export interface GuardrailCheckState {
  check?: LiveCheck;
  checking: boolean;
  /** The live check failed: the request is still checked when sent. */
  unavailable: boolean;
}

const MAX_LENGTH = 2000;
export const LIVE_CHECK_DELAY_MS = 400;

/** Live alerts while typing: `POST /api/guardrail/check` once typing pauses, stale checks cancelled. */
export function useGuardrailCheck(text: string): GuardrailCheckState {
  const api = useApi();
  const [state, setState] = useState<GuardrailCheckState>({ checking: false, unavailable: false });
  const controller = useRef<AbortController | undefined>(undefined);

  const debouncer = useMemo(
    () =>
      new Debouncer<string>((value) => {
        controller.current?.abort();
        const current = new AbortController();
        controller.current = current;
        api.call(guardrailCheckRoute, { body: { text: value }, signal: current.signal }).then(
          (summary) => {
            if (!current.signal.aborted)
              setState({ check: { text: value, summary }, checking: false, unavailable: false });
          },
          (error: unknown) => {
            if (current.signal.aborted || asApiError(error).kind === 'aborted') return;
            setState((previous) => ({ ...previous, checking: false, unavailable: true }));
          },
        );
      }, LIVE_CHECK_DELAY_MS),
    [api],
  );

  useEffect(() => {
    if (text.trim() === '') {
      debouncer.cancel();
      controller.current?.abort();
      setState({ checking: false, unavailable: false });
      return;
    }
    setState((previous) => ({ ...previous, checking: true }));
    debouncer.push(text.slice(0, MAX_LENGTH));
  }, [text, debouncer]);

  useEffect(
    () => () => {
      debouncer.cancel();
      controller.current?.abort();
    },
    [debouncer],
  );

  return state;
}
