import { type CommuneSuggestion, offerSearchRoute } from '@reco/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useApi } from '../../api/api-context';
import { type ApiError, asApiError } from '../../api/api-error';
import { formatCost, formatDate, formatDistance, plural } from '../../i18n/format';
import { KIND_LABELS } from '../../i18n/labels';
import { Badge } from '../../ui/Badge';
import { nextSessionOf } from '../proposal/proposal';
import type { CatalogueOffer } from '../suggestions/decision-state';

interface OfferSearchProps {
  commune: CommuneSuggestion | null;
  mobilityKm: number | undefined;
  /** Offers already suggested or added: they cannot be added again. */
  takenIds: ReadonlySet<string>;
  onAdd: (offer: CatalogueOffer) => void;
  disabled: boolean;
}

type Results =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; offers: CatalogueOffer[] }
  | { status: 'failed'; error: ApiError };

/** The counsellor's own search in the catalogue, to add an offer the assistant did not suggest. */
export function OfferSearch({ commune, mobilityKm, takenIds, onAdd, disabled }: OfferSearchProps) {
  const api = useApi();
  const id = useId();
  const [q, setQ] = useState('');
  const [nearby, setNearby] = useState(true);
  const [results, setResults] = useState<Results>({ status: 'idle' });
  const tooShort = q.trim().length < 2;

  async function search(event: FormEvent) {
    event.preventDefault();
    if (tooShort) return;
    setResults({ status: 'loading' });
    const around = nearby && commune;
    try {
      const { offers } = await api.call(offerSearchRoute, {
        query: {
          q: q.trim(),
          limit: 10,
          ...(around && {
            inseeCode: commune.inseeCode,
            radiusKm: Math.min(300, Math.max(1, mobilityKm ?? 30)),
          }),
        },
      });
      setResults({ status: 'done', offers });
    } catch (error) {
      setResults({ status: 'failed', error: asApiError(error) });
    }
  }

  return (
    <section className="app-panel app-no-print" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Ajouter une offre de votre choix</h3>
      <form onSubmit={search} noValidate>
        <div className="app-row" style={{ alignItems: 'flex-end' }}>
          <div className="fr-input-group" style={{ flex: '3 1 14rem' }}>
            <label className="fr-label" htmlFor={`${id}-q`}>
              Rechercher dans le catalogue
              <span className="fr-hint-text">
                Intitulé, certification, organisme… (2 caractères au moins)
              </span>
            </label>
            <input
              id={`${id}-q`}
              className="fr-input"
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
            />
          </div>
          <div className="fr-input-group" style={{ flex: '0 0 auto' }}>
            <button type="submit" className="fr-btn fr-btn--secondary" disabled={tooShort || disabled}>
              Rechercher
            </button>
          </div>
        </div>
        <div className="fr-checkbox-group">
          <input
            type="checkbox"
            id={`${id}-nearby`}
            checked={nearby && commune !== null}
            disabled={!commune}
            onChange={(event) => setNearby(event.target.checked)}
          />
          <label htmlFor={`${id}-nearby`}>
            {commune
              ? `Autour de ${commune.name} (rayon de mobilité : ${mobilityKm ?? 30} km)`
              : 'Autour de la commune du profil (choisissez d’abord une commune)'}
          </label>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {results.status === 'loading' && <p>Recherche en cours…</p>}
        {results.status === 'failed' && <p className="fr-error-text">{results.error.userMessage}</p>}
        {results.status === 'done' && (
          <p className="app-muted">{plural(results.offers.length, 'résultat')}</p>
        )}
      </div>
      {results.status === 'done' && results.offers.length > 0 && (
        <ul className="app-offer-list">
          {results.offers.map((offer) => {
            const session = nextSessionOf(offer);
            const taken = takenIds.has(offer.id);
            return (
              <li key={offer.id}>
                <Badge severity="new" small>
                  {KIND_LABELS[offer.kind]}
                </Badge>{' '}
                <strong>{offer.title}</strong>
                <p className="app-muted" style={{ margin: '0.25rem 0' }}>
                  {offer.provider.name} — {offer.location.city ? `${offer.location.city}, ` : ''}
                  {formatDistance({
                    distanceKm: offer.distanceKm,
                    locationPrecision: offer.location.precision,
                    modality: offer.modality,
                  })}{' '}
                  — {formatCost(offer.costEur)}
                  {session?.start && ` — prochaine session le ${formatDate(session.start)}`}
                </p>
                <button
                  type="button"
                  className="fr-btn fr-btn--tertiary fr-btn--sm"
                  disabled={taken || disabled}
                  onClick={() => onAdd(offer)}
                >
                  {taken ? 'Déjà dans la proposition' : 'Ajouter à la proposition'}
                  <span className="fr-sr-only"> : {offer.title}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
