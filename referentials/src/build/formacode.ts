import { join } from 'node:path';
import type { AppellationRow, CertificationRow, FormacodeRow } from '../slice-format';
import { readCsvRows } from './read-csv';
import { romeByRomeV2Table } from './rome-v2-formacode';

/** Past this many, a Formacode's ROME codes are one-off co-occurrences that only add noise. */
const MAX_ROME_PER_FORMACODE = 20;

export interface FormacodeBuild {
  rows: FormacodeRow[];
  report: {
    thesaurusTerms: number;
    codesOnlyInCertifInfo: number;
    codesWithRome: number;
    codesWithRomeOnlyFromRomeV2: number;
    romeV2Jobs: number;
    romeV2JobsMatchedToRome4: number;
  };
}

/** `plan expérience` → `Plan expérience`, the way Certif Info writes Formacode labels. */
function capitalise(label: string): string {
  return label.charAt(0).toLocaleUpperCase('fr') + label.slice(1);
}

/** Formacode v11 (no header): code; UPPER-CASE LABEL; lower-case accented label; term type; ... */
function readThesaurusLabels(dataDir: string): Map<string, string> {
  const rows = readCsvRows(join(dataDir, 'formacode', 'formacode_v11.csv'), {
    delimiter: ';',
    encoding: 'utf-8',
    quoted: false,
  });
  const labels = new Map<string, string>();
  for (const [code, , label] of rows) {
    if (code && label) labels.set(code, capitalise(label));
  }
  return labels;
}

/**
 * ROME codes of each Formacode, ranked by how many Certif Info certifications carry both (ties by
 * code, for a stable order).
 */
function romeByCooccurrence(certifications: readonly CertificationRow[]): Map<string, string[]> {
  const counts = new Map<string, Map<string, number>>();
  for (const [, , , , formacodes, romeCodes] of certifications) {
    for (const formacode of formacodes) {
      const perRome = counts.get(formacode) ?? new Map<string, number>();
      for (const romeCode of romeCodes) perRome.set(romeCode, (perRome.get(romeCode) ?? 0) + 1);
      counts.set(formacode, perRome);
    }
  }
  const ranked = new Map<string, string[]>();
  for (const [formacode, perRome] of counts) {
    const romeCodes = [...perRome.entries()]
      .sort(([codeA, countA], [codeB, countB]) => countB - countA || codeA.localeCompare(codeB))
      .map(([romeCode]) => romeCode);
    if (romeCodes.length > 0) ranked.set(formacode, romeCodes);
  }
  return ranked;
}

/**
 * Formacode labels (Certif Info's where it has one, as it follows the current thesaurus and some
 * codes were relabelled since v11; v11's otherwise) and each code's ROME codes: those of the
 * Certif Info certifications carrying it, most frequent first, then those of the old ROME v2 table
 * (see romeByRomeV2Table), which cover Formacodes no certification uses.
 */
export function buildFormacode(
  dataDir: string,
  certifications: readonly CertificationRow[],
  certifInfoLabels: ReadonlyMap<string, string>,
  appellations: readonly AppellationRow[],
): FormacodeBuild {
  const thesaurus = readThesaurusLabels(dataDir);
  const labels = new Map([...thesaurus, ...certifInfoLabels]);
  const fromCertifications = romeByCooccurrence(certifications);
  const fromRomeV2 = romeByRomeV2Table(dataDir, appellations);
  const rows = [...labels.keys()].sort().map((code): FormacodeRow => {
    const romeCodes = new Set([
      ...(fromCertifications.get(code) ?? []),
      ...(fromRomeV2.romeByFormacode.get(code) ?? []),
    ]);
    return [code, labels.get(code) ?? '', [...romeCodes].slice(0, MAX_ROME_PER_FORMACODE)];
  });
  return {
    rows,
    report: {
      thesaurusTerms: thesaurus.size,
      codesOnlyInCertifInfo: labels.size - thesaurus.size,
      codesWithRome: rows.filter(([, , romeCodes]) => romeCodes.length > 0).length,
      codesWithRomeOnlyFromRomeV2: rows.filter(
        ([code, , romeCodes]) => romeCodes.length > 0 && !fromCertifications.has(code),
      ).length,
      romeV2Jobs: fromRomeV2.report.romeV2Jobs,
      romeV2JobsMatchedToRome4: fromRomeV2.report.matchedToRome4,
    },
  };
}
