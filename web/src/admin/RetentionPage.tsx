import { adminPurgeRoute, adminRetentionRoute, type PurgeRecord } from '@reco/contracts';
import { useRef, useState } from 'react';
import { useApi } from '../api/api-context';
import { type ApiError, asApiError } from '../api/api-error';
import { formatDateTime } from '../i18n/format';
import { Alert } from '../ui/Alert';
import { QueryStatus } from './QueryStatus';
import { useApiQuery } from './use-api-query';

type PurgeState =
  | { step: 'idle' }
  | { step: 'confirming' }
  | { step: 'purging' }
  | { step: 'done'; record: PurgeRecord }
  | { step: 'failed'; error: ApiError };

function PurgeSummary({ record }: { record: PurgeRecord }) {
  return (
    <dl
      className="app-facts"
      style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.25rem 1rem' }}
    >
      <dt>Date</dt>
      <dd>{formatDateTime(record.purgedAt)}</dd>
      <dt>Supprimé avant le</dt>
      <dd>{formatDateTime(record.cutoff)}</dd>
      <dt>Demandes supprimées</dt>
      <dd>{record.requestsDeleted.toLocaleString('fr-FR')}</dd>
      <dt>Refus supprimés</dt>
      <dd>{record.refusalsDeleted.toLocaleString('fr-FR')}</dd>
      <dt>Déclenchement</dt>
      <dd>{record.trigger === 'admin' ? 'Par un administrateur' : 'Automatique (planifiée)'}</dd>
    </dl>
  );
}

/** The retention period, the last purge, and « Purger maintenant » after confirmation. */
export function RetentionPage() {
  const api = useApi();
  const { state, reload } = useApiQuery('retention', (signal) => api.call(adminRetentionRoute, { signal }));
  const [purge, setPurge] = useState<PurgeState>({ step: 'idle' });
  const purgeButton = useRef<HTMLButtonElement>(null);
  const data = state.data;

  async function confirm() {
    setPurge({ step: 'purging' });
    try {
      const record = await api.call(adminPurgeRoute);
      setPurge({ step: 'done', record });
      reload();
    } catch (error) {
      setPurge({ step: 'failed', error: asApiError(error) });
    }
  }

  return (
    <div>
      <h1>Conservation des données</h1>
      <QueryStatus state={state} onRetry={reload} />
      {data && (
        <>
          <p>
            Les demandes expurgées, leurs suggestions et décisions, ainsi que les refus, sont conservés{' '}
            <strong>{data.retentionDays} jours</strong>, puis supprimés par une purge automatique.
          </p>
          <h2>Dernière purge</h2>
          {data.lastPurge ? (
            <PurgeSummary record={data.lastPurge} />
          ) : (
            <p>Aucune purge n’a encore eu lieu.</p>
          )}
        </>
      )}
      <h2>Purge immédiate</h2>
      <p>
        Supprime dès maintenant tout ce qui est plus ancien que la durée de conservation. La suppression est
        définitive.
      </p>
      {purge.step === 'done' && (
        <Alert severity="success" title="Purge effectuée" live="status">
          <PurgeSummary record={purge.record} />
        </Alert>
      )}
      {purge.step === 'failed' && (
        <Alert severity="error" title="La purge a échoué" live="alert">
          <p>{purge.error.userMessage}</p>
        </Alert>
      )}
      {purge.step === 'confirming' || purge.step === 'purging' ? (
        <div
          className="fr-modal__body"
          role="alertdialog"
          aria-labelledby="purge-confirm-title"
          aria-describedby="purge-confirm-text"
        >
          <p id="purge-confirm-title" className="fr-alert__title">
            Confirmer la purge ?
          </p>
          <p id="purge-confirm-text">
            Les demandes de plus de {data?.retentionDays ?? '…'} jours seront supprimées définitivement.
          </p>
          <div className="fr-btns-group">
            <button
              type="button"
              className="fr-btn"
              onClick={() => void confirm()}
              disabled={purge.step === 'purging'}
            >
              {purge.step === 'purging' ? 'Purge en cours…' : 'Confirmer la purge'}
            </button>
            <button
              type="button"
              className="fr-btn fr-btn--tertiary"
              // biome-ignore lint/a11y/noAutofocus: the confirmation was just opened; its safe choice gets the focus.
              autoFocus
              disabled={purge.step === 'purging'}
              onClick={() => {
                setPurge({ step: 'idle' });
                requestAnimationFrame(() => purgeButton.current?.focus());
              }}
            >
              Annuler
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={purgeButton}
          type="button"
          className="fr-btn fr-btn--secondary"
          onClick={() => setPurge({ step: 'confirming' })}
        >
          Purger maintenant
        </button>
      )}
    </div>
  );
}
