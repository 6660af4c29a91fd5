import { join } from 'node:path';
import type { AppellationRow, RomeJobRow, RomeSlice } from '../slice-format';
import { column, readCsvRecords } from './read-csv';

/** Enough skills to describe a job sheet for retrieval without copying whole sheets. */
const MAX_SKILLS_PER_JOB = 25;

// Core skills ("Principale") describe the job best, emerging ones next, then the rest of the sheet.
const CENTRALITY_RANK: Record<string, number> = { Principale: 0, Émergente: 1, '': 2 };
// Know-how (1) and knowledge (3) say more about a job than soft skills (2), which sheets share widely.
const RUBRIQUE_RANK: Record<string, number> = { '1': 0, '3': 0, '2': 1 };

export interface RomeBuild {
  slice: RomeSlice;
  /** The ROME 4.0 codes, to filter the older sources' links against. */
  romeCodes: ReadonlySet<string>;
}

function readRome(dataDir: string, name: string): Record<string, string>[] {
  return readCsvRecords(join(dataDir, 'rome', `unix_${name}_v460_utf8.csv`), {
    delimiter: ',',
    encoding: 'utf-8',
    quoted: true,
  });
}

interface SheetItem {
  code: string;
  label: string;
  centrality: number;
  rubrique: number;
}

/**
 * Skills and knowledge of each job sheet, most central first: core items, then emerging ones, then
 * the rest, soft skills last in each group. Items without a rubrique are work contexts (schedules,
 * employers, audiences), not skills, so they are left out. Within a group, items shared by fewer
 * sheets come first because they say more about this job; the item code breaks the remaining ties
 * so that the order is stable across builds.
 */
function skillsByRomeCode(dataDir: string): Map<string, string[]> {
  const items = new Map(readRome(dataDir, 'item').map((r) => [column(r, 'code_ogr'), r]));
  const sheetItems = new Map<string, SheetItem[]>();
  const sheetsPerItem = new Map<string, number>();
  for (const link of readRome(dataDir, 'coherence_item')) {
    const code = column(link, 'code_ogr');
    const item = items.get(code);
    if (!item) throw new Error(`Coherence item ${code} is missing from unix_item`);
    const rubrique = RUBRIQUE_RANK[column(item, 'code_rubrique')];
    if (rubrique === undefined) continue;
    const centrality = CENTRALITY_RANK[column(link, 'coeur_metier')];
    if (centrality === undefined) throw new Error(`Unknown coeur_metier "${column(link, 'coeur_metier')}"`);
    const romeCode = column(link, 'code_rome');
    const list = sheetItems.get(romeCode) ?? [];
    list.push({ code, label: column(item, 'libelle'), centrality, rubrique });
    sheetItems.set(romeCode, list);
    sheetsPerItem.set(code, (sheetsPerItem.get(code) ?? 0) + 1);
  }
  const skills = new Map<string, string[]>();
  for (const [romeCode, list] of sheetItems) {
    list.sort(
      (a, b) =>
        a.centrality - b.centrality ||
        a.rubrique - b.rubrique ||
        (sheetsPerItem.get(a.code) ?? 0) - (sheetsPerItem.get(b.code) ?? 0) ||
        Number(a.code) - Number(b.code),
    );
    skills.set(romeCode, [...new Set(list.map((item) => item.label))].slice(0, MAX_SKILLS_PER_JOB));
  }
  return skills;
}

export function buildRome(dataDir: string): RomeBuild {
  const skills = skillsByRomeCode(dataDir);
  const jobs: RomeJobRow[] = readRome(dataDir, 'referentiel_code_rome').map((r) => {
    const code = column(r, 'code_rome');
    return [code, column(r, 'libelle_rome'), skills.get(code) ?? []];
  });
  const romeCodes = new Set(jobs.map(([code]) => code));
  const appellations: AppellationRow[] = readRome(dataDir, 'referentiel_appellation').map((r) => {
    const romeCode = column(r, 'code_rome');
    if (!romeCodes.has(romeCode))
      throw new Error(`Appellation ${column(r, 'code_ogr')} has unknown ROME ${romeCode}`);
    return [column(r, 'code_ogr'), column(r, 'libelle_appellation_long'), romeCode];
  });
  return { slice: { jobs, appellations }, romeCodes };
}
