import { plural } from '../../i18n/format';
import { canSave, type DecisionState, undecidedOfferIds } from './decision-state';
import { SaveStatus } from './SaveStatus';

interface DecisionBarProps {
  decisions: DecisionState;
  onSave: () => void;
  /** Sends the decision being retried without waiting for the countdown. */
  onRetryNow: () => void;
}

/**
 * Saves the proposal as the decision. Disabled until every suggestion is retained or set aside.
 * While the server cannot be reached the same decision is sent again by itself (the counsellor may
 * hurry it); once retrying stops, every choice is still there and « Réessayer » sends it again.
 */
export function DecisionBar({ decisions, onSave, onRetryNow }: DecisionBarProps) {
  const undecided = undecidedOfferIds(decisions).length;
  const retained = Object.values(decisions.choices).filter((choice) => choice.action === 'retained').length;
  const { save } = decisions;
  return (
    <section className="app-decision-bar app-no-print" aria-labelledby="decision-heading">
      <h2 id="decision-heading" className="fr-sr-only">
        Proposition au demandeur
      </h2>
      <SaveStatus save={save} />
      <p id="decision-status" role="status">
        {save.status === 'retrying'
          ? `Proposition pas encore enregistrée : nouvel essai automatique (${plural(save.failedAttempts, 'essai échoué', 'essais échoués')}).`
          : undecided > 0
            ? `Encore ${plural(undecided, 'suggestion')} à retenir ou écarter avant d’enregistrer.`
            : `${plural(retained, 'suggestion retenue', 'suggestions retenues')}, ${plural(decisions.added.length, 'offre ajoutée', 'offres ajoutées')}.`}
      </p>
      {save.status === 'retrying' ? (
        <button
          type="button"
          className="fr-btn"
          disabled={save.retryAt === undefined}
          aria-describedby="decision-status"
          onClick={onRetryNow}
        >
          Réessayer maintenant
        </button>
      ) : (
        <button
          type="button"
          className="fr-btn"
          disabled={!canSave(decisions)}
          aria-describedby="decision-status"
          onClick={onSave}
        >
          {save.status === 'saving'
            ? 'Enregistrement…'
            : save.status === 'failed'
              ? 'Réessayer'
              : 'Enregistrer et préparer la proposition'}
        </button>
      )}
    </section>
  );
}
