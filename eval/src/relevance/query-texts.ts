import type { SeededRandom } from './seeded-random';

export interface JobTitleForms {
  masculine: string;
  feminine: string;
}

/**
 * The two forms of a ROME job title written "Agent / Agente de quai": the words before the slash are
 * the masculine of the first words after it. A title without a slash is the same in both.
 */
export function jobTitleForms(appellation: string): JobTitleForms {
  const parts = appellation.split(' / ');
  const [left, right] = parts;
  if (parts.length !== 2 || left === undefined || right === undefined) {
    return { masculine: appellation, feminine: appellation };
  }
  const leftWordCount = left.split(' ').length;
  const rest = right.split(' ').slice(leftWordCount).join(' ');
  return { masculine: `${left} ${rest}`.trim(), feminine: right.trim() };
}

/** Requests that name no job: with a ROME target, the profile says which one. */
const TARGETED_REQUESTS: readonly string[] = [
  'Projet professionnel validé, cherche une formation qualifiante.',
  'Souhaite se former rapidement, disponible dès le mois prochain.',
  'Reconversion : quelle formation pour ce métier ?',
  'Cherche une formation certifiante près de chez lui.',
  'Elle veut une formation courte pour accéder à ce métier.',
];

type Pronoun = 'il' | 'elle';

/** Requests that name the job and the town, as a counsellor types them. */
const FREE_TEXT_REQUESTS: readonly ((
  job: string,
  town: string,
  radiusKm: number,
  pronoun: Pronoun,
) => string)[] = [
  (job, town) => `Reconversion, souhaite devenir ${job} près de ${town}`,
  (job, town) => `Cherche une formation ${of(job)} autour de ${town}`,
  (job, town, _radius, pronoun) =>
    `${capitalise(pronoun)} voudrait travailler comme ${job}, ${pronoun} habite ${town}`,
  (job, town) => `${capitalise(job)} : quelle formation possible vers ${town} ?`,
  (job, town, radiusKm, pronoun) =>
    `${capitalise(pronoun)} souhaite se former au métier ${of(job)}, mobilité ${radiusKm} km autour de ${town}`,
];

export function targetedRequest(random: SeededRandom): string {
  return random.pick(TARGETED_REQUESTS);
}

/**
 * A free-text request naming the job in one of its gendered forms; sometimes typed in lower case, and
 * sometimes without accents too, as counsellors often do.
 */
export function freeTextRequest(
  random: SeededRandom,
  appellation: string,
  town: string,
  radiusKm: number,
): string {
  const forms = jobTitleForms(appellation);
  const pronoun: Pronoun = random.next() < 0.5 ? 'il' : 'elle';
  const job = lowerFirst(pronoun === 'il' ? forms.masculine : forms.feminine);
  const text = random.pick(FREE_TEXT_REQUESTS)(job, town, radiusKm, pronoun);
  const casing = random.next();
  if (casing < 0.2) return withoutAccents(text.toLowerCase());
  if (casing < 0.4) return text.toLowerCase();
  return text;
}

/** "de cariste", "d'agente immobilier". */
function of(job: string): string {
  return /^[aeiouyhàâéèêëîïôöûü]/i.test(job) ? `d'${job}` : `de ${job}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lower-cases the first letter unless the first word is an acronym ("CACES", "BTP"). */
function lowerFirst(text: string): string {
  const second = text.charAt(1);
  return second !== '' && second === second.toUpperCase() && second !== second.toLowerCase()
    ? text
    : text.charAt(0).toLowerCase() + text.slice(1);
}

function withoutAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '');
}
