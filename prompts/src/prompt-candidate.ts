import type { Offer, SuggestionFacts } from '@reco/contracts';
import { formatFrenchDate, formatFrenchNumber } from './french-format';
import type { PromptCandidate } from './recommendation-prompt';

/**
 * The model sees the facts the server verified (distance, next session, cost) rather than the raw
 * offer, so that what it writes can be checked against what the counsellor is shown.
 */
export function promptCandidateFrom(offer: Offer, facts: SuggestionFacts): PromptCandidate {
  const certification = describeCertification(facts.certification);
  return {
    id: offer.id,
    kind: offer.kind,
    title: offer.title,
    provider: offer.provider.name,
    place: describePlace(offer, facts),
    ...(facts.nextSessionStart !== undefined && { nextSession: formatFrenchDate(facts.nextSessionStart) }),
    ...(facts.durationHours !== undefined && { durationHours: facts.durationHours }),
    ...(facts.costEur !== undefined && { costEur: facts.costEur }),
    cpf: facts.cpf,
    ...(certification !== undefined && { certification }),
    description: [offer.objectives, offer.content]
      .filter((text) => text !== undefined && text !== '')
      .join(' '),
  };
}

function describePlace(offer: Offer, facts: SuggestionFacts): string {
  const distance =
    facts.distanceKm === undefined ? undefined : formatFrenchNumber(Math.round(facts.distanceKm));
  const partlyRemote = facts.modality === 'blended' ? ', en partie à distance' : '';
  switch (facts.locationPrecision) {
    case 'online':
      return 'à distance';
    case 'departement': {
      const departement = offer.location.departement ?? 'non précisé';
      const around = distance === undefined ? '' : ` (environ ${distance} km du centre du département)`;
      return `département ${departement}, lieu exact non communiqué${around}${partlyRemote}`;
    }
    case 'point':
    case 'commune': {
      const city = offer.location.city ?? 'commune non précisée';
      return `${city}${distance === undefined ? '' : ` (${distance} km)`}${partlyRemote}`;
    }
  }
}

function describeCertification(certification: SuggestionFacts['certification']): string | undefined {
  if (certification === undefined) return undefined;
  const level = certification.level === undefined ? undefined : `niveau ${certification.level}`;
  if (certification.label === undefined) return level ?? 'certifiante';
  return level === undefined ? certification.label : `${certification.label} (${level})`;
}
