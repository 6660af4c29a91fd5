import type { OfferKind, SuggestionFacts } from '@reco/contracts';
import { formatEuros, formatFrenchDate, formatFrenchNumber, formatHours } from '@reco/prompts';

export interface ExplainableOffer {
  kind: OfferKind;
  title: string;
  /** The offer's commune, when known. */
  city?: string;
  facts: SuggestionFacts;
}

export interface ExplanationContext {
  /** The jobseeker's target jobs as labels, said when no ROME code links the offer to them. */
  targetJobLabels: string[];
}

/**
 * A short French explanation built from the verified facts only, for when the model did not
 * explain. Deterministic: the same facts always read the same.
 */
export function explainByRules(offer: ExplainableOffer, context: ExplanationContext): string {
  const sentences =
    offer.kind === 'training'
      ? [trainingSentence(offer)]
      : [gatheringHeadline(offer), gatheringDetails(offer)];
  return [...sentences, ...matchSentences(offer.facts, context)]
    .filter((sentence) => sentence !== '')
    .join(' ');
}

/** "Formation certifiante (niveau 4) visant le métier « … » (J1501), à 12 km (Nantes), prochaine session le …" */
function trainingSentence({ city, facts }: ExplainableOffer): string {
  const level = facts.certification?.level === undefined ? '' : ` (niveau ${facts.certification.level})`;
  const head = facts.certification === undefined ? 'Formation' : `Formation certifiante${level}`;
  const jobs = jobLink(facts);
  return sentence([
    jobs === undefined ? head : `${head} visant ${jobs}`,
    place(facts, city),
    facts.nextSessionStart === undefined
      ? 'dates de session non communiquées'
      : `prochaine session le ${formatFrenchDate(facts.nextSessionStart)}`,
    facts.durationHours === undefined ? undefined : formatHours(facts.durationHours),
    facts.costEur === undefined
      ? 'coût non communiqué'
      : facts.costEur === 0
        ? 'gratuite'
        : `coût ${formatEuros(facts.costEur)}`,
    facts.cpf ? 'éligible au CPF' : undefined,
  ]);
}

/** "Événement gratuit à Nantes le 11 février 2027 : Forum de l'emploi en santé." */
function gatheringHeadline({ kind, title, city, facts }: ExplainableOffer): string {
  const noun = kind === 'event' ? 'Événement' : 'Atelier';
  const free = facts.costEur === 0 ? ' gratuit' : '';
  const where =
    facts.locationPrecision === 'online'
      ? ' à distance'
      : city !== undefined && facts.locationPrecision !== 'departement'
        ? ` à ${city}`
        : '';
  const when = facts.nextSessionStart === undefined ? '' : ` le ${formatFrenchDate(facts.nextSessionStart)}`;
  return `${noun}${free}${where}${when} : ${title.trim().replace(/[.\s]+$/, '')}.`;
}

function gatheringDetails({ facts }: ExplainableOffer): string {
  const jobs = jobLink(facts);
  return sentence([
    facts.locationPrecision === 'online' ? undefined : place(facts, undefined),
    facts.nextSessionStart === undefined ? 'date non communiquée' : undefined,
    jobs === undefined ? undefined : `en lien avec ${jobs}`,
    facts.durationHours === undefined ? undefined : `durée ${formatHours(facts.durationHours)}`,
    facts.costEur === undefined || facts.costEur === 0 ? undefined : `coût ${formatEuros(facts.costEur)}`,
    facts.cpf ? 'éligible au CPF' : undefined,
  ]);
}

/** Said apart: a match by content or by skills is weaker than a shared ROME code. */
function matchSentences(facts: SuggestionFacts, context: ExplanationContext): string[] {
  const sentences: string[] = [];
  if (
    facts.matchedRomeCodes.length === 0 &&
    facts.matchedJobTitle === undefined &&
    context.targetJobLabels.length > 0
  ) {
    sentences.push(
      `Rapprochement par le contenu avec ${frenchList(context.targetJobLabels.map(quoted))}, sans code ROME commun.`,
    );
  }
  if (facts.matchedSkills.length > 0) {
    sentences.push(`Compétences en commun avec le profil : ${frenchList(facts.matchedSkills)}.`);
  }
  return sentences;
}

function jobLink(facts: SuggestionFacts): string | undefined {
  const romes = facts.matchedRomeCodes;
  if (romes.length > 0) {
    const jobs = frenchList(romes.map((rome) => `${quoted(rome.label)} (${rome.code})`));
    return `${romes.length > 1 ? 'les métiers' : 'le métier'} ${jobs}`;
  }
  return facts.matchedJobTitle === undefined
    ? undefined
    : `l'intitulé recherché ${quoted(facts.matchedJobTitle)}`;
}

/** Distances to a département's centre are approximate and said so. */
function place(facts: SuggestionFacts, city: string | undefined): string | undefined {
  const km =
    facts.distanceKm === undefined ? undefined : `${formatFrenchNumber(Math.round(facts.distanceKm))} km`;
  const partlyRemote = facts.modality === 'blended' ? ', en partie à distance' : '';
  const inCity = city === undefined ? '' : ` (${city})`;
  switch (facts.locationPrecision) {
    case 'online':
      return 'à distance';
    case 'departement':
      return `localisation connue au niveau du département uniquement${km === undefined ? '' : ` (environ ${km} du centre du département)`}${partlyRemote}`;
    case 'commune':
    case 'point': {
      const approximately = facts.locationPrecision === 'commune' ? 'environ ' : '';
      if (km !== undefined) return `à ${approximately}${km}${inCity}${partlyRemote}`;
      return city === undefined ? undefined : `à ${city}${partlyRemote}`;
    }
  }
}

function sentence(parts: (string | undefined)[]): string {
  const text = parts.filter((part): part is string => part !== undefined).join(', ');
  return text === '' ? '' : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function quoted(text: string): string {
  return `« ${text} »`;
}

function frenchList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} et ${items.at(-1)}`;
}
