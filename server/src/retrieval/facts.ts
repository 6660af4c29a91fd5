import type { Offer, Session, SuggestionFacts } from '@reco/contracts';
import type { Referentials } from '@reco/referentials';
import { foldedWords } from './french-words';
import { type GeoPoint, haversineKm } from './geo';

export interface FactsContext {
  /** The jobseeker's commune; without it no distance is given. */
  origin?: GeoPoint & { departement?: string };
  targetRomeCodes: readonly string[];
  /** The job title the targets were resolved to, shown when the offer leads to one of them. */
  resolvedJobTitle?: string;
  skills: readonly string[];
  /** YYYY-MM-DD: sessions that ended before it are over. */
  referenceDate: string;
  /** YYYY-MM-DD: the jobseeker cannot start earlier, so a session over by then is not "next". */
  availableFrom?: string;
  referentials: Referentials;
}

/**
 * Words that say how a skill is held, not which ("maîtrise d'Excel", "bonnes connaissances en
 * comptabilité"): a skill matches on the others.
 */
const SKILL_FILLER_WORDS = new Set(
  foldedWords(
    'maîtrise maîtriser connaissance connaissances savoir capacité compétence compétences notions bonne bon ' +
      'bonnes niveau utilisation usage pratique expérience sens',
  ).map(lightStem),
);

/** What the server verified about an offer for this jobseeker, apart from any generated text. */
export function computeFacts(offer: Offer, context: FactsContext): SuggestionFacts {
  const matchedRomeCodes = offer.romeCodes
    .filter((code) => context.targetRomeCodes.includes(code))
    .map((code) => ({ code, label: context.referentials.romeLabel(code) ?? code }));
  const nextSession = firstSessionNotOver(
    offer.sessions,
    laterDate(context.referenceDate, context.availableFrom),
  );
  const distanceKm = distanceFrom(context.origin, offer, context.referentials);
  return {
    ...(distanceKm === undefined ? {} : { distanceKm }),
    locationPrecision: offer.location.precision,
    ...(nextSession?.start ? { nextSessionStart: nextSession.start } : {}),
    ...(nextSession?.end ? { nextSessionEnd: nextSession.end } : {}),
    ...(offer.durationHours === undefined ? {} : { durationHours: offer.durationHours }),
    ...(offer.costEur === undefined ? {} : { costEur: offer.costEur }),
    cpf: offer.funding.cpf,
    modality: offer.modality,
    matchedRomeCodes,
    ...(matchedRomeCodes.length > 0 && context.resolvedJobTitle
      ? { matchedJobTitle: context.resolvedJobTitle }
      : {}),
    matchedSkills: matchedSkills(offer, context),
    ...(offer.certification
      ? {
          certification: {
            ...(offer.certification.label ? { label: offer.certification.label } : {}),
            ...(offer.certification.level === undefined ? {} : { level: offer.certification.level }),
          },
        }
      : {}),
  };
}

/**
 * Kilometres to the offer's point or commune; for an offer known only by its département, to the
 * département's centre (the facts say `departement`, so it is never shown as the offer's distance).
 */
function distanceFrom(origin: FactsContext['origin'], offer: Offer, referentials: Referentials) {
  const place = origin && placeOf(offer, referentials);
  return origin && place ? Math.round(haversineKm(origin, place) * 10) / 10 : undefined;
}

function placeOf(offer: Offer, referentials: Referentials): GeoPoint | undefined {
  const { precision, departement, lat, lon } = offer.location;
  if (precision === 'online') return undefined;
  const centre =
    precision === 'departement' && departement ? referentials.departement(departement) : undefined;
  if (centre) return centre;
  return lat !== undefined && lon !== undefined ? { lat, lon } : undefined;
}

/**
 * The earliest session still running or to come at `date`. A session without an end is taken as
 * still open if it starts on or after that date; one without any date says nothing.
 */
function firstSessionNotOver(sessions: readonly Session[], date: string): Session | undefined {
  return sessions
    .filter((session) =>
      session.end ? session.end >= date : session.start !== undefined && session.start >= date,
    )
    .sort((a, b) => (a.start ?? a.end ?? '').localeCompare(b.start ?? b.end ?? ''))[0];
}

function laterDate(date: string, other: string | undefined): string {
  return other && other > date ? other : date;
}

/**
 * The profile's skills that the offer teaches or its jobs require: every meaningful word of the
 * skill in the offer's own text, or in one skill of the ROME job sheets it leads to.
 */
function matchedSkills(offer: Offer, context: FactsContext): string[] {
  const offerText = new Set(
    skillWords(
      [offer.title, offer.objectives, offer.content, offer.certification?.label, offer.audience].join(' '),
    ),
  );
  const romeSkills = offer.romeCodes.flatMap((code) =>
    context.referentials.romeSkills(code).map((skill) => new Set(skillWords(skill))),
  );
  return context.skills.filter((skill) => {
    const words = skillWords(skill).filter((word) => !SKILL_FILLER_WORDS.has(word));
    if (words.length === 0) return false;
    const within = (text: Set<string>) => words.every((word) => text.has(word));
    return within(offerText) || romeSkills.some(within);
  });
}

function skillWords(text: string): string[] {
  return foldedWords(text).map(lightStem);
}

/** Six letters tell "conduite" and "conduire" apart from other words well enough, and join them. */
function lightStem(word: string): string {
  return word.slice(0, 6);
}
