/**
 * Regenerates the compact derived files in guardrails/data/ from the public reference data
 * (see data/SOURCES.md). Run by hand when a source changes; neither the runtime nor the tests read
 * the reference folder.
 *
 *   npx tsx guardrails/src/scripts/build-data.ts /work/shared/data
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { tokenise } from '../tokenise';
import { parseCsv } from './csv';

const sourceDir = process.argv[2];
if (!sourceDir) {
  console.error('usage: tsx guardrails/src/scripts/build-data.ts <reference-data-dir>');
  process.exit(2);
}
const dataDir = fileURLToPath(new URL('../../data/', import.meta.url));
const read = (path: string) => readFileSync(`${sourceDir}/${path}`, 'utf8');

writeFirstNames();
writeFrenchWords();
writeRomeJobTitles();
writeEdsPseudo();

/**
 * INSEE ranks, all decades: line 1 holds rank cut-offs, line 2 the names by decreasing frequency.
 * The first cut-off (≈2,000 male, ≈2,600 female names) keeps the names a counsellor will meet
 * and drops the long tail of rare spellings, which are more often ordinary words.
 */
function writeFirstNames(): void {
  const names = new Set<string>();
  for (const sex of ['m', 'f']) {
    const [cutoffs = '', list = ''] = read(`prenoms/insee-rangs/dist.prenoms.${sex}.all.txt`).split('\n');
    const cutoff = Number(cutoffs.split(' ')[0]);
    for (const name of list.split(',').slice(0, cutoff)) if (name.trim()) names.add(name.trim());
  }
  const header = '# INSEE first names, most frequent male and female (see SOURCES.md). One per line.\n';
  writeFileSync(`${dataDir}first-names.txt`, `${header}${[...names].sort().join('\n')}\n`);
  console.log(`first-names.txt: ${names.size} names`);
}

/**
 * Words written in lowercase in France Travail's job referential, Onisep course titles and the
 * Formacode thesaurus: a vocabulary of ordinary (professional) French, used to tell a surname or a
 * typo from a known word. Capitalised occurrences are skipped so that proper nouns stay out.
 */
function writeFrenchWords(): void {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
      const word = m[0];
      if (word.length < 2 || word[0] !== word[0]?.toLowerCase()) continue;
      for (const t of tokenise(word)) words.add(t.norm);
    }
  };
  for (const file of [
    'texte',
    'referentiel_competence',
    'referentiel_savoir',
    'referentiel_appellation',
    'item',
  ]) {
    for (const row of parseCsv(read(`rome/unix_${file}_v460_utf8.csv`), ',')) add(row.join(' '));
  }
  for (const row of parseCsv(read('onisep/ideo-formations_initiales_en_france.csv'), ';')) {
    add(`${row[2] ?? ''} ${row[3] ?? ''}`);
  }
  for (const row of parseCsv(read('formacode/formacode_v11.csv'), ';'))
    add(`${row[2] ?? ''} ${row[9] ?? ''}`);
  const sorted = [...words].filter((w) => !/\d/.test(w)).sort();
  writeFileSync(`${dataDir}french-words.txt.gz`, gzipSync(`${sorted.join('\n')}\n`));
  console.log(`french-words.txt.gz: ${sorted.length} words`);
}

/**
 * ROME job titles, both genders spelled out: "Premier surveillant / Première surveillante
 * pénitentiaire" gives "Premier surveillant pénitentiaire" and "Première surveillante pénitentiaire".
 */
function writeRomeJobTitles(): void {
  const titles = new Set<string>();
  const rows = parseCsv(read('rome/unix_referentiel_appellation_v460_utf8.csv'), ',').slice(1);
  for (const row of rows) {
    const label = (row[1] ?? '').replace(/\s*\([^)]*\)\s*$/, '').replace(/\s+-\s+[A-Z]+$/, '');
    for (const title of genderedTitles(label)) titles.add(title.trim());
  }
  const sorted = [...titles].filter(Boolean).sort();
  writeFileSync(`${dataDir}rome-job-titles.txt.gz`, gzipSync(`${sorted.join('\n')}\n`));
  console.log(`rome-job-titles.txt.gz: ${sorted.length} titles from ${rows.length} ROME appellations`);
}

function genderedTitles(label: string): string[] {
  const slash = label.indexOf(' / ');
  if (slash < 0) return [label];
  const masculine = label.slice(0, slash);
  const feminine = label.slice(slash + 3);
  const masculineWords = masculine.split(' ').length;
  const sharedTail = feminine.split(' ').slice(masculineWords).join(' ');
  return [`${masculine} ${sharedTail}`, feminine];
}

/**
 * AP-HP EDS-Pseudo: the synthetic notes and the small public train/dev splits, one note per line
 * with a `split` field.
 */
function writeEdsPseudo(): void {
  const splits = [
    ['gen_dataset_train.jsonl', 'generated'],
    ['public_small_train_data.jsonl', 'public_train'],
    ['public_small_dev_data.jsonl', 'public_dev'],
  ] as const;
  const lines: string[] = [];
  for (const [file, split] of splits) {
    for (const line of read(`pii/${file}`).split('\n')) {
      if (!line.trim()) continue;
      const note = JSON.parse(line) as { note_id: string; note_text: string; entities: unknown[] };
      lines.push(JSON.stringify({ id: note.note_id, split, text: note.note_text, entities: note.entities }));
    }
  }
  writeFileSync(`${dataDir}pii/eds-pseudo.jsonl.gz`, gzipSync(`${lines.join('\n')}\n`));
  console.log(`pii/eds-pseudo.jsonl.gz: ${lines.length} notes`);
}
