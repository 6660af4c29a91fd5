import type { Referentials } from '@reco/referentials';
import { isoDateOfDay, yearOfDay } from './calendar';
import { type CertificationCatalogue, type DemoCertification, trainingTitle } from './certifications';
import type { SharedTraining } from './lheo-catalogue';
import type { CrossProducerDuplicate, DefectClass, DemoFileEntry, PromptInjection } from './manifest';
import { nsfLabel } from './nsf-labels';
import type { Places } from './places';
import type { DemoProvider, ProviderFactory } from './providers';
import { type Random, weightedChoice } from './random';
import { regionOfDepartement } from './regions';
import { assignRoles, scaled, tally } from './roles';
import { corruptSiret } from './siret';
import { TextSink } from './text-sink';
import { promptInjectionText, strengthsText } from './texts';
import { trainingHours, trainingPrice } from './training-figures';
import type { UnknownCodes } from './unknown-codes';

/** The Mon Compte Formation export's columns, in its order (docs/catalogue-sources.md). */
export const MCF_COLUMNS = [
  'date_extract',
  'nom_of',
  'nom_departement',
  'nom_region',
  'type_referentiel',
  'code_inventaire',
  'code_rncp',
  'intitule_certification',
  'libelle_niveau_sortie_formation',
  'code_formacode_1',
  'code_formacode_2',
  'code_formacode_3',
  'code_formacode_4',
  'code_formacode_5',
  'libelle_code_formacode_principal',
  'libelle_nsf_1',
  'libelle_nsf_2',
  'libelle_nsf_3',
  'code_nsf_1',
  'code_nsf_2',
  'code_nsf_3',
  'code_certifinfo',
  'siret',
  'numero_formation',
  'intitule_formation',
  'points_forts',
  'nb_action',
  'nb_session_active',
  'nb_session_a_distance',
  'nombre_heures_total_min',
  'nombre_heures_total_max',
  'nombre_heures_total_mean',
  'frais_ttc_tot_min',
  'frais_ttc_tot_max',
  'frais_ttc_tot_mean',
  'code_departement',
  'code_region',
  'nbaction_nbheures',
  'coderegion_export',
] as const;

export type McfColumn = (typeof MCF_COLUMNS)[number];
/** Numbers are numbers in the JSON export and plain decimals in the CSV; empty is null. */
export type McfRow = Record<McfColumn, string | number | null>;

/** A row and how many of its columns the CSV line carries: all, except for a row cut short on purpose. */
interface WrittenRow {
  row: McfRow;
  columns: number;
}

const LEVEL_LABELS: Readonly<Record<number, string>> = {
  1: 'Niveau 1 (savoirs de base)',
  2: 'Niveau 2 (socle de connaissances et de compétences professionnelles)',
  3: 'Niveau 3 (CAP, BEP, CFPA du premier degré)',
  4: 'Niveau 4 (BP, BT, baccalauréat professionnel ou technologique)',
  5: 'Niveau 5 (BTS, DUT, DEUST...)',
  6: 'Niveau 6 (Licence, licence professionnelle, BUT, Bachelor...)',
  7: 'Niveau 7 (Master, diplôme d’ingénieur...)',
  8: 'Niveau 8 (Doctorat...)',
};

/** Words producers type where a number belongs. */
const TEXT_IN_NUMBERS: readonly (readonly [McfColumn, string])[] = [
  ['frais_ttc_tot_mean', 'sur devis'],
  ['nombre_heures_total_min', 'NC'],
  ['frais_ttc_tot_min', 'non communiqué'],
  ['nombre_heures_total_mean', 'variable'],
];

type RowRole =
  | Exclude<
      DefectClass,
      'missing_id' | 'impossible_date' | 'unknown_rome' | 'invalid_item' | 'truncated_file'
    >
  | 'prompt_injection';

export interface McfFileSpec {
  file: string;
  format: 'csv' | 'json';
  encoding: 'utf-8-bom' | 'utf-8' | 'windows-1252';
  rows: number;
  /** Rows repeating an LHEO training, placed at random in the file. */
  shared: readonly SharedTraining[];
  defects: readonly (readonly [RowRole, number])[];
}

export interface McfOutcome {
  file: DemoFileEntry;
  crossProducerDuplicates: CrossProducerDuplicate[];
  promptInjections: PromptInjection[];
}

export interface McfContext {
  random: Random;
  referentials: Referentials;
  places: Places;
  certifications: CertificationCatalogue;
  providers: ProviderFactory;
  referenceDay: number;
  unknownCodes: UnknownCodes;
}

/**
 * The files of the Mon Compte Formation export the demo ships: the main CSV, the JSON export, and a
 * small CSV re-saved in Windows-1252 as spreadsheets do. Counts are at scale 1.
 */
export function mcfFileSpecs(scale: number, shared: readonly SharedTraining[]): McfFileSpec[] {
  const inJson = Math.floor(shared.length / 5);
  return [
    {
      file: 'mcf.csv',
      format: 'csv',
      encoding: 'utf-8-bom',
      rows: scaled(5000, scale, 5),
      shared: shared.slice(inJson),
      defects: [
        ['prompt_injection', scaled(1, scale)],
        ['too_few_columns', scaled(50, scale)],
        ['text_in_numeric_column', scaled(60, scale)],
        ['invalid_siret', scaled(40, scale)],
        ['duplicate_id', scaled(40, scale)],
        ['unknown_formacode', scaled(40, scale)],
      ],
    },
    {
      file: 'mcf.json',
      format: 'json',
      encoding: 'utf-8',
      rows: scaled(1000, scale, 3),
      shared: shared.slice(0, inJson),
      defects: [
        ['text_in_numeric_column', scaled(12, scale)],
        ['invalid_siret', scaled(10, scale)],
        ['duplicate_id', scaled(10, scale)],
      ],
    },
    {
      file: 'mcf-cp1252.csv',
      format: 'csv',
      encoding: 'windows-1252',
      rows: scaled(60, scale, 6),
      shared: [],
      defects: [],
    },
  ];
}

/** One training of one provider in one département, aggregated over its actions. */
interface RowFacts {
  provider: DemoProvider;
  certification: DemoCertification;
  departement: string;
  numeroFormation: string;
  title: string;
  strengths: string;
  actions: number;
  activeSessions: number;
  remoteSessions: number;
  hours: number[];
  prices: number[];
}

export async function writeMcfFile(
  spec: McfFileSpec,
  context: McfContext,
  path: string,
): Promise<McfOutcome> {
  const random = context.random.fork(spec.file);
  const rowCount = Math.max(spec.rows, spec.shared.length + 1);
  // Row 0 stays an own row, so that a duplicate always has an original before it.
  const sharedAt = new Map(
    random
      .sample(
        Array.from({ length: rowCount - 1 }, (_, i) => i + 1),
        spec.shared.length,
      )
      .map((row, i) => [row, spec.shared[i] as SharedTraining] as const),
  );
  const freeRows = Array.from({ length: rowCount }, (_, i) => i).filter((i) => !sharedAt.has(i));
  const roleByFree = assignRoles(random.fork('roles'), freeRows.length, spec.defects);
  const roles = new Map([...roleByFree].map(([i, role]) => [freeRows[i] as number, role]));

  const sink = await TextSink.open(path, spec.encoding === 'windows-1252' ? 'windows-1252' : 'utf-8');
  const writer = new McfRowWriter(spec, context, random);
  if (spec.format === 'csv') {
    await sink.write(`${spec.encoding === 'utf-8-bom' ? '\uFEFF' : ''}${MCF_COLUMNS.join(';')}\n`);
  } else {
    await sink.write('[\n');
  }
  for (let index = 0; index < rowCount; index++) {
    const shared = sharedAt.get(index);
    const { row, columns } = shared ? writer.sharedRow(shared) : writer.ownRow(roles.get(index));
    const separator = spec.format === 'json' && index > 0 ? ',\n' : '';
    await sink.write(`${separator}${spec.format === 'csv' ? csvLine(row, columns) : JSON.stringify(row)}`);
  }
  await sink.write(spec.format === 'json' ? '\n]\n' : '');
  const bytes = await sink.close();
  return {
    file: {
      file: spec.file,
      format: spec.format === 'csv' ? 'mcf-csv' : 'mcf-json',
      encoding: spec.encoding,
      bytes,
      records: rowCount,
      defects: writer.defects,
      features: writer.features,
    },
    crossProducerDuplicates: writer.crossProducerDuplicates,
    promptInjections: writer.promptInjections,
  };
}

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[;"\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(row: McfRow, columns: number): string {
  return `${MCF_COLUMNS.slice(0, columns)
    .map((column) => csvField(row[column]))
    .join(';')}\n`;
}

class McfRowWriter {
  readonly defects: Partial<Record<DefectClass, number>> = {};
  readonly features: Record<string, number> = {
    departementWithoutLeadingZero: 0,
    corsicaRows: 0,
    remoteOptionRows: 0,
    emptyNumbers: 0,
  };
  readonly crossProducerDuplicates: CrossProducerDuplicate[] = [];
  readonly promptInjections: PromptInjection[] = [];
  private provider: DemoProvider | undefined;
  private providerCertifications = new Set<string>();
  private pendingFacts: RowFacts[] = [];
  private sequence: number;
  private lastPlainRow: McfRow | undefined;

  constructor(
    private readonly spec: McfFileSpec,
    private readonly context: McfContext,
    private readonly random: Random,
  ) {
    this.sequence = random.int(1000, 9000);
  }

  /** The MCF twin of an LHEO training: same SIRET, certification and département; its own wording. */
  sharedRow(shared: SharedTraining): WrittenRow {
    const { random } = this;
    const hours = shared.actions.map((action) => action.hours).filter((value) => value !== undefined);
    const prices = shared.actions.map((action) => action.price).filter((value) => value !== undefined);
    const facts: RowFacts = {
      provider: shared.provider,
      certification: shared.certification,
      departement: shared.departement,
      numeroFormation: this.numeroFormation(shared.provider),
      title: random.chance(0.5) ? shared.title : trainingTitle(random, shared.certification.info.label),
      strengths: strengthsText(random, yearOfDay(this.context.referenceDay) - 1),
      actions: shared.actions.length,
      activeSessions: shared.actions.reduce((sum, action) => sum + action.activeSessions, 0),
      remoteSessions: shared.actions
        .filter((action) => action.remote)
        .reduce((sum, action) => sum + action.activeSessions, 0),
      hours,
      prices,
    };
    const row = this.row(facts);
    for (const action of shared.actions) {
      this.crossProducerDuplicates.push({ lheo: action.numero, mcf: sourceIdOf(row) });
    }
    return { row, columns: MCF_COLUMNS.length };
  }

  ownRow(role: RowRole | undefined): WrittenRow {
    const { random } = this;
    if (role === 'duplicate_id' && this.lastPlainRow) {
      // The same training and département again, as a re-export that overlaps the last one.
      tally(this.defects, 'duplicate_id');
      return {
        row: { ...this.lastPlainRow, nb_session_active: random.int(0, 6) },
        columns: MCF_COLUMNS.length,
      };
    }
    const row = this.row(this.nextFacts());
    let columns: number = MCF_COLUMNS.length;
    switch (role) {
      case 'too_few_columns':
        columns -= random.int(3, 9);
        tally(this.defects, 'too_few_columns');
        break;
      case 'text_in_numeric_column': {
        const [column, text] = random.pick(TEXT_IN_NUMBERS);
        row[column] = text;
        tally(this.defects, 'text_in_numeric_column');
        break;
      }
      case 'invalid_siret':
        row.siret = corruptSiret(String(row.siret), random);
        tally(this.defects, 'invalid_siret');
        break;
      case 'unknown_formacode':
        this.insertUnknownFormacode(row);
        tally(this.defects, 'unknown_formacode');
        break;
      case 'prompt_injection':
        row.points_forts = `${row.points_forts} ${promptInjectionText(random)}`;
        this.promptInjections.push({ source: 'mcf', sourceId: sourceIdOf(row), file: this.spec.file });
        break;
      default:
        this.lastPlainRow = row;
    }
    return { row, columns };
  }

  private insertUnknownFormacode(row: McfRow): void {
    const columns = ['code_formacode_2', 'code_formacode_3', 'code_formacode_4', 'code_formacode_5'] as const;
    const free = columns.find((column) => row[column] === null) ?? 'code_formacode_5';
    row[free] = this.context.unknownCodes.formacode;
  }

  private numeroFormation(provider: DemoProvider): string {
    this.sequence += this.random.int(1, 5);
    return `${provider.siret}_${String(this.sequence).padStart(6, '0')}`;
  }

  /**
   * A provider's trainings come out together, one row per training and département, the way the
   * export lists a provider's catalogue.
   */
  private nextFacts(): RowFacts {
    const pending = this.pendingFacts.shift();
    if (pending) return pending;
    const { random, context } = this;
    if (!this.provider || random.chance(0.35)) {
      this.provider = context.providers.create(random);
      this.providerCertifications = new Set();
    }
    const provider = this.provider;
    const certification = context.certifications.pickUnused(
      random,
      this.providerCertifications,
      random.chance(0.85),
    );
    this.providerCertifications.add(certification.info.certifInfo);
    const numeroFormation = this.numeroFormation(provider);
    const title = trainingTitle(random, certification.info.label);
    const departements = random.chance(0.7) ? provider.departements : [random.pick(provider.departements)];
    const facts = departements.map((departement) =>
      this.ownFacts(provider, certification, departement, numeroFormation, title),
    );
    this.pendingFacts = facts.slice(1);
    return facts[0] as RowFacts;
  }

  private ownFacts(
    provider: DemoProvider,
    certification: DemoCertification,
    departement: string,
    numeroFormation: string,
    title: string,
  ): RowFacts {
    const { random } = this;
    const actions = weightedChoice(random, [
      [1, 45],
      [2, 25],
      [3, 15],
      [5, 10],
      [8, 5],
    ] as const);
    const baseHours = trainingHours(random, certification.level, true);
    const hours = Array.from({ length: actions }, () =>
      Math.max(7, Math.round((baseHours * random.int(85, 115)) / 100)),
    );
    const prices = hours.map((value) => trainingPrice(random, value, certification.level));
    const activeSessions = random.chance(0.08) ? 0 : random.int(1, actions * 3);
    return {
      provider,
      certification,
      departement,
      numeroFormation,
      title,
      strengths: strengthsText(random, yearOfDay(this.context.referenceDay) - 1),
      actions,
      activeSessions,
      remoteSessions: random.chance(0.22) ? random.int(1, Math.max(1, activeSessions)) : 0,
      hours,
      prices,
    };
  }

  private row(facts: RowFacts): McfRow {
    const { random, context } = this;
    const { info } = facts.certification;
    const region = regionOfDepartement(facts.departement);
    const formacodes = info.formacodes.slice(0, 5);
    const nsf = info.nsfCodes.slice(0, 3);
    const meanHours = mean(facts.hours);
    const emptyNumbers = random.chance(0.04);
    if (emptyNumbers) tally(this.features, 'emptyNumbers');
    if (facts.remoteSessions > 0) tally(this.features, 'remoteOptionRows');
    if (facts.departement.startsWith('2A') || facts.departement.startsWith('2B')) {
      tally(this.features, 'corsicaRows');
    }
    const writtenDepartement = this.writtenDepartement(facts.departement);
    const row: McfRow = {
      date_extract: isoDateOfDay(context.referenceDay),
      nom_of: facts.provider.name.toUpperCase(),
      nom_departement: context.places.departementName(facts.departement),
      nom_region: region?.name ?? null,
      type_referentiel: info.rncp ? 'RNCP' : 'RS',
      code_inventaire: null,
      code_rncp: info.rncp ?? null,
      intitule_certification: info.label,
      libelle_niveau_sortie_formation:
        facts.certification.level === undefined
          ? 'Sans niveau spécifique'
          : (LEVEL_LABELS[facts.certification.level] ?? 'Sans niveau spécifique'),
      code_formacode_1: formacodes[0] ?? null,
      code_formacode_2: formacodes[1] ?? null,
      code_formacode_3: formacodes[2] ?? null,
      code_formacode_4: formacodes[3] ?? null,
      code_formacode_5: formacodes[4] ?? null,
      libelle_code_formacode_principal: formacodes[0]
        ? (context.referentials.formacodeLabel(formacodes[0]) ?? null)
        : null,
      libelle_nsf_1: nsf[0] ? (nsfLabel(nsf[0]) ?? null) : null,
      libelle_nsf_2: nsf[1] ? (nsfLabel(nsf[1]) ?? null) : null,
      libelle_nsf_3: nsf[2] ? (nsfLabel(nsf[2]) ?? null) : null,
      code_nsf_1: nsf[0] ?? null,
      code_nsf_2: nsf[1] ?? null,
      code_nsf_3: nsf[2] ?? null,
      code_certifinfo: info.certifInfo,
      siret: facts.provider.siret,
      numero_formation: facts.numeroFormation,
      intitule_formation: facts.title,
      points_forts: facts.strengths,
      nb_action: facts.actions,
      nb_session_active: facts.activeSessions,
      nb_session_a_distance: facts.remoteSessions,
      nombre_heures_total_min: emptyNumbers ? null : minimum(facts.hours),
      nombre_heures_total_max: emptyNumbers ? null : maximum(facts.hours),
      nombre_heures_total_mean: emptyNumbers ? null : meanHours,
      frais_ttc_tot_min: minimum(facts.prices),
      frais_ttc_tot_max: maximum(facts.prices),
      frais_ttc_tot_mean: mean(facts.prices),
      code_departement: writtenDepartement,
      code_region: region?.code ?? null,
      nbaction_nbheures: emptyNumbers || meanHours === null ? null : Math.round(facts.actions * meanHours),
      coderegion_export: region ? String(Number(region.code)) : null,
    };
    return row;
  }

  /** `01`..`09` sometimes lose their leading zero, as after a spreadsheet round trip. */
  private writtenDepartement(code: string): string {
    if (/^0\d$/.test(code) && this.random.chance(0.35)) {
      tally(this.features, 'departementWithoutLeadingZero');
      return code.slice(1);
    }
    return code;
  }
}

/** `numero_formation:code_departement` as written: the MCF source id of docs/catalogue-sources.md. */
export function sourceIdOf(row: McfRow): string {
  return `${row.numero_formation}:${row.code_departement}`;
}

function minimum(values: number[]): number | null {
  return values.length > 0 ? Math.min(...values) : null;
}

function maximum(values: number[]): number | null {
  return values.length > 0 ? Math.max(...values) : null;
}

function mean(values: number[]): number | null {
  return values.length > 0
    ? Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100
    : null;
}
