import { HealthResponse } from '@reco/contracts';
import { useEffect, useState } from 'react';

type CatalogueState =
  | { status: 'loading' }
  | { status: 'ready'; health: HealthResponse }
  | { status: 'error' };

/** The entry page: what the assistant is and whether its catalogue is available. */
export function App() {
  const [state, setState] = useState<CatalogueState>({ status: 'loading' });

  useEffect(() => {
    fetch('/api/health')
      .then(async (response) => HealthResponse.parse(await response.json()))
      .then((health) => setState({ status: 'ready', health }))
      .catch(() => setState({ status: 'error' }));
  }, []);

  return (
    <main
      style={{
        fontFamily: 'system-ui, sans-serif',
        maxWidth: '48rem',
        margin: '2rem auto',
        padding: '0 1rem',
      }}
    >
      <h1>Assistant formation</h1>
      <p>
        Aide aux conseillers France Travail pour proposer un parcours de formation : le conseiller reste seul
        juge des propositions faites au demandeur d’emploi.
      </p>
      <section aria-live="polite">
        {state.status === 'loading' && <p>Chargement du catalogue…</p>}
        {state.status === 'error' && <p role="alert">Le service est momentanément indisponible.</p>}
        {state.status === 'ready' && (
          <p>
            Catalogue : {state.health.catalogue.activeOffers.toLocaleString('fr-FR')} formations, ateliers et
            événements disponibles.
          </p>
        )}
      </section>
    </main>
  );
}
