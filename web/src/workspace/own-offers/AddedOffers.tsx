import type { Dispatch } from 'react';
import { formatCost } from '../../i18n/format';
import { KIND_LABELS } from '../../i18n/labels';
import { Badge } from '../../ui/Badge';
import type { AddedOffer, DecisionAction } from '../suggestions/decision-state';

interface AddedOffersProps {
  added: readonly AddedOffer[];
  locked: boolean;
  dispatch: Dispatch<DecisionAction>;
}

/** The offers the counsellor added, each with a note for the jobseeker. */
export function AddedOffers({ added, locked, dispatch }: AddedOffersProps) {
  if (added.length === 0) return null;
  return (
    <section aria-labelledby="added-heading" style={{ marginTop: '1.5rem' }}>
      <h3 id="added-heading">Offres ajoutées par vous</h3>
      <ul className="app-offer-list">
        {added.map(({ offer, note }) => {
          const noteId = `added-note-${offer.id}`.replace(/[^\w-]/g, '_');
          return (
            <li key={offer.id}>
              <Badge severity="new" small>
                {KIND_LABELS[offer.kind]}
              </Badge>{' '}
              <strong>{offer.title}</strong>
              <p className="app-muted" style={{ margin: '0.25rem 0' }}>
                {offer.provider.name} — {formatCost(offer.costEur)}
              </p>
              <div className="fr-input-group" style={{ marginBottom: '0.5rem' }}>
                <label className="fr-label" htmlFor={noteId}>
                  Note pour le demandeur (facultatif)
                </label>
                <textarea
                  id={noteId}
                  className="fr-input"
                  rows={2}
                  maxLength={500}
                  value={note}
                  disabled={locked}
                  onChange={(event) =>
                    dispatch({ type: 'added_note_changed', offerId: offer.id, note: event.target.value })
                  }
                />
              </div>
              {!locked && (
                <button
                  type="button"
                  className="fr-btn fr-btn--tertiary fr-btn--sm"
                  onClick={() => dispatch({ type: 'added_removed', offerId: offer.id })}
                >
                  Retirer<span className="fr-sr-only"> « {offer.title} »</span>
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
