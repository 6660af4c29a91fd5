import { join } from 'node:path';
import type { AppellationRow } from '../slice-format';
import { readCsvRows } from './read-csv';

/** Lower case, no accents, words separated by single spaces: how job titles are compared. */
function normalise(label: string): string {
  return label
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The masculine readings of a ROME 4.0 title, the only form the ROME v2 table uses.
 * "Employé / Employée de ménage" → "employe de ménage"; when the masculine part has several words
 * the feminine part may repeat all of them ("Ingénieur informaticien / Ingénieure
 * informaticienne") or only the first ("Analyste concepteur / Conceptrice informatique"), so both
 * readings are produced.
 */
function masculineForms(title: string): string[] {
  const [masculine, feminine] = title.split(' / ', 2);
  if (masculine === undefined || feminine === undefined) return [normalise(title)];
  const masculineWords = masculine.split(' ');
  const feminineWords = feminine.split(' ');
  return [1, masculineWords.length].map((repeated) =>
    normalise([...masculineWords, ...feminineWords.slice(repeated)].join(' ')),
  );
}

/** Titles that name jobs of exactly one ROME 4.0 code, by normalised masculine form. */
function unambiguousTitles(appellations: readonly AppellationRow[]): Map<string, string> {
  const romeCodesByTitle = new Map<string, Set<string>>();
  for (const [, title, romeCode] of appellations) {
    for (const form of masculineForms(title)) {
      const set = romeCodesByTitle.get(form) ?? new Set<string>();
      set.add(romeCode);
      romeCodesByTitle.set(form, set);
    }
  }
  const unique = new Map<string, string>();
  for (const [form, romeCodes] of romeCodesByTitle) {
    const [only] = romeCodes;
    if (romeCodes.size === 1 && only) unique.set(form, only);
  }
  return unique;
}

export interface RomeV2Links {
  romeByFormacode: Map<string, string[]>;
  report: { romeV2Jobs: number; matchedToRome4: number };
}

/**
 * Formacode → ROME 4.0 links from the old ROME v2 → Formacode table (lheo-schema's RomeFCod).
 * Its first column is a ROME v2 job code ("11111;Employé de ménage à domicile"), not an OGR code,
 * and no v2 → 4.0 correspondence is public here, so each v2 job is matched to ROME 4.0 by its
 * title: a v2 title equal (accents and case aside) to the masculine form of a ROME 4.0 job title
 * of a single ROME code links that code to the v2 job's Formacodes. Titles that match nothing or
 * several ROME codes are left out.
 */
export function romeByRomeV2Table(dataDir: string, appellations: readonly AppellationRow[]): RomeV2Links {
  const titles = unambiguousTitles(appellations);
  const rows = readCsvRows(join(dataDir, 'formacode', 'rome_v2_to_formacode.csv'), {
    delimiter: ';',
    encoding: 'utf-8',
    quoted: false,
  });
  const romeByFormacode = new Map<string, string[]>();
  let matchedToRome4 = 0;
  for (const [, title, formacodeCell] of rows) {
    const romeCode = title === undefined ? undefined : titles.get(normalise(title));
    if (!romeCode || formacodeCell === undefined) continue;
    matchedToRome4++;
    // Cells read "SERVICE MAISON 42079$AUXILIAIRE VIE 44028": a label then the code, per term.
    for (const [formacode] of formacodeCell.matchAll(/\d{5}/g)) {
      const list = romeByFormacode.get(formacode) ?? [];
      if (!list.includes(romeCode)) list.push(romeCode);
      romeByFormacode.set(formacode, list);
    }
  }
  return { romeByFormacode, report: { romeV2Jobs: rows.length, matchedToRome4 } };
}
