import { useEffect, useRef } from 'react';
import type { ProposalEntry } from './proposal';

interface ProposalViewProps {
  entries: readonly ProposalEntry[];
  date: Date;
  onNewRequest: () => void;
  onNewJobseeker: () => void;
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });

/**
 * The proposal handed to the jobseeker: the retained offers, their (edited) texts and facts, and the
 * offers the counsellor added. Printable; nothing internal (no ids, ranks, sources or model).
 */
export function ProposalView({ entries, date, onNewRequest, onNewJobseeker }: ProposalViewProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <div>
      <div className="fr-alert fr-alert--success app-no-print" role="status">
        <p className="fr-alert__title">Proposition enregistrée</p>
        <p>Vous pouvez l’imprimer ou l’enregistrer en PDF pour la remettre au demandeur.</p>
      </div>
      <div className="fr-btns-group app-no-print" style={{ marginBottom: '1.5rem' }}>
        <button type="button" className="fr-btn" onClick={() => window.print()}>
          Imprimer la proposition
        </button>
        <button type="button" className="fr-btn fr-btn--secondary" onClick={onNewRequest}>
          Nouvelle demande (même profil)
        </button>
        <button type="button" className="fr-btn fr-btn--tertiary" onClick={onNewJobseeker}>
          Nouveau demandeur
        </button>
      </div>
      <article className="app-proposal" aria-labelledby="proposal-title">
        <p className="fr-logo" aria-hidden="true">
          République
          <br />
          Française
        </p>
        {/* The page's title once the proposal replaces the workspace. */}
        <h1 id="proposal-title" ref={heading} tabIndex={-1}>
          Propositions de formation
        </h1>
        <p>
          Proposées par votre conseiller ou conseillère France Travail le {dateFormat.format(date)}. Vérifiez
          les dates, le lieu et les conditions d’accès auprès de l’organisme avant de vous inscrire.
        </p>
        {entries.length === 0 ? (
          <p>Aucune offre n’a été retenue à ce stade.</p>
        ) : (
          <ol className="app-proposal__list">
            {entries.map((entry) => (
              <li key={entry.key} className="app-proposal__entry">
                <h2>{entry.title}</h2>
                <dl>
                  <dt>Type</dt>
                  <dd>{entry.kind}</dd>
                  <dt>Organisme</dt>
                  <dd>{entry.provider}</dd>
                  <dt>Lieu</dt>
                  <dd>
                    {entry.city && `${entry.city}, `}
                    {entry.place}
                  </dd>
                  <dt>Modalité</dt>
                  <dd>{entry.modality}</dd>
                  <dt>Session</dt>
                  <dd>{entry.nextSession}</dd>
                  {entry.duration && (
                    <>
                      <dt>Durée</dt>
                      <dd>{entry.duration}</dd>
                    </>
                  )}
                  <dt>Coût</dt>
                  <dd>{entry.cost}</dd>
                  <dt>Financement</dt>
                  <dd>{entry.cpf}</dd>
                  {entry.certification && (
                    <>
                      <dt>Certification</dt>
                      <dd>{entry.certification}</dd>
                    </>
                  )}
                  {entry.url && (
                    <>
                      <dt>En savoir plus</dt>
                      <dd>
                        <a href={entry.url} target="_blank" rel="noreferrer noopener">
                          {entry.url}
                        </a>
                      </dd>
                    </>
                  )}
                </dl>
                {entry.text && <p style={{ whiteSpace: 'pre-wrap' }}>{entry.text}</p>}
              </li>
            ))}
          </ol>
        )}
      </article>
    </div>
  );
}
