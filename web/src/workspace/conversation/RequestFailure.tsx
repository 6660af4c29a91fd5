import { Alert } from '../../ui/Alert';
import type { FailedTurn } from './conversation-state';

interface RequestFailureProps {
  failure: FailedTurn;
  onRetry: () => void;
}

/**
 * Why the request did not go through. A refusal for sensitive data keeps the text in its field, marked,
 * for correction; any other failure offers to send it again.
 */
export function RequestFailure({ failure, onRetry }: RequestFailureProps) {
  if (failure.refusal) {
    return (
      <Alert severity="error" title="Demande refusée : données sensibles" live="alert">
        <p>
          {failure.error.problem?.detail ??
            'La demande contient des informations qui ne doivent pas être saisies. Reformulez-la en décrivant seulement le projet professionnel.'}
        </p>
        <p>
          Les passages en cause sont signalés sous le champ : votre texte a été conservé pour le corriger.
        </p>
      </Alert>
    );
  }
  if (failure.error.kind === 'aborted') {
    return (
      <Alert severity="info" live="status">
        <p>Demande annulée.</p>
      </Alert>
    );
  }
  return (
    <Alert severity="error" title="La demande n’a pas abouti" live="alert">
      <p>{failure.error.userMessage}</p>
      {failure.error.status !== 422 && (
        <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={onRetry}>
          Réessayer
        </button>
      )}
    </Alert>
  );
}
