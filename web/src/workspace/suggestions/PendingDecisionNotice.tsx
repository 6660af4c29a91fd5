import { useReducer } from 'react';
import { plural } from '../../i18n/format';
import { Alert } from '../../ui/Alert';
import { saveReducer } from './decision-state';
import { forgetPendingDecision, type PendingDecision } from './pending-decision';
import { SaveStatus } from './SaveStatus';
import { useDecisionSubmission } from './use-decision-submission';

const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit' });

/**
 * A decision the page sent but the server never confirmed (the page was reloaded, or the counsellor
 * moved on, while the server restarted): offered again, never dropped without the counsellor's say.
 */
export function PendingDecisionNotice({
  pending,
  onClose,
}: {
  pending: PendingDecision;
  onClose: () => void;
}) {
  const [save, dispatch] = useReducer(saveReducer, { status: 'idle' });
  const submission = useDecisionSubmission(dispatch);
  if (save.status === 'saved') {
    return (
      <Alert severity="success" title="Proposition enregistrée" live="status">
        <p>La proposition envoyée à {time.format(pending.sentAt)} est enregistrée.</p>
        <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={onClose}>
          Fermer
        </button>
      </Alert>
    );
  }
  const busy = save.status === 'saving' || save.status === 'retrying';
  const titles = pending.retainedTitles;
  return (
    <section className="app-pending-decision" aria-labelledby="pending-decision-heading">
      <h2 id="pending-decision-heading">Une proposition attend d’être enregistrée</h2>
      <p>
        Envoyée à {time.format(pending.sentAt)}, elle n’a pas été confirmée par le serveur :{' '}
        {titles.length > 0
          ? `${plural(titles.length, 'suggestion retenue', 'suggestions retenues')} (${titles.join(' ; ')})`
          : 'aucune suggestion retenue'}
        , {plural(pending.body.added.length, 'offre ajoutée', 'offres ajoutées')}.
      </p>
      <SaveStatus save={save} />
      <div className="fr-btns-group fr-btns-group--inline-sm">
        {save.status === 'retrying' ? (
          <button
            type="button"
            className="fr-btn"
            disabled={save.retryAt === undefined}
            onClick={submission.retryNow}
          >
            Réessayer maintenant
          </button>
        ) : (
          <button
            type="button"
            className="fr-btn"
            disabled={busy}
            onClick={() => void submission.submit(pending)}
          >
            Enregistrer cette proposition
          </button>
        )}
        <button
          type="button"
          className="fr-btn fr-btn--secondary"
          onClick={() => {
            submission.abandon();
            forgetPendingDecision(pending.requestId);
            onClose();
          }}
        >
          L’abandonner
        </button>
      </div>
    </section>
  );
}
