import type { Suggestion } from '@reco/contracts';
import { formatCost, formatDate, formatDistance, formatDuration, formatLevel } from '../../i18n/format';
import { KIND_LABELS, MODALITY_LABELS } from '../../i18n/labels';
import type { CatalogueOffer, DecisionState } from '../suggestions/decision-state';

/** One offer of the proposal given to the jobseeker: facts and text, no internal data. */
export interface ProposalEntry {
  key: string;
  title: string;
  kind: string;
  provider: string;
  place: string;
  city?: string;
  modality: string;
  nextSession: string;
  duration?: string;
  cost: string;
  cpf: string;
  certification?: string;
  /** The explanation (as the counsellor edited it) or the counsellor's note on an offer they added. */
  text?: string;
  url?: string;
}

function cityOf(location: { city?: string | undefined; postcode?: string | undefined }): string | undefined {
  if (!location.city) return undefined;
  return location.postcode ? `${location.city} (${location.postcode})` : location.city;
}

function certificationOf(
  certification: { label?: string | undefined; level?: number | undefined } | undefined,
) {
  if (!certification?.label) return undefined;
  const level = formatLevel(certification.level);
  return level ? `${certification.label} — ${level}` : certification.label;
}

function sessionText(start: string | undefined, end: string | undefined): string {
  const from = formatDate(start);
  if (!from) return 'Dates à confirmer auprès de l’organisme';
  const to = formatDate(end);
  return to ? `du ${from} au ${to}` : `à partir du ${from}`;
}

export function entryOfSuggestion(suggestion: Suggestion, text: string): ProposalEntry {
  const { facts } = suggestion;
  const city = cityOf(suggestion.location);
  const duration = formatDuration(facts.durationHours);
  const certification = certificationOf(facts.certification);
  return {
    key: suggestion.offerId,
    title: suggestion.title,
    kind: KIND_LABELS[suggestion.kind],
    provider: suggestion.provider.name,
    place: formatDistance(facts),
    ...(city && { city }),
    modality: MODALITY_LABELS[facts.modality],
    nextSession: sessionText(facts.nextSessionStart, facts.nextSessionEnd),
    ...(duration && { duration }),
    cost: formatCost(facts.costEur),
    cpf: facts.cpf ? 'Éligible au CPF' : 'Non éligible au CPF',
    ...(certification && { certification }),
    ...(text.trim() && { text: text.trim() }),
  };
}

/** The next session still open: the first unexpired one, by start date. */
export function nextSessionOf(offer: CatalogueOffer): { start?: string; end?: string } | undefined {
  return offer.sessions
    .filter((session) => !session.expired && session.start)
    .sort((a, b) => (a.start ?? '').localeCompare(b.start ?? ''))[0];
}

export function entryOfOffer(offer: CatalogueOffer, note: string): ProposalEntry {
  const city = cityOf(offer.location);
  const duration = formatDuration(offer.durationHours);
  const certification = certificationOf(offer.certification);
  const session = nextSessionOf(offer);
  return {
    key: offer.id,
    title: offer.title,
    kind: KIND_LABELS[offer.kind],
    provider: offer.provider.name,
    place: formatDistance({
      distanceKm: offer.distanceKm,
      locationPrecision: offer.location.precision,
      modality: offer.modality,
    }),
    ...(city && { city }),
    modality: MODALITY_LABELS[offer.modality],
    nextSession: sessionText(session?.start, session?.end),
    ...(duration && { duration }),
    cost: formatCost(offer.costEur),
    cpf: offer.funding.cpf ? 'Éligible au CPF' : 'Non éligible au CPF',
    ...(certification && { certification }),
    ...(note.trim() && { text: note.trim() }),
    ...(offer.url && /^https?:\/\//.test(offer.url) && { url: offer.url }),
  };
}

/** The retained suggestions in rank order with their (edited) texts, then the offers added by hand. */
export function buildProposal(suggestions: readonly Suggestion[], decisions: DecisionState): ProposalEntry[] {
  const retained = suggestions
    .filter((suggestion) => decisions.choices[suggestion.offerId]?.action === 'retained')
    .map((suggestion) =>
      entryOfSuggestion(suggestion, decisions.editedTexts[suggestion.offerId] ?? suggestion.explanation.text),
    );
  return [...retained, ...decisions.added.map(({ offer, note }) => entryOfOffer(offer, note))];
}
