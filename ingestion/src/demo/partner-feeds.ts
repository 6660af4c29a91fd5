import type { Commune, Referentials } from '@reco/referentials';
import { onWeekday, parisDateTime, yearOfDay } from './calendar';
import type { CertificationCatalogue } from './certifications';
import { lowerFirst, ofName } from './french';
import type { DefectClass, DemoFileEntry, PromptInjection } from './manifest';
import { asciiSlug } from './people';
import { type Places, pickPostcode, streetLine } from './places';
import { type Random, weightedChoice } from './random';
import { assignRoles, scaled, tally } from './roles';
import type { SiretRegistry } from './siret';
import { TextSink } from './text-sink';
import { promptInjectionText, shortTrainingTopic } from './texts';

type PartnerKind = 'collectivite' | 'association' | 'apec' | 'autre';
type ItemType = 'formation' | 'atelier' | 'evenement';

/** What a partner is, where it works and what it mostly publishes. */
interface PartnerProfile {
  name: string;
  kind: PartnerKind;
  slug: string;
  refPrefix: string;
  /** Where its items take place; undefined for a national partner (APEC), which goes to large cities. */
  centre?: Commune;
  /** Radius around the centre, in km. */
  radiusKm: number;
  items: number;
  mix: readonly (readonly [ItemType, number])[];
  onlineShare: number;
  audience: string;
  defects: readonly (readonly [ItemRole, number])[];
  truncated: boolean;
}

type ItemRole = 'duplicate_id' | 'invalid_item' | 'prompt_injection';

export interface PartnerItem {
  ref: string;
  type: string;
  title: string;
  summary: string;
  audience?: string;
  romeCodes: string[];
  formacodes: string[];
  place: {
    address: string;
    postcode: string;
    city: string;
    inseeCode: string;
    lat: number;
    lon: number;
  } | null;
  online: boolean;
  slots: { start: string; end: string }[];
  price: number | null;
  durationHours?: number;
  url?: string;
}

export interface PartnerOutcome {
  files: DemoFileEntry[];
  promptInjections: PromptInjection[];
}

export interface PartnerContext {
  random: Random;
  referentials: Referentials;
  places: Places;
  certifications: CertificationCatalogue;
  sirets: SiretRegistry;
  referenceDay: number;
  scale: number;
}

/** ROME 4.0 "grands domaines", as a job fair names its sector. */
const SECTORS: Readonly<Record<string, string>> = {
  A: "de l'agriculture et des espaces verts",
  D: 'du commerce et de la vente',
  F: 'du bâtiment et des travaux publics',
  G: "de l'hôtellerie-restauration et du tourisme",
  H: "de l'industrie",
  I: 'de la maintenance',
  J: 'de la santé',
  K: "de l'aide à la personne et du social",
  M: 'des fonctions support en entreprise',
  N: 'du transport et de la logistique',
};

const WORKSHOPS: readonly (readonly [string, string])[] = [
  [
    'Atelier CV : rédiger un CV qui donne envie',
    'Construire ou mettre à jour son CV, valoriser ses compétences et ses expériences.',
  ],
  [
    "Préparer son entretien d'embauche",
    "Simulations d'entretien, questions fréquentes des recruteurs et conseils de présentation.",
  ],
  [
    'Atelier numérique : créer son espace candidat en ligne',
    'Prendre en main les sites de recherche d’emploi et les candidatures en ligne.',
  ],
  [
    'Utiliser les réseaux sociaux professionnels',
    'Créer un profil, développer son réseau et repérer les offres cachées.',
  ],
  [
    'Lettre de motivation : les clés pour convaincre',
    'Structurer sa lettre, adapter son message à chaque offre.',
  ],
  [
    'Découverte des métiers qui recrutent près de chez vous',
    'Présentation des métiers en tension du territoire et des formations pour y accéder.',
  ],
  [
    'Reprendre confiance en soi pour retrouver un emploi',
    'Atelier collectif pour identifier ses atouts et préparer son retour à l’emploi.',
  ],
  [
    'Bureautique : les bases du traitement de texte',
    'Mettre en forme un document, l’enregistrer et l’envoyer par courriel.',
  ],
];

/**
 * The partners of the demo: local authorities, associations, APEC, missions locales. Sizes are at
 * scale 1 (~2,000 items in all); the small mission locale's file is the truncated one.
 */
function partnerProfiles(random: Random, places: Places, scale: number): PartnerProfile[] {
  // Paris, Lyon and Marseille are listed by district too: a partner is named after a city.
  const cities = places.largestCommunes(60).filter((commune) => !/arrondissement/i.test(commune.name));
  const [first, second, third, fourth, fifth, sixth] = random.sample(cities.slice(0, 30), 6);
  const [oneDepartement, otherDepartement] = random.sample(
    Object.keys(DEPARTEMENT_AUTHORITIES).filter((code) => places.largestCommuneOf(code)),
    2,
  );
  const firstCentre = oneDepartement && places.largestCommuneOf(oneDepartement);
  const otherCentre = otherDepartement && places.largestCommuneOf(otherDepartement);
  if (!first || !second || !third || !fourth || !fifth || !sixth || !firstCentre || !otherCentre) {
    throw new Error('the partner feeds need the large cities and départements of the referentials');
  }
  const profile = (
    name: string,
    kind: PartnerKind,
    centre: Commune | undefined,
    items: number,
    extra: Partial<PartnerProfile>,
  ): PartnerProfile => ({
    name,
    kind,
    slug: asciiSlug(name),
    refPrefix: refPrefixOf(name),
    ...(centre ? { centre } : {}),
    radiusKm: 15,
    items: scaled(items, scale, 4),
    mix: [
      ['evenement', 35],
      ['atelier', 45],
      ['formation', 20],
    ],
    onlineShare: 0.15,
    audience: 'Tout public',
    defects: [],
    truncated: false,
    ...extra,
  });
  return [
    profile(`${first.name} Métropole`, 'collectivite', first, 360, {
      radiusKm: 20,
      defects: [['prompt_injection', 1]],
    }),
    profile(`Métropole ${ofName(second.name)}`, 'collectivite', second, 300, {
      radiusKm: 20,
      defects: [['duplicate_id', scaled(2, scale)]],
    }),
    profile(DEPARTEMENT_AUTHORITIES[firstCentre.departement] ?? '', 'collectivite', firstCentre, 250, {
      radiusKm: 60,
      audience: 'Bénéficiaires du RSA et demandeurs d’emploi',
    }),
    profile(DEPARTEMENT_AUTHORITIES[otherCentre.departement] ?? '', 'collectivite', otherCentre, 150, {
      radiusKm: 60,
      defects: [['invalid_item', 1]],
    }),
    profile('Apec', 'apec', undefined, 250, {
      mix: [
        ['atelier', 70],
        ['evenement', 30],
      ],
      onlineShare: 0.65,
      audience: 'Cadres et jeunes diplômés',
    }),
    profile(`Mission locale ${ofName(third.name)}`, 'association', third, 120, {
      audience: 'Jeunes de 16 à 25 ans',
      defects: [['duplicate_id', 1]],
    }),
    profile(`Mission locale de l'agglomération ${ofName(fourth.name)}`, 'association', fourth, 30, {
      audience: 'Jeunes de 16 à 25 ans',
      truncated: true,
    }),
    profile(`Association Tremplin Emploi ${fifth.name}`, 'association', fifth, 200, {
      audience: 'Demandeurs d’emploi',
    }),
    profile(`Clés du numérique ${sixth.name}`, 'association', sixth, 150, {
      mix: [
        ['atelier', 75],
        ['formation', 25],
      ],
      onlineShare: 0.3,
    }),
    profile(`Maison de l'emploi ${ofName(first.name)}`, 'autre', first, 200, { radiusKm: 25 }),
  ];
}

/** The official names of a few populous départements' councils, with the article each takes. */
const DEPARTEMENT_AUTHORITIES: Readonly<Record<string, string>> = {
  '06': 'Département des Alpes-Maritimes',
  '13': 'Département des Bouches-du-Rhône',
  '31': 'Département de la Haute-Garonne',
  '33': 'Département de la Gironde',
  '34': "Département de l'Hérault",
  '35': "Département d'Ille-et-Vilaine",
  '38': "Département de l'Isère",
  '44': 'Département de la Loire-Atlantique',
  '57': 'Département de la Moselle',
  '59': 'Département du Nord',
  '62': 'Département du Pas-de-Calais',
  '76': 'Département de la Seine-Maritime',
  '83': 'Département du Var',
  '93': 'Département de la Seine-Saint-Denis',
};

/** A short upper-case prefix for refs: initials of the name's main words ("NM" for Nantes Métropole). */
function refPrefixOf(name: string): string {
  const words = asciiSlug(name, ' ')
    .split(' ')
    .filter((word) => word.length > 2);
  const initials = words.map((word) => word.charAt(0).toUpperCase()).join('');
  return initials.length >= 2 ? initials.slice(0, 4) : asciiSlug(name, '').slice(0, 4).toUpperCase();
}

/**
 * Writes one `partner-<slug>.json` per partner: version 1 of the partner feed, one item per line.
 * One feed is cut in the middle of an item, as a failed upload leaves it.
 */
export async function writePartnerFeeds(context: PartnerContext, outDir: string): Promise<PartnerOutcome> {
  const random = context.random;
  const profiles = partnerProfiles(random.fork('profiles'), context.places, context.scale);
  const files: DemoFileEntry[] = [];
  const promptInjections: PromptInjection[] = [];
  const sectors = romeCodesBySector(context.referentials);
  for (const profile of profiles) {
    const outcome = await writeFeed(profile, context, sectors, `${outDir}/partner-${profile.slug}.json`);
    files.push(outcome.file);
    promptInjections.push(...outcome.promptInjections);
  }
  return { files, promptInjections };
}

async function writeFeed(
  profile: PartnerProfile,
  context: PartnerContext,
  sectors: ReadonlyMap<string, string[]>,
  path: string,
): Promise<{ file: DemoFileEntry; promptInjections: PromptInjection[] }> {
  const random = context.random.fork(profile.slug);
  // Local authorities' SIRENs start with 2; associations' with 3 to 8.
  const siret = context.sirets.next(
    random,
    profile.kind === 'collectivite' ? '2' : random.pick(['3', '4', '7', '8']),
  );
  const file = `partner-${profile.slug}.json`;
  // A truncated feed holds its first 60 % of items whole, then stops halfway through the next one.
  const complete = profile.truncated ? Math.max(1, Math.floor(profile.items * 0.6)) : profile.items;
  const defects: Partial<Record<DefectClass, number>> = {};
  const features: Record<string, number> = {
    onlineItems: 0,
    freeItems: 0,
    unknownPriceItems: 0,
    pastItems: 0,
  };
  const promptInjections: PromptInjection[] = [];
  const roles = assignRoles(random.fork('roles'), complete, profile.defects);
  const year = yearOfDay(context.referenceDay);
  const generator = new ItemGenerator(profile, context, random, sectors);
  const items: PartnerItem[] = [];
  for (let index = 0; index < complete; index++) {
    const role = roles.get(index);
    const previous = items[items.length - 1];
    const item = generator.item(`${profile.refPrefix}-${year}-${String(index + 1).padStart(4, '0')}`);
    if (role === 'duplicate_id' && previous) {
      // The producer re-sent an item under a ref it already used.
      item.ref = previous.ref;
      tally(defects, 'duplicate_id');
    } else if (role === 'invalid_item') {
      item.type = 'conference';
      tally(defects, 'invalid_item');
    } else if (role === 'prompt_injection') {
      item.summary = `${item.summary} ${promptInjectionText(random)}`;
      promptInjections.push({ source: 'partner', sourceId: `${siret}:${item.ref}`, file });
    }
    if (item.online) tally(features, 'onlineItems');
    if (item.price === 0) tally(features, 'freeItems');
    if (item.price === null) tally(features, 'unknownPriceItems');
    if (generator.lastWasPast) tally(features, 'pastItems');
    items.push(item);
  }

  const sink = await TextSink.open(path);
  const header = {
    schemaVersion: 1,
    partner: { name: profile.name, kind: profile.kind, siret },
    generatedAt: `${parisDateTime(context.referenceDay, 6).slice(0, 19)}Z`,
  };
  // One item per line: a feed a person can read, and whose cut is easy to see.
  await sink.write(`${JSON.stringify(header, null, 2).slice(0, -2)},\n  "items": [\n`);
  for (const [index, item] of items.entries()) {
    const last = index === items.length - 1 && !profile.truncated;
    await sink.write(`    ${JSON.stringify(item)}${last ? '' : ','}\n`);
  }
  if (profile.truncated) {
    const line = JSON.stringify(
      generator.item(`${profile.refPrefix}-${year}-${String(complete + 1).padStart(4, '0')}`),
    );
    await sink.write(`    ${line.slice(0, Math.floor(line.length / 2))}`);
    tally(defects, 'truncated_file');
  } else {
    await sink.write('  ]\n}\n');
  }
  const bytes = await sink.close();
  return {
    file: { file, format: 'partner', encoding: 'utf-8', bytes, records: items.length, defects, features },
    promptInjections,
  };
}

/** The ROME codes of each sector a job fair can be about, from the referential's job titles. */
function romeCodesBySector(referentials: Referentials): ReadonlyMap<string, string[]> {
  const bySector = new Map<string, Set<string>>();
  for (const appellation of referentials.appellations()) {
    const sector = appellation.romeCode.charAt(0);
    if (!(sector in SECTORS)) continue;
    const codes = bySector.get(sector) ?? new Set<string>();
    codes.add(appellation.romeCode);
    bySector.set(sector, codes);
  }
  return new Map([...bySector].map(([sector, codes]) => [sector, [...codes].sort()]));
}

class ItemGenerator {
  lastWasPast = false;

  constructor(
    private readonly profile: PartnerProfile,
    private readonly context: PartnerContext,
    private readonly random: Random,
    private readonly romeCodesBySector: ReadonlyMap<string, string[]>,
  ) {}

  item(ref: string): PartnerItem {
    const { random, profile } = this;
    const type = weightedChoice(random, profile.mix);
    const online = type !== 'evenement' && random.chance(profile.onlineShare);
    const content =
      type === 'evenement' ? this.event() : type === 'atelier' ? this.workshop() : this.shortTraining();
    const days = type === 'formation' ? random.int(2, 10) : 1;
    const { slots, hours } = this.schedule(type, days);
    const price =
      type === 'formation'
        ? weightedChoice(random, [
            [0, 40],
            [null, 15],
            [random.int(12, 90) * 10, 45],
          ] as const)
        : random.chance(0.9)
          ? 0
          : null;
    const item: PartnerItem = {
      ref,
      type,
      title: content.title,
      summary: content.summary,
      ...(random.chance(0.85) ? { audience: profile.audience } : {}),
      romeCodes: content.romeCodes,
      formacodes: content.formacodes,
      place: online ? null : this.place(type),
      online,
      slots,
      price,
      ...(random.chance(0.9) ? { durationHours: hours } : {}),
      ...(random.chance(0.8)
        ? { url: `https://www.${profile.slug}.example/agenda/${ref.toLowerCase()}` }
        : {}),
    };
    return item;
  }

  private event(): ItemContent {
    const { random, context } = this;
    const sector = random.pick(Object.keys(SECTORS));
    const codes = random.sample(this.romeCodesBySector.get(sector) ?? [], random.int(2, 4));
    const jobs = codes
      .map((code) => context.referentials.romeLabel(code))
      .filter((label) => label !== undefined);
    const sectorLabel = SECTORS[sector] ?? '';
    const companies = random.int(8, 60);
    if (random.chance(0.6)) {
      const title = random.pick([
        `Forum de l'emploi ${sectorLabel}`,
        `Job dating ${sectorLabel}`,
        `Rencontres emploi ${sectorLabel}`,
      ]);
      return {
        title,
        summary: `Rencontre avec ${companies} entreprises qui recrutent. Postes proposés : ${jobs.join(', ')}. Apportez plusieurs CV.`,
        romeCodes: codes,
        formacodes: [],
      };
    }
    return {
      title: `Réunion d'information : les métiers ${sectorLabel}`,
      summary: `Présentation des métiers (${jobs.join(', ')}), des formations qui y mènent et des aides au financement. Échanges avec des professionnels du secteur.`,
      romeCodes: codes,
      formacodes: [],
    };
  }

  private workshop(): ItemContent {
    const { random } = this;
    if (this.profile.kind === 'apec' && random.chance(0.6)) {
      return {
        title: random.pick([
          'Valoriser son parcours de cadre',
          'Négocier son salaire à l’embauche',
          'Réussir sa reconversion professionnelle',
          'Construire son projet de mobilité',
        ]),
        summary: 'Atelier animé par un consultant Apec, en petit groupe, avec des exercices pratiques.',
        romeCodes: [],
        formacodes: [],
      };
    }
    const [title, summary] = random.pick(WORKSHOPS);
    return { title, summary, romeCodes: [], formacodes: [] };
  }

  /** A short course in a real certification's field: its Formacode and its jobs. */
  private shortTraining(): ItemContent {
    const { random, context } = this;
    const certification = context.certifications.pick(random);
    const topic = shortTrainingTopic(context.referentials, certification);
    const formacode = certification.info.formacodes[0];
    return {
      title: random.pick([
        `Initiation : ${lowerFirst(topic)}`,
        `Découverte : ${lowerFirst(topic)}`,
        `Formation courte - ${topic}`,
      ]),
      summary: `Une première approche pour tester votre intérêt avant une formation qualifiante (${certification.info.label}).`,
      romeCodes: certification.romeCodes.slice(0, 3),
      formacodes: formacode ? [formacode] : [],
    };
  }

  private place(type: ItemType): NonNullable<PartnerItem['place']> {
    const { random, context, profile } = this;
    const centre = profile.centre ?? random.pick(context.places.largestCommunes(15));
    const commune = context.places.pickCommuneNear(random, centre, profile.radiusKm);
    const address =
      type === 'evenement'
        ? random.pick([
            'Parc des expositions',
            'Salle des fêtes',
            'Maison des associations',
            'Halle municipale',
          ])
        : random.pick([
            streetLine(random),
            `Maison de l'emploi, ${streetLine(random)}`,
            'Médiathèque municipale',
          ]);
    return {
      address,
      postcode: pickPostcode(random, commune),
      city: commune.name,
      inseeCode: commune.inseeCode,
      lat: Math.round(commune.lat * 1e5) / 1e5,
      lon: Math.round(commune.lon * 1e5) / 1e5,
    };
  }

  /**
   * Mostly in the coming six months, about one item in twenty already past; the hours follow the
   * slots (a full day counts seven, lunch excluded).
   */
  private schedule(type: ItemType, days: number): { slots: PartnerItem['slots']; hours: number } {
    const { random, context } = this;
    this.lastWasPast = random.chance(0.05);
    const first = onWeekday(
      this.lastWasPast ? context.referenceDay - random.int(3, 60) : context.referenceDay + random.int(2, 180),
    );
    const hours: readonly (readonly [number, number])[] =
      type === 'atelier'
        ? [
            [9, 12],
            [14, 16],
            [14, 17],
          ]
        : type === 'evenement'
          ? [
              [9, 17],
              [14, 18],
              [9, 13],
            ]
          : [[9, 17]];
    const [startHour, endHour] = random.pick(hours);
    const slots: PartnerItem['slots'] = [];
    let day = first;
    for (let i = 0; i < days; i++) {
      slots.push({ start: parisDateTime(day, startHour), end: parisDateTime(day, endHour) });
      day = onWeekday(day + 1);
    }
    const lunch = startHour < 12 && endHour > 14 ? 1 : 0;
    return { slots, hours: days * (endHour - startHour - lunch) };
  }
}

interface ItemContent {
  title: string;
  summary: string;
  romeCodes: string[];
  formacodes: string[];
}
