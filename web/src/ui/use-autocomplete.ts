import { useEffect, useMemo, useRef, useState } from 'react';
import { asApiError } from '../api/api-error';
import { Debouncer } from '../lib/debounce';

export interface Autocomplete<T> {
  items: T[];
  loading: boolean;
  /** A French message when suggestions could not be fetched. */
  error?: string;
}

/**
 * Suggestions for what is typed: fetched once typing pauses (250 ms), the previous fetch cancelled,
 * nothing below `minLength` characters.
 */
export function useAutocomplete<T>(
  query: string,
  fetchItems: (query: string, signal: AbortSignal) => Promise<T[]>,
  { minLength = 2, delayMs = 250, enabled = true } = {},
): Autocomplete<T> {
  const [state, setState] = useState<Autocomplete<T>>({ items: [], loading: false });
  const fetchRef = useRef(fetchItems);
  fetchRef.current = fetchItems;
  const controller = useRef<AbortController | undefined>(undefined);

  const debouncer = useMemo(
    () =>
      new Debouncer<string>((q) => {
        controller.current?.abort();
        const current = new AbortController();
        controller.current = current;
        fetchRef.current(q, current.signal).then(
          (items) => {
            if (!current.signal.aborted) setState({ items, loading: false });
          },
          (error: unknown) => {
            const failure = asApiError(error);
            if (!current.signal.aborted && failure.kind !== 'aborted') {
              setState({ items: [], loading: false, error: 'Suggestions indisponibles pour le moment.' });
            }
          },
        );
      }, delayMs),
    [delayMs],
  );

  useEffect(() => {
    const q = query.trim();
    if (!enabled || q.length < minLength) {
      debouncer.cancel();
      controller.current?.abort();
      setState({ items: [], loading: false });
      return;
    }
    setState((previous) => ({ items: previous.items, loading: true }));
    debouncer.push(q);
  }, [query, enabled, minLength, debouncer]);

  useEffect(
    () => () => {
      debouncer.cancel();
      controller.current?.abort();
    },
    [debouncer],
  );

  return state;
}
