import { useSyncExternalStore } from 'react';
import { type Page, pageOfHash } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The page named by the location's hash, following its changes. */
export function usePage(): Page {
  return useSyncExternalStore(subscribe, () => pageOfHash(window.location.hash));
}
