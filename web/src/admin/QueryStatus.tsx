import { Alert } from '../ui/Alert';
import type { QueryState } from './use-api-query';

/** Loading and failure of an admin screen's data, with « Réessayer ». */
export function QueryStatus<T>({ state, onRetry }: { state: QueryState<T>; onRetry: () => void }) {
  return (
    <div role="status" aria-live="polite">
      {state.status === 'loading' && <p className="app-muted">Chargement…</p>}
      {state.status === 'failed' && (
        <Alert severity="error" title="Chargement impossible">
          <p>{state.error.userMessage}</p>
          <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={onRetry}>
            Réessayer
          </button>
        </Alert>
      )}
    </div>
  );
}
