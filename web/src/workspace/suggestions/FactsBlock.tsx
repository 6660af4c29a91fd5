import type { Location, Session, SuggestionFacts } from '@reco/contracts';
import { formatCost, formatDate, formatDistance, formatDuration, formatLevel } from '../../i18n/format';
import { MODALITY_LABELS } from '../../i18n/labels';

interface FactsBlockProps {
  facts: SuggestionFacts;
  location: Location;
  sessions: readonly Session[];
}

function sessionText(facts: SuggestionFacts): string {
  const start = formatDate(facts.nextSessionStart);
  if (!start) return 'Non communiquée';
  const end = formatDate(facts.nextSessionEnd);
  return end ? `du ${start} au ${end}` : `à partir du ${start}`;
}

/** What the server verified in the catalogue, apart from any generated text. */
export function FactsBlock({ facts, location, sessions }: FactsBlockProps) {
  const city = location.city
    ? `${location.city}${location.postcode ? ` (${location.postcode})` : ''}`
    : undefined;
  const otherSessions =
    sessions.filter((session) => !session.expired).length - (facts.nextSessionStart ? 1 : 0);
  const certification = facts.certification?.label
    ? [facts.certification.label, formatLevel(facts.certification.level)].filter(Boolean).join(' — ')
    : undefined;
  return (
    <div className="app-facts">
      <h4>Informations vérifiées (catalogue)</h4>
      <dl>
        <dt>Lieu</dt>
        <dd>
          {city && `${city}, `}
          {formatDistance(facts)}
        </dd>
        <dt>Modalité</dt>
        <dd>{MODALITY_LABELS[facts.modality]}</dd>
        <dt>Prochaine session</dt>
        <dd>
          {sessionText(facts)}
          {otherSessions > 0 && (
            <span className="app-muted">
              {' '}
              (+ {otherSessions} autre{otherSessions > 1 ? 's' : ''})
            </span>
          )}
        </dd>
        <dt>Durée</dt>
        <dd>{formatDuration(facts.durationHours) ?? 'Non communiquée'}</dd>
        <dt>Coût</dt>
        <dd>{formatCost(facts.costEur)}</dd>
        <dt>CPF</dt>
        <dd>{facts.cpf ? 'Éligible' : 'Non éligible'}</dd>
        {certification && (
          <>
            <dt>Certification</dt>
            <dd>{certification}</dd>
          </>
        )}
        {facts.matchedRomeCodes.length > 0 && (
          <>
            <dt>Métiers en lien</dt>
            <dd>
              <ul className="app-inline-list">
                {facts.matchedRomeCodes.map((rome) => (
                  <li key={rome.code}>
                    {rome.label} ({rome.code})
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {facts.matchedSkills.length > 0 && (
          <>
            <dt>Compétences visées</dt>
            <dd>
              <ul className="app-inline-list">
                {facts.matchedSkills.map((skill) => (
                  <li key={skill}>{skill}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
    </div>
  );
}
