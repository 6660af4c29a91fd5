import { plural } from '../../i18n/format';
import { Alert } from '../../ui/Alert';
import { canSave, type DecisionState, undecidedOfferIds } from './decision-state';

interface DecisionBarProps {
  decisions: DecisionState;
  onSave: () => void;
}

/**
 * Saves the proposal as the decision. Disabled until every suggestion is retained or set aside; a
 * failed save keeps every choice and offers to try again.
 */
export function DecisionBar({ decisions, onSave }: DecisionBarProps) {
  const undecided = undecidedOfferIds(decisions).length;
  const retained = Object.values(decisions.choices).filter((choice) => choice.action === 'retained').length;
  const failed = decisions.save.status === 'failed' ? decisions.save.error : undefined;
  const saving = decisions.save.status === 'saving';
  return (
    <section className="app-decision-bar app-no-print" aria-labelledby="decision-heading">
      <h2 id="decision-heading" className="fr-sr-only">
        Proposition au demandeur
      </h2>
      {failed && (
        <Alert severity="error" title="La proposition n’a pas été enregistrée" live="alert">
          <p>{failed.userMessage} Vos choix sont conservés.</p>
        </Alert>
      )}
      <p id="decision-status" role="status">
        {undecided > 0
          ? `Encore ${plural(undecided, 'suggestion')} à retenir ou écarter avant d’enregistrer.`
          : `${plural(retained, 'suggestion retenue', 'suggestions retenues')}, ${plural(decisions.added.length, 'offre ajoutée', 'offres ajoutées')}.`}
      </p>
      <button
        type="button"
        className="fr-btn"
        disabled={!canSave(decisions)}
        aria-describedby="decision-status"
        onClick={onSave}
      >
        {saving ? 'Enregistrement…' : failed ? 'Réessayer' : 'Enregistrer et préparer la proposition'}
      </button>
    </section>
  );
}
