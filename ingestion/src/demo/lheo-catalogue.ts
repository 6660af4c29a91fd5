import type { Commune, Referentials } from '@reco/referentials';
import { onWeekday, yearOfDay, yyyymmddOfDay } from './calendar';
import { type CertificationCatalogue, type DemoCertification, trainingTitle } from './certifications';
import { lowerFirst, ofName } from './french';
import {
  formationXml,
  type LheoAction,
  type LheoAddress,
  type LheoFormation,
  type LheoSession,
  lheoFooter,
  lheoHeader,
} from './lheo-xml';
import type { DefectClass, DemoFileEntry, PromptInjection } from './manifest';
import { fictionalLandline, staffContact } from './people';
import { type Places, pickPostcode, streetLine } from './places';
import type { DemoProvider, ProviderFactory } from './providers';
import { type Random, weightedChoice } from './random';
import { regionOfDepartement } from './regions';
import { assignRoles, scaled, tally } from './roles';
import { TextSink } from './text-sink';
import {
  contentText,
  expectedResultsText,
  objectivesText,
  promptInjectionText,
  shortTrainingTopic,
  subjectOf,
} from './texts';
import {
  calendarDays,
  companyHours,
  rhythmLabel,
  trainingHours,
  trainingPrice,
  weeklyHours,
} from './training-figures';
import type { UnknownCodes } from './unknown-codes';

export const LHEO_FILE = 'lheo.xml';

/** A training also published in Mon Compte Formation: what the MCF row must repeat and aggregate. */
export interface SharedTraining {
  provider: DemoProvider;
  certification: DemoCertification;
  departement: string;
  title: string;
  actions: {
    numero: string;
    hours?: number;
    price?: number;
    remote: boolean;
    activeSessions: number;
  }[];
}

export interface LheoOutcome {
  file: DemoFileEntry;
  sharedTrainings: SharedTraining[];
  promptInjections: PromptInjection[];
}

type FormationRole =
  | Exclude<
      DefectClass,
      'too_few_columns' | 'text_in_numeric_column' | 'invalid_siret' | 'invalid_item' | 'truncated_file'
    >
  | 'shared'
  | 'prompt_injection';

export interface LheoCatalogueOptions {
  path: string;
  random: Random;
  referentials: Referentials;
  places: Places;
  certifications: CertificationCatalogue;
  providers: ProviderFactory;
  referenceDay: number;
  scale: number;
  sharedTrainings: number;
  unknownCodes: UnknownCodes;
}

/** How many actions a formation has: ~2.4 on average, as in Intercarif (~12,000 for ~5,000). */
const ACTIONS_PER_FORMATION: readonly (readonly [number, number])[] = [
  [1, 32],
  [2, 28],
  [3, 19],
  [4, 12],
  [5, 9],
];

/** How many formations a provider publishes: most a few, some dozens. */
const FORMATIONS_PER_PROVIDER: readonly (readonly [number, number])[] = [
  [1, 30],
  [2, 22],
  [3, 16],
  [5, 14],
  [8, 10],
  [15, 6],
  [30, 2],
];

/**
 * Writes `lheo.xml`: ~5,000 formations with ~12,000 actions at scale 1, streamed one formation at a
 * time. Returns the file's manifest entry and the trainings Mon Compte Formation must repeat.
 */
export async function writeLheoCatalogue(options: LheoCatalogueOptions): Promise<LheoOutcome> {
  const { random, scale } = options;
  const formationCount = scaled(5000, scale, 5);
  const roles = assignRoles<FormationRole>(random.fork('roles'), formationCount, [
    ['shared', options.sharedTrainings],
    ['prompt_injection', scaled(3, scale)],
    ['impossible_date', scaled(80, scale)],
    ['missing_id', scaled(25, scale)],
    ['duplicate_id', scaled(25, scale)],
    ['unknown_formacode', scaled(60, scale)],
    ['unknown_rome', scaled(60, scale)],
  ]);
  const writer = new LheoWriter(options);
  const sink = await TextSink.open(options.path);
  await sink.write(lheoHeader());
  let provider: DemoProvider | undefined;
  let providerCertifications = new Set<string>();
  let remainingForProvider = 0;
  for (let index = 0; index < formationCount; index++) {
    if (!provider || remainingForProvider === 0) {
      provider = options.providers.create(random);
      providerCertifications = new Set();
      remainingForProvider = weightedChoice(random, FORMATIONS_PER_PROVIDER);
    }
    remainingForProvider--;
    const formation = writer.formation(provider, providerCertifications, roles.get(index));
    await sink.write(formationXml(formation));
  }
  await sink.write(lheoFooter(yyyymmddOfDay(options.referenceDay - 1)));
  const bytes = await sink.close();
  return {
    file: {
      file: LHEO_FILE,
      format: 'lheo',
      encoding: 'utf-8',
      bytes,
      records: writer.actionCount,
      formations: formationCount,
      defects: writer.defects,
      features: writer.features,
    },
    sharedTrainings: writer.sharedTrainings,
    promptInjections: writer.promptInjections,
  };
}

/** Builds formations one by one, keeping the counts the manifest reports. */
class LheoWriter {
  actionCount = 0;
  readonly defects: Partial<Record<DefectClass, number>> = {};
  readonly features: Record<string, number> = {
    sessions: 0,
    expiredSessions: 0,
    unknownDateSessions: 0,
    placesWithCoarseCoordinates: 0,
    placesWithoutCoordinates: 0,
    placesWithoutInseeCode: 0,
    remoteActions: 0,
    cpfEligibleActions: 0,
    nonCertifyingFormations: 0,
    formationsWithoutRome: 0,
    staffContactBlocks: 0,
  };
  readonly sharedTrainings: SharedTraining[] = [];
  readonly promptInjections: PromptInjection[] = [];
  private formationSeq: number;
  private actionSeq: number;
  private sessionSeq: number;
  /** The numero of the latest action with no special role: a duplicate reuses it. */
  private lastPlainActionNumero: string | undefined;

  constructor(private readonly options: LheoCatalogueOptions) {
    this.formationSeq = options.random.int(10_000, 90_000);
    this.actionSeq = options.random.int(100_000, 900_000);
    this.sessionSeq = options.random.int(100_000, 900_000);
  }

  private nextNumero(kind: 'AF' | 'AC' | 'SE', region: string, random: Random): string {
    const step = random.int(1, 4);
    let value: number;
    if (kind === 'AF') value = this.formationSeq += step;
    else if (kind === 'AC') value = this.actionSeq += step;
    else value = this.sessionSeq += step;
    return `${region}_${kind}_${String(value).padStart(10, '0')}`;
  }

  formation(provider: DemoProvider, used: Set<string>, role: FormationRole | undefined): LheoFormation {
    const { random, certifications, referentials, referenceDay } = this.options;
    const certification = certifications.pickUnused(random, used, role === 'shared');
    used.add(certification.info.certifInfo);
    const certifying = role === 'shared' || random.chance(0.9);
    if (!certifying) tally(this.features, 'nonCertifyingFormations');
    const label = certification.info.label;
    const subject = subjectOf(referentials, certification);
    const title = certifying
      ? trainingTitle(random, label)
      : shortModuleTitle(random, referentials, certification);
    const region = regionOfDepartement(provider.departements[0] ?? '')?.code ?? '00';
    const hoursPerWeek = weeklyHours(random);
    const totalHours = trainingHours(random, certification.level, certifying);
    const inCompany = certifying ? companyHours(random, totalHours) : 0;

    let objectives = objectivesText(random, label, subject);
    const formationNumero = this.nextNumero('AF', region, random);
    // An injection attempt sits in a one-action formation: one offer carries it, as the ground truth says.
    const actionCount = role === 'prompt_injection' ? 1 : weightedChoice(random, ACTIONS_PER_FORMATION);
    const actions: LheoAction[] = [];
    const actionFacts: SharedTraining['actions'] = [];
    const actionDepartements: string[] = [];
    for (let i = 0; i < actionCount; i++) {
      const departement = random.pick(provider.departements);
      const built = this.action(provider, certification, certifying, departement, {
        totalHours,
        inCompany,
        hoursPerWeek,
        region,
        // The merge across producers needs the département, which only the place of training gives.
        placeRequired: role === 'shared',
      });
      actions.push(built.action);
      actionFacts.push(built.facts);
      actionDepartements.push(departement);
    }
    this.injectActionDefect(role, actions);

    const romeCodes = this.romeCodes(random, certification, role);
    const formacodes = certification.info.formacodes.slice(0, 4);
    if (role === 'unknown_formacode') {
      formacodes.splice(1, 0, this.options.unknownCodes.formacode);
      tally(this.defects, 'unknown_formacode');
    }
    if (role === 'prompt_injection') {
      objectives = `${objectives} ${promptInjectionText(random)}`;
      // The objectives belong to the formation: every one of its actions carries the attempt.
      for (const action of actions) {
        if (action.numero)
          this.promptInjections.push({ source: 'lheo', sourceId: action.numero, file: LHEO_FILE });
      }
    }
    if (role === 'shared') this.recordShared(provider, certification, title, actionDepartements, actionFacts);
    if (role === undefined) this.lastPlainActionNumero = actions[actions.length - 1]?.numero;
    this.actionCount += actions.length;
    tally(this.features, 'staffContactBlocks', 2);

    const created = referenceDay - random.int(60, 2000);
    const rncpDigits = certification.info.rncp?.replace(/^RNCP/i, '');
    return {
      numero: formationNumero,
      created: yyyymmddOfDay(created),
      updated: yyyymmddOfDay(Math.min(referenceDay - 1, created + random.int(0, 900))),
      formacodes,
      nsfCodes: certification.info.nsfCodes.slice(0, 3),
      romeCodes,
      title,
      objectives,
      expectedResults: expectedResultsText(random, certifying, label),
      content: contentText(random, subject, { certifying, companyWeeks: Math.round(inCompany / 35) }),
      certifying,
      contact: staffContact(random, provider.domain),
      ...(certifying
        ? {
            certification: {
              ...(rncpDigits ? { rncp: rncpDigits } : {}),
              certifInfo: certification.info.certifInfo,
            },
          }
        : {}),
      exitLevel: certifying && certification.level !== undefined ? String(10 + certification.level) : '0',
      url: `https://www.${provider.domain}/formations/${formationNumero.toLowerCase()}`,
      actions,
      responsible: {
        numero: `${region}_OF_${provider.siret.slice(0, 9)}`,
        activityNumber: provider.activityNumber,
        siret: provider.siret,
        name: provider.name,
        legalName: provider.legalName,
        address: this.address(
          provider.headOffice.commune,
          provider.headOffice.postcode,
          provider.headOffice.street,
          random,
          false,
        ),
        email: `contact@${provider.domain}`,
        phone: fictionalLandline(random),
        web: `https://www.${provider.domain}`,
        contact: provider.contact,
      },
    };
  }

  /**
   * ROME codes as producers fill them: usually the certification's, sometimes none at all (then the
   * ingestion must take them from the certification). Shared trainings keep theirs.
   */
  private romeCodes(
    random: Random,
    certification: DemoCertification,
    role: FormationRole | undefined,
  ): string[] {
    const codes = role === 'shared' || random.chance(0.88) ? certification.romeCodes.slice(0, 4) : [];
    if (codes.length === 0) tally(this.features, 'formationsWithoutRome');
    if (role === 'unknown_rome') {
      codes.push(this.options.unknownCodes.rome);
      tally(this.defects, 'unknown_rome');
    }
    return codes;
  }

  private recordShared(
    provider: DemoProvider,
    certification: DemoCertification,
    title: string,
    departements: string[],
    facts: SharedTraining['actions'],
  ): void {
    const departement = departements[0] ?? provider.departements[0] ?? '';
    this.sharedTrainings.push({
      provider,
      certification,
      departement,
      title,
      actions: facts.filter((_, i) => departements[i] === departement),
    });
  }

  private injectActionDefect(role: FormationRole | undefined, actions: LheoAction[]): void {
    const action = actions[actions.length - 1];
    if (!action) return;
    if (role === 'missing_id') {
      delete action.numero;
      tally(this.defects, 'missing_id');
    } else if (role === 'duplicate_id' && this.lastPlainActionNumero) {
      action.numero = this.lastPlainActionNumero;
      tally(this.defects, 'duplicate_id');
    } else if (role === 'impossible_date') {
      const session = action.sessions[0];
      if (!session) return;
      // 31 February of next year: well-shaped, but no calendar has it.
      session.start = `${yearOfDay(this.options.referenceDay) + 1}0231`;
      tally(this.defects, 'impossible_date');
    }
  }

  private action(
    provider: DemoProvider,
    certification: DemoCertification,
    certifying: boolean,
    departement: string,
    plan: {
      totalHours: number;
      inCompany: number;
      hoursPerWeek: number;
      region: string;
      placeRequired: boolean;
    },
  ): { action: LheoAction; facts: SharedTraining['actions'][number] } {
    const { random, places, referenceDay } = this.options;
    const modality = weightedChoice(random, [
      ['0', 78],
      ['1', 14],
      ['2', 8],
    ] as const);
    if (modality === '2') tally(this.features, 'remoteActions');
    const commune = places.pickCommune(random, departement);
    const postcode = pickPostcode(random, commune);
    const remoteWithoutPlace = modality === '2' && !plan.placeRequired && random.chance(0.5);
    const address = this.address(commune, postcode, streetLine(random), random, !remoteWithoutPlace);
    const price = random.chance(0.05)
      ? undefined
      : random.chance(0.03)
        ? 0
        : trainingPrice(random, plan.totalHours, certification.level);
    const cpf = certifying && price !== undefined && price > 0 && random.chance(0.9);
    if (cpf) tally(this.features, 'cpfEligibleActions');
    const numero = this.nextNumero('AC', plan.region, random);
    const days = calendarDays(plan.totalHours, plan.hoursPerWeek);
    const sessionCount = weightedChoice(random, [
      [1, 55],
      [2, 30],
      [3, 15],
    ] as const);
    const sessions: LheoSession[] = [];
    let activeSessions = 0;
    for (let i = 0; i < sessionCount; i++) {
      const dates = this.sessionDates(random, referenceDay, days);
      if (dates.status !== 'expired') activeSessions++;
      sessions.push({
        numero: this.nextNumero('SE', plan.region, random),
        start: dates.start,
        end: dates.end,
        recruitment: dates.status === 'future' ? (random.chance(0.95) ? '1' : '3') : '2',
        registration: withoutCoordinates(address),
        ...(cpf
          ? {
              cpf: {
                numero: certification.info.rncp?.replace(/^RNCP/i, '') ?? certification.info.certifInfo,
                source: 'Répertoire national des certifications professionnelles',
                validFrom: yyyymmddOfDay(referenceDay - random.int(200, 1500)),
                validTo: yyyymmddOfDay(referenceDay + random.int(200, 1500)),
              },
            }
          : {}),
      });
    }
    const hoursKnown = random.chance(0.97);
    const action: LheoAction = {
      numero,
      rhythm: rhythmLabel(plan.hoursPerWeek),
      publicCode: random.pick(['83056', '80006', '81050']),
      modality,
      workPlacement:
        plan.inCompany > 0 ? `Stage en entreprise de ${Math.round(plan.inCompany / 35)} semaines` : '-',
      ...(remoteWithoutPlace
        ? {}
        : {
            place: {
              siteName: `${provider.name} - site ${ofName(commune.name)}`,
              address,
              phone: fictionalLandline(random),
            },
          }),
      sessions,
      recruitmentMethods: random.pick([
        'Entretien individuel',
        'Information collective, entretien',
        'Tests de positionnement et entretien',
        'Dossier de candidature',
      ]),
      ...(price === undefined ? {} : { price }),
      ...(hoursKnown && plan.inCompany > 0
        ? { hoursCentre: plan.totalHours - plan.inCompany, hoursCompany: plan.inCompany }
        : {}),
      ...(hoursKnown ? { hoursTotal: plan.totalHours } : {}),
    };
    return {
      action,
      facts: {
        numero,
        ...(hoursKnown ? { hours: plan.totalHours } : {}),
        ...(price === undefined ? {} : { price }),
        remote: modality !== '0',
        activeSessions,
      },
    };
  }

  /**
   * A real commune's address. A place of training shows the producers' usual imperfections, each
   * counted: coarse coordinates (whole degrees, as anonymised exports give), none at all, no INSEE
   * code; the ingestion then falls back to the commune. Head offices are always complete.
   */
  private address(
    commune: Commune,
    postcode: string,
    street: string,
    random: Random,
    imperfect: boolean,
  ): LheoAddress {
    const region = regionOfDepartement(commune.departement)?.code;
    const geoKind = imperfect
      ? weightedChoice(random, [
          ['precise', 84],
          ['coarse', 9],
          ['none', 7],
        ] as const)
      : 'precise';
    const withInsee = !imperfect || random.chance(0.96);
    if (imperfect) {
      if (geoKind === 'coarse') tally(this.features, 'placesWithCoarseCoordinates');
      if (geoKind === 'none') tally(this.features, 'placesWithoutCoordinates');
      if (!withInsee) tally(this.features, 'placesWithoutInseeCode');
    }
    const jitter = () => (random.next() - 0.5) * 0.02;
    const geo =
      geoKind === 'precise'
        ? { lat: (commune.lat + jitter()).toFixed(6), lon: (commune.lon + jitter()).toFixed(6) }
        : geoKind === 'coarse'
          ? { lat: String(Math.trunc(commune.lat)), lon: String(Math.trunc(commune.lon)) }
          : undefined;
    return {
      street,
      postcode,
      city: commune.name,
      departement: commune.departement,
      ...(withInsee ? { inseeCode: commune.inseeCode } : {}),
      ...(region ? { region } : {}),
      ...(geo ? { geo } : {}),
    };
  }

  /**
   * Session dates relative to the reference date: most start within the next twelve months, a few
   * are running, ~5 % are over, ~3 % have unknown dates.
   */
  private sessionDates(
    random: Random,
    referenceDay: number,
    days: number,
  ): { start: string; end: string; status: 'future' | 'running' | 'expired' | 'unknown' } {
    tally(this.features, 'sessions');
    const status = weightedChoice(random, [
      ['future', 87],
      ['running', 5],
      ['expired', 5],
      ['unknown', 3],
    ] as const);
    if (status === 'unknown') {
      tally(this.features, 'unknownDateSessions');
      const start = random.chance(0.6)
        ? '00000000'
        : yyyymmddOfDay(onWeekday(referenceDay + random.int(1, 300)));
      return { start, end: '00000000', status };
    }
    if (status === 'expired') {
      tally(this.features, 'expiredSessions');
      const end = referenceDay - random.int(1, 300);
      return { start: yyyymmddOfDay(end - days + 1), end: yyyymmddOfDay(end), status };
    }
    const start =
      status === 'running'
        ? referenceDay - random.int(0, Math.floor(days * 0.8))
        : onWeekday(referenceDay + random.int(1, 365));
    return {
      start: yyyymmddOfDay(start),
      end: yyyymmddOfDay(Math.max(start + days - 1, referenceDay)),
      status,
    };
  }
}

/** Registration desks come without coordinates in Intercarif exports: they only say where to enrol. */
function withoutCoordinates(address: LheoAddress): LheoAddress {
  const { geo, ...rest } = address;
  return rest;
}

/** Titles of short, non-certifying modules in the certification's field. */
function shortModuleTitle(
  random: Random,
  referentials: Referentials,
  certification: DemoCertification,
): string {
  const topic = shortTrainingTopic(referentials, certification);
  return weightedChoice(random, [
    [`Initiation : ${lowerFirst(topic)}`, 30],
    [`Perfectionnement : ${lowerFirst(topic)}`, 25],
    [`Formation courte - ${topic}`, 25],
    [`Module ${lowerFirst(topic)}`, 20],
  ] as const);
}
