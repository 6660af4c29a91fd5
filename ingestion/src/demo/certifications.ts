import type { CertificationInfo, Referentials } from '@reco/referentials';
import { capitaliseFirst, lowerFirst } from './french';
import { type Random, WeightedPicker, weightedChoice } from './random';

/** A certification the demo catalogue offers, with what the texts and durations are built from. */
export interface DemoCertification {
  info: CertificationInfo;
  /** European level, from Certif Info or else RNCP. */
  level?: number;
  /** ROME codes from Certif Info, or else from the RNCP links. */
  romeCodes: string[];
}

/**
 * How often each kind of certification shows up in a continuing-education catalogue: professional
 * titles, CAP and CQP are everywhere; engineering degrees and masters are rare.
 */
const KIND_WEIGHTS: readonly (readonly [RegExp, number])[] = [
  [/^(titre professionnel|tp\b)/i, 10],
  [/^(cap|bp|bac pro|mc|bts|btsa|bpjeps|cqp|ccp)\b/i, 5],
  [/^(certificat|habilitation|permis|caces)/i, 4],
  [/^(ingénieur|master|mastère|msc|magistère|doctorat|du)\b/i, 0.4],
];

function kindWeight(label: string): number {
  return KIND_WEIGHTS.find(([pattern]) => pattern.test(label))?.[1] ?? 2;
}

/**
 * The jobs employers recruit for most in France Travail's yearly "Besoins en main-d'œuvre" survey
 * (care, personal services, hospitality, logistics, building, transport, retail, office work):
 * trainings leading to them fill most of a real continuing-education catalogue, so a counsellor
 * asking for an aide-soignant training near a big city finds several, as in reality.
 */
const MOST_RECRUITED_JOBS = new Set([
  'J1501',
  'J1506',
  'J1301',
  'J1304',
  'K1302',
  'K1303',
  'K1304',
  'K2204',
  'K2503',
  'G1803',
  'G1602',
  'G1605',
  'G1501',
  'D1106',
  'D1507',
  'D1101',
  'D1102',
  'D1104',
  'N1101',
  'N1103',
  'N1105',
  'N4101',
  'N4102',
  'N4105',
  'F1602',
  'F1603',
  'F1703',
  'F1604',
  'F1106',
  'H2909',
  'H2913',
  'I1304',
  'I1604',
  'M1607',
  'M1203',
  'M1805',
  'M1855',
  'A1414',
  'A1401',
  'K2111',
  'K1207',
  'D1401',
]);
const MOST_RECRUITED_BOOST = 25;

function demandWeight(romeCodes: readonly string[]): number {
  return romeCodes.some((code) => MOST_RECRUITED_JOBS.has(code)) ? MOST_RECRUITED_BOOST : 1;
}

/**
 * The certifications open to continuing education that lead to at least one job (ROME code), each
 * with a popularity drawn once per seed, so that a few are very common and most are rare.
 */
export class CertificationCatalogue {
  private readonly all: readonly DemoCertification[];
  private readonly picker: WeightedPicker<DemoCertification>;
  private readonly rncpPicker: WeightedPicker<DemoCertification>;

  constructor(referentials: Referentials, random: Random) {
    const all: DemoCertification[] = [];
    const weights = new Map<DemoCertification, number>();
    for (const info of referentials.certifications()) {
      if (!info.continuingEducation || info.label.trim() === '') continue;
      const romeCodes =
        info.romeCodes.length > 0 ? info.romeCodes : info.rncp ? referentials.romeCodesOfRncp(info.rncp) : [];
      if (romeCodes.length === 0) continue;
      const level = info.level ?? (info.rncp ? referentials.rncp(info.rncp)?.level : undefined);
      const certification: DemoCertification = { info, romeCodes, ...(level === undefined ? {} : { level }) };
      const popularity = random.next() ** 3;
      const levelBoost = level !== undefined && level >= 3 && level <= 5 ? 1.5 : 1;
      weights.set(
        certification,
        kindWeight(info.label) * levelBoost * demandWeight(romeCodes) * (0.05 + popularity),
      );
      all.push(certification);
    }
    if (all.length === 0) throw new Error('no certification open to continuing education with a ROME code');
    this.all = all;
    const weight = (certification: DemoCertification) => weights.get(certification) ?? 0;
    this.picker = new WeightedPicker(all, weight);
    const withRncp = all.filter((certification) => certification.info.rncp);
    this.rncpPicker = new WeightedPicker(withRncp.length > 0 ? withRncp : all, weight);
  }

  pick(random: Random): DemoCertification {
    return this.picker.pick(random);
  }

  /** One registered in the RNCP: what Mon Compte Formation and the cross-producer duplicates need. */
  pickWithRncp(random: Random): DemoCertification {
    return this.rncpPicker.pick(random);
  }

  /**
   * One whose Certif Info code is not in `used`: a provider offers each certification once, so
   * that "same SIRET, same certification, same département" designates one training only.
   */
  pickUnused(random: Random, used: ReadonlySet<string>, withRncp: boolean): DemoCertification {
    for (let attempt = 0; attempt < 100; attempt++) {
      const certification = withRncp ? this.pickWithRncp(random) : this.pick(random);
      if (!used.has(certification.info.certifInfo)) return certification;
    }
    const unused = this.all.find(
      (certification) => !used.has(certification.info.certifInfo) && (!withRncp || certification.info.rncp),
    );
    if (!unused) throw new Error('every certification is already offered by this provider');
    return unused;
  }
}

/** "au" or "à la", as French wants before the certification's first noun. */
function preparationPrefix(label: string): string {
  return /^(licence|mention|mc\b)/i.test(label) ? 'Préparation à la' : 'Préparation au';
}

/** First words that look like infinitives but are nouns: "Lecture", "Inventaire", "Dossier", "Cadre"… */
const NOT_VERBS =
  /^(\S*(ure|ère|oire|aire|èbre)|Cadre|Titre|Centre|Dossier|Brancardier|Scooter|Computer|Manager|Master|Manoeuvre)$/i;

/**
 * Labels that are a statement of skill ("Réaliser …", "Accompagner …"), as ROME skills and the
 * Répertoire spécifique write them, rather than a noun ("Techniques de soudage").
 */
export function startsWithVerb(text: string): boolean {
  const first = /^[A-ZÉÈÊ][a-zéèêëàâîïôûç]+/.exec(text)?.[0];
  return first !== undefined && /(er|ir|re)$/.test(first) && !NOT_VERBS.test(first);
}

/**
 * A training title as producers write them from a certification label: the label as such, or
 * with the wording its kind calls for ("Préparation au …", "TP …", "Formation …").
 */
export function trainingTitle(random: Random, label: string): string {
  const professionalTitle = /^titre professionnel\s+(.+)$/i.exec(label);
  if (professionalTitle?.[1]) {
    const job = professionalTitle[1];
    return weightedChoice(random, [
      [label, 40],
      [`TP ${capitaliseFirst(job)}`, 20],
      [`Titre professionnel ${capitaliseFirst(job)}`, 15],
      [`Formation ${capitaliseFirst(job)} - titre professionnel`, 15],
      [`Préparation au titre professionnel ${job}`, 10],
    ] as const);
  }
  if (/^(cap|bp|bac pro|mc|bts|btsa|bpjeps|dejeps|deust|dut|but|licence)\b/i.test(label)) {
    return weightedChoice(random, [
      [label, 45],
      [`${preparationPrefix(label)} ${label}`, 30],
      [`${label} en formation continue`, 15],
      [`${label} - parcours adultes`, 10],
    ] as const);
  }
  if (/^cqp\b/i.test(label)) {
    return weightedChoice(random, [
      [label, 60],
      [`Formation ${label}`, 40],
    ] as const);
  }
  if (startsWithVerb(label)) {
    return weightedChoice(random, [
      [label, 50],
      [`Formation : ${lowerFirst(label)}`, 50],
    ] as const);
  }
  if (/^(certificat|diplôme|brevet|habilitation)/i.test(label)) {
    return weightedChoice(random, [
      [label, 60],
      [`${preparationPrefix(label)} ${lowerFirst(label)}`, 40],
    ] as const);
  }
  return weightedChoice(random, [
    [label, 75],
    [`${label} - formation continue`, 25],
  ] as const);
}
