/**
 * Dev benchmark of the built-in embedder at catalogue scale: fit on 20,000 training-like descriptions plus
 * 13,000 job titles, then embed the 20,000 descriptions.
 *
 *   npx tsx ingestion/src/embedding/bench-embedder.ts [path to the ROME v460 CSV folder]
 *
 * The descriptions are assembled from real ROME job definitions and skill labels, so their vocabulary and
 * length (80-150 words) resemble training-offer descriptions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { seededUniform } from './seeded-random.js';
import { TfidfSvdEmbedder } from './tfidf-svd-embedder.js';

const DESCRIPTION_COUNT = 20_000;
const TITLE_COUNT = 13_000;

type Row = Record<string, string>;

function readCsv(folder: string, name: string): Row[] {
  return parse(readFileSync(join(folder, `unix_${name}_v460_utf8.csv`)), { columns: true }) as Row[];
}

function groupBy(rows: Row[], key: string, value: (row: Row) => string | undefined): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const k = row[key];
    const v = value(row);
    if (k === undefined || v === undefined) continue;
    const group = groups.get(k) ?? [];
    group.push(v);
    groups.set(k, group);
  }
  return groups;
}

function buildCorpus(romeFolder: string): { descriptions: string[]; titles: string[] } {
  const appellations = readCsv(romeFolder, 'referentiel_appellation');
  const itemLabels = new Map(readCsv(romeFolder, 'item').map((row) => [row.code_ogr, row.libelle]));
  const definitions = groupBy(readCsv(romeFolder, 'texte'), 'code_rome', (row) => row.libelle_texte);
  const skills = groupBy(readCsv(romeFolder, 'coherence_item'), 'code_rome', (row) =>
    itemLabels.get(row.code_ogr ?? ''),
  );
  const titlesByRome = groupBy(appellations, 'code_rome', (row) => row.libelle_appellation_long);
  const romeCodes = [...skills.keys()].filter((code) => titlesByRome.has(code)).sort();

  const random = seededUniform(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const descriptions: string[] = [];
  for (let i = 0; i < DESCRIPTION_COUNT; i++) {
    const rome = pick(romeCodes);
    const targetWords = 80 + Math.floor(random() * 71);
    const parts = [`Formation ${pick(titlesByRome.get(rome) ?? [])}.`, ...(definitions.get(rome) ?? [])];
    const romeSkills = skills.get(rome) ?? [];
    let words = parts.join(' ').split(/\s+/).length;
    while (words < targetWords && romeSkills.length > 0) {
      const skill = pick(romeSkills);
      parts.push(`${skill}.`);
      words += skill.split(/\s+/).length;
    }
    descriptions.push(parts.join(' '));
  }
  const titles = appellations.slice(0, TITLE_COUNT).map((row) => row.libelle_appellation_long ?? '');
  return { descriptions, titles };
}

function seconds(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(2)} s`;
}

async function main(): Promise<void> {
  const romeFolder = process.argv[2] ?? '/work/shared/data/rome';
  const { descriptions, titles } = buildCorpus(romeFolder);
  const meanWords =
    descriptions.reduce((sum, text) => sum + text.split(/\s+/).length, 0) / descriptions.length;
  console.log(
    `corpus: ${descriptions.length} descriptions (mean ${meanWords.toFixed(0)} words), ${titles.length} titles`,
  );

  let start = performance.now();
  const embedder = TfidfSvdEmbedder.fit([...descriptions, ...titles]);
  console.log(`fit: ${seconds(start)} (${embedder.describe()})`);

  start = performance.now();
  const vectors = await embedder.embed(descriptions);
  console.log(`embed ${vectors.length} descriptions: ${seconds(start)}`);

  start = performance.now();
  const bytes = embedder.serialize();
  const reloaded = TfidfSvdEmbedder.deserialize(bytes);
  console.log(
    `serialized: ${(bytes.length / 1e6).toFixed(1)} MB, round trip ${seconds(start)}, modelId ${reloaded.modelId}`,
  );
}

await main();
