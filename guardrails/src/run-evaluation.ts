/**
 * Prints the guardrail's figures next to the naive baseline's: per-category precision / recall / F1
 * on the labelled counsellor requests, and identifier recall / leak rate on AP-HP EDS-Pseudo.
 *
 *   npx tsx guardrails/src/run-evaluation.ts [--mismatches]
 */
import { GUARDRAIL_CATEGORIES } from './categories';
import {
  BIRTH_DATE_LABEL,
  evaluateLabelledSet,
  evaluatePii,
  LABELLED_SETS,
  type LabelledSetReport,
  loadLabelledPrompts,
  loadPiiNotes,
  type PiiReport,
} from './evaluate';
import { loadGuardrail } from './guardrail';
import { loadNaiveBaseline } from './naive-baseline';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);
const num = (x: number) => x.toFixed(3);

const sets = Object.keys(LABELLED_SETS) as (keyof typeof LABELLED_SETS)[];
const notes = loadPiiNotes();
const systems = [
  ['guardrail', loadGuardrail()],
  ['naive baseline', loadNaiveBaseline()],
] as const;

for (const [name, system] of systems) {
  for (const set of sets)
    printLabelled(`${name}, ${set} set`, evaluateLabelledSet(system, loadLabelledPrompts(set)));
  printPii(name, 'identifiers', evaluatePii(system, notes));
  for (const split of ['generated', 'public_train', 'public_dev']) {
    printPii(
      name,
      `identifiers, ${split} split`,
      evaluatePii(
        system,
        notes.filter((n) => n.split === split),
      ),
    );
  }
  printPii(name, 'birth dates', evaluatePii(system, notes, [BIRTH_DATE_LABEL]));
}

function printLabelled(name: string, r: LabelledSetReport): void {
  console.log(`\n== ${name}: labelled requests (${r.items})`);
  console.log('category           support  precision  recall     F1');
  for (const c of GUARDRAIL_CATEGORIES) {
    const s = r.perCategory[c];
    console.log(
      `${c.padEnd(18)} ${String(s.support).padStart(7)}  ${num(s.precision).padStart(9)}  ${num(s.recall).padStart(6)}  ${num(s.f1).padStart(5)}`,
    );
  }
  console.log(`macro-F1 ${num(r.macroF1)}   decision accuracy ${pct(r.decisionAccuracy)}`);
  console.log(
    `hard negatives blocked: ${r.hardNegatives.blockedIds.length} / ${r.hardNegatives.total} ${r.hardNegatives.blockedIds.join(' ')}`,
  );
  if (process.argv.includes('--mismatches')) {
    for (const m of r.mismatches) {
      console.log(
        `  ${m.id}: expected ${m.expected.decision} [${m.expected.categories.join(',')}] got ${m.got.decision} [${m.got.categories.join(',')}]`,
      );
    }
  }
}

function printPii(name: string, what: string, r: PiiReport): void {
  console.log(`\n== ${name}: EDS-Pseudo ${what} (${r.notes} notes, ${r.spans} spans)`);
  console.log(`recall ${pct(r.recall)}   leak rate ${pct(r.leakRate)}`);
  if (what.startsWith('identifiers')) {
    console.log(
      `identifier findings ${r.identifierFindings}, of which overlapping no labelled entity ${r.spuriousFindings}`,
    );
  }
  for (const [label, t] of Object.entries(r.perLabel)) {
    console.log(
      `  ${label.padEnd(15)} ${String(t.spans).padStart(5)} spans  recall ${pct(t.recall)}  leak ${pct(t.leakRate)}`,
    );
  }
}
