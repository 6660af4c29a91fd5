import { useEffect, useState } from 'react';
import { isTransient } from '../../api/retry';
import { Alert } from '../../ui/Alert';
import type { SaveState } from './decision-state';

/**
 * Why a decision is not stored yet, while it is retried or once retrying stopped. The countdown is
 * outside any live region: a screen reader hears the decision bar's status once per retry, not
 * every second.
 */
export function SaveStatus({ save }: { save: SaveState }) {
  if (save.status === 'retrying') {
    return (
      <Alert severity="warning" title="Proposition pas encore enregistrée">
        <p>
          {save.error.kind === 'network'
            ? 'Le serveur ne répond pas (il redémarre peut-être)'
            : 'Le serveur redémarre'}{' '}
          : votre décision est conservée,{' '}
          {save.retryAt === undefined ? 'nouvel essai en cours…' : <Countdown until={save.retryAt} />}
        </p>
      </Alert>
    );
  }
  if (save.status === 'failed') {
    return (
      <Alert severity="error" title="La proposition n’a pas été enregistrée" live="alert">
        <p>
          {save.error.userMessage} Vos choix sont conservés
          {isTransient(save.error) ? ', même si la page est rechargée' : ''}.
        </p>
      </Alert>
    );
  }
  return null;
}

function Countdown({ until }: { until: number }) {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, []);
  return <>nouvel essai dans {Math.max(0, Math.ceil((until - now) / 1000))} s…</>;
}
