import type { Modality } from '@reco/contracts';
import {
  FORMACODE_PATTERN,
  meaningfulText,
  NSF_PATTERN,
  normaliseDepartement,
  normaliseRncp,
  normaliseSiret,
  parseDecimal,
  qualificationLevelFromLabel,
  uniqueCodes,
} from './fields';
import type { SourceRecord } from './source-record';

/** The Mon Compte Formation export's columns a row cannot be read without. */
export const MCF_REQUIRED_COLUMNS = ['numero_formation', 'intitule_formation', 'code_departement', 'nom_of'];

/** One row of the export, column name → text as written (empty when absent). */
export type McfRow = Readonly<Record<string, string | undefined>>;

export type McfRowResult = { record: SourceRecord } | { reasons: string[] };

const NUMERIC_COLUMNS = [
  'nb_session_active',
  'nb_session_a_distance',
  'nombre_heures_total_min',
  'nombre_heures_total_max',
  'nombre_heures_total_mean',
  'frais_ttc_tot_min',
  'frais_ttc_tot_mean',
] as const;
type NumericColumn = (typeof NUMERIC_COLUMNS)[number];

/**
 * Maps one export row to a source record, or says every reason it cannot: the producer fixes them
 * all in one go.
 */
export function mcfRecordFromRow(row: McfRow, position: string): McfRowResult {
  const reasons: string[] = [];
  const text = (column: string) => row[column]?.trim() ?? '';

  const numero = meaningfulText(row.numero_formation);
  const title = meaningfulText(row.intitule_formation);
  if (!numero) reasons.push('missing numero_formation');
  if (!title) reasons.push('missing intitule_formation');

  const writtenDepartement = text('code_departement');
  const departement = normaliseDepartement(writtenDepartement);
  if (!departement) reasons.push(`code_departement: not a département code "${writtenDepartement}"`);

  // An absent SIRET leaves the provider known by name; a malformed one is a producer error to report.
  const writtenSiret = text('siret');
  const siret = writtenSiret ? normaliseSiret(writtenSiret) : undefined;
  if (writtenSiret && !siret) reasons.push(`siret: not 14 digits "${writtenSiret}"`);

  const numbers: Partial<Record<NumericColumn, number>> = {};
  for (const column of NUMERIC_COLUMNS) {
    const written = text(column);
    if (!written) continue;
    const value = parseDecimal(written);
    if (value === undefined) reasons.push(`${column}: not a non-negative number "${written}"`);
    else numbers[column] = value;
  }

  if (reasons.length > 0 || !numero || !title || !departement) return { reasons };

  const levelLabel = meaningfulText(row.libelle_niveau_sortie_formation);
  const certifInfo = text('code_certifinfo');
  return {
    record: {
      source: 'mcf',
      sourceId: `${numero}:${writtenDepartement}`,
      scope: 'mcf',
      position,
      kind: 'training',
      title,
      content: meaningfulText(row.points_forts),
      provider: { name: meaningfulText(row.nom_of), siret },
      certification: {
        rncp: normaliseRncp(text('code_rncp')),
        certifInfo: /^\d+$/.test(certifInfo) ? certifInfo : undefined,
        label: meaningfulText(row.intitule_certification),
        level: levelLabel ? qualificationLevelFromLabel(levelLabel) : undefined,
      },
      formacodes: uniqueCodes(columnValues(row, 'code_formacode_', 5), FORMACODE_PATTERN),
      romeCodes: [],
      nsfCodes: uniqueCodes(
        columnValues(row, 'code_nsf_', 3).map((code) => code.toLowerCase()),
        NSF_PATTERN,
      ),
      place: { departement },
      modality: modalityFromSessions(numbers.nb_session_active, numbers.nb_session_a_distance),
      sessions: [],
      durationHours:
        numbers.nombre_heures_total_mean ??
        numbers.nombre_heures_total_max ??
        numbers.nombre_heures_total_min,
      costEur: numbers.frais_ttc_tot_mean ?? numbers.frais_ttc_tot_min,
      cpf: true,
    },
  };
}

function columnValues(row: McfRow, prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => row[`${prefix}${i + 1}`] ?? '');
}

/**
 * The export only counts sessions: all of them remote is a remote training, some of them a blended
 * one (a remote option exists next to classroom sessions), none an in-person one. Remote sessions
 * with an unknown total count as blended, the cautious reading.
 */
function modalityFromSessions(active: number | undefined, remote: number | undefined): Modality {
  if (!remote) return 'in_person';
  return active !== undefined && remote >= active ? 'remote' : 'blended';
}
