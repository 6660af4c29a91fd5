import { join } from 'node:path';
import type { CertificationRow, RncpRow } from '../slice-format';
import { type CsvOptions, column, readCsvRecords } from './read-csv';

const RNCP_CSV: CsvOptions = { delimiter: ';', encoding: 'windows-1252', quoted: true };

export interface RncpBuild {
  rows: RncpRow[];
  report: {
    franceCompetencesSheets: number;
    sheetsOnlyInCertifInfo: number;
    romeLinks: number;
    romeLinksNotInRome4: number;
    codesWithoutLabel: number;
  };
}

interface RncpSheet {
  label: string;
  level: number | null;
  active: boolean;
}

/** `niveau4` → 4. */
function levelOf(cell: string): number | null {
  const match = /^niveau([1-8])$/.exec(cell);
  return match?.[1] ? Number(match[1]) : null;
}

/** rncp_info lists about 100 sheets twice; the active row is the current one when they differ. */
function readSheets(dataDir: string): Map<string, RncpSheet> {
  const sheets = new Map<string, RncpSheet>();
  for (const record of readCsvRecords(join(dataDir, 'rncp', 'rncp_info.v1.4.cp1252.csv'), RNCP_CSV)) {
    const code = column(record, 'CodeRNCP');
    const sheet = {
      label: column(record, 'intituleDiplome'),
      level: levelOf(column(record, 'NiveauEurope')),
      active: column(record, 'ActiveInactive') === 'ACTIVE',
    };
    const known = sheets.get(code);
    if (!known || (sheet.active && !known.active)) sheets.set(code, sheet);
  }
  return sheets;
}

function addAll(map: Map<string, Set<string>>, key: string, values: Iterable<string>): void {
  const set = map.get(key) ?? new Set<string>();
  for (const value of values) set.add(value);
  map.set(key, set);
}

/**
 * RNCP sheets with their ROME 4.0 codes. France Compétences' export (March 2021) links sheets to
 * ROME v3 codes; ROME 4.0 kept every v3 job code and added finer ones beside them, so links whose
 * code exists in ROME 4.0 are kept and the others are dropped (they are all domain codes such as
 * `B11` or `M1200`, not job sheets). Certif Info (2024) adds its own ROME links and the sheets
 * registered after 2021; its links come first since they were made against ROME 4.0.
 */
export function buildRncp(
  dataDir: string,
  romeCodes: ReadonlySet<string>,
  certifications: readonly CertificationRow[],
): RncpBuild {
  const sheets = readSheets(dataDir);
  const franceCompetencesSheets = sheets.size;
  const rome = new Map<string, Set<string>>();
  for (const [, label, rncp, level, , certificationRome] of certifications) {
    if (!rncp) continue;
    addAll(rome, rncp, certificationRome);
    if (!sheets.has(rncp)) sheets.set(rncp, { label, level, active: true });
  }
  let romeLinks = 0;
  let romeLinksNotInRome4 = 0;
  for (const record of readCsvRecords(join(dataDir, 'rncp', 'rncp_rome.v1.4.cp1252.csv'), RNCP_CSV)) {
    const romeCode = column(record, 'Rome');
    romeLinks++;
    if (romeCodes.has(romeCode)) addAll(rome, column(record, 'CodeRNCP'), [romeCode]);
    else romeLinksNotInRome4++;
  }
  const codes = [...new Set([...sheets.keys(), ...rome.keys()])].sort(
    (a, b) => Number(a.slice(4)) - Number(b.slice(4)),
  );
  let codesWithoutLabel = 0;
  const rows = codes.map((code): RncpRow => {
    const sheet = sheets.get(code);
    if (!sheet) codesWithoutLabel++;
    return [code, sheet?.label ?? '', sheet?.level ?? null, [...(rome.get(code) ?? [])]];
  });
  return {
    rows,
    report: {
      franceCompetencesSheets,
      sheetsOnlyInCertifInfo: sheets.size - franceCompetencesSheets,
      romeLinks,
      romeLinksNotInRome4,
      codesWithoutLabel,
    },
  };
}
