import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, asApiError } from '../api/api-error';

export type QueryState<T> =
  | { status: 'loading'; data?: T }
  | { status: 'done'; data: T }
  | { status: 'failed'; error: ApiError; data?: T };

/** Loads with `load` whenever `key` changes (the previous load cancelled); `reload` loads again. */
export function useApiQuery<T>(key: string, load: (signal: AbortSignal) => Promise<T>) {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' });
  const loader = useRef(load);
  loader.current = load;
  const [generation, setGeneration] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reloads on a new key or an explicit reload.
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({
      status: 'loading',
      ...(previous.data !== undefined && { data: previous.data }),
    }));
    loader.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'done', data });
      },
      (error: unknown) => {
        const failure = asApiError(error);
        if (!controller.signal.aborted && failure.kind !== 'aborted') {
          setState((previous) => ({
            status: 'failed',
            error: failure,
            ...(previous.data !== undefined && { data: previous.data }),
          }));
        }
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { state, reload };
}
