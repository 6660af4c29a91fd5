import { join } from 'node:path';
import type { CertificationRow } from '../slice-format';
import { column, readCsvRecords } from './read-csv';

export interface CertificationsBuild {
  rows: CertificationRow[];
  /** Formacode labels as Certif Info writes them: newer than the Formacode v11 thesaurus. */
  formacodeLabels: ReadonlyMap<string, string>;
  report: { sourceRows: number; duplicateRows: number; romeLinksNotInRome4: number };
}

const ROME_COLUMNS = ['Code_Rome_1', 'Code_Rome_2', 'Code_Rome_3', 'Code_Rome_4', 'Code_Rome_5'];

/** Several codes in one cell are comma-separated in Certif Info; most cells hold one. */
function codesOf(cell: string): string[] {
  return cell
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

function europeanLevel(cell: string): number | null {
  const level = Number(cell);
  return cell !== '' && Number.isInteger(level) && level >= 1 && level <= 8 ? level : null;
}

/**
 * Certif Info certifications, one per Code_Diplome. The export repeats a certification once per
 * Onisep sheet (codeIdeo2) with every other column identical, so only the first row is kept.
 *
 * `accessibilite_fc` is 1, 0 or 2 like the other access routes. 1 is "yes"; 0 is an explicit "no"
 * (e.g. engineering degrees reserved to initial training); 2 is "not stated": it is almost only
 * found on certifications that have no RNCP/RS registration, where Certif Info does not fill the
 * access routes (accessibilite_cp is 2 for 2,927 such rows and for 45 registered ones). Only an
 * explicit 1 counts as open to continuing education.
 */
export function buildCertifications(dataDir: string, romeCodes: ReadonlySet<string>): CertificationsBuild {
  const records = readCsvRecords(join(dataDir, 'certifinfo', 'certif_info.csv'), {
    delimiter: ';',
    encoding: 'utf-8',
    quoted: false,
  });
  const rows = new Map<string, CertificationRow>();
  const formacodeLabels = new Map<string, string>();
  let romeLinksNotInRome4 = 0;
  for (const record of records) {
    const code = column(record, 'Code_Diplome');
    const formacodes = codesOf(column(record, 'Code_FormaCode'));
    const formacodeLabel = column(record, 'Libelle_FormaCode');
    if (formacodes.length === 1 && formacodes[0] && formacodeLabel !== '') {
      formacodeLabels.set(formacodes[0], formacodeLabel);
    }
    if (rows.has(code)) continue;
    const linkedRome = ROME_COLUMNS.flatMap((name) => codesOf(column(record, name)));
    const rome = [...new Set(linkedRome.filter((romeCode) => romeCodes.has(romeCode)))];
    romeLinksNotInRome4 += linkedRome.length - rome.length;
    const rncpDigits = column(record, 'Code_RNCP');
    rows.set(code, [
      code,
      column(record, 'Libelle_Diplome'),
      rncpDigits === '' ? null : `RNCP${rncpDigits}`,
      europeanLevel(column(record, 'Code_Niveau_Europeen')),
      formacodes,
      rome,
      codesOf(column(record, 'Code_Nsf')),
      column(record, 'accessibilite_fc') === '1' ? 1 : 0,
    ]);
  }
  return {
    rows: [...rows.values()],
    formacodeLabels,
    report: { sourceRows: records.length, duplicateRows: records.length - rows.size, romeLinksNotInRome4 },
  };
}
