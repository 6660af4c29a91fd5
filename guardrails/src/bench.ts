/**
 * Throughput of the compiled guardrail against the naive baseline (one case-insensitive substring
 * search per term), on realistic ~300-character counsellor requests, with the real term lists
 * padded to at least 2,000 terms.
 *
 *   npx tsx guardrails/src/bench.ts
 */
import { SENSITIVE_CATEGORIES, type SensitiveCategory } from './categories';
import { compileGuardrail } from './guardrail';
import { createNaiveBaseline, type NaiveTerm } from './naive-baseline';
import { readGuardrailSources } from './sources';
import type { TermLine } from './term-file';
import type { Guardrail } from './types';

const MIN_TERMS = 2000;
const PROMPTS = 500;
const TARGET_LENGTH = 300;

/** Qualifiers that turn a real term into a plausible longer one ("diabète sévère", "dépression chronique"). */
const QUALIFIERS = [
  'chronique',
  'sévère',
  'ancien',
  'récent',
  'déclaré',
  'diagnostiqué',
  'reconnu',
  'avéré',
  'léger',
  'lourd',
];

const FRAGMENTS = {
  opener: [
    'Reconversion vers la logistique,',
    'DE depuis 14 mois, ancienne vendeuse,',
    'Jeune de 23 ans sans diplôme,',
    'Ancien cariste,',
    'Mme souhaite se reconvertir,',
    'Projet validé en entretien :',
    'Suite à un licenciement économique,',
    'M. Durand, 06 12 34 56 78,',
    'Elle est enceinte de 4 mois,',
    'Il souffre de depresion depuis 2 ans,',
    'Mère célibataire de 2 enfants,',
    'Bénéficiaire du RSA,',
    'Sortie de prison en mars,',
  ],
  goal: [
    'cherche une formation courte en comptabilité',
    'veut devenir éducateur spécialisé auprès de personnes handicapées',
    'souhaite passer le CACES R489 catégories 1, 3 et 5',
    'vise un titre professionnel de secrétaire assistant',
    'aimerait une formation de développeur web en alternance',
    'veut travailler dans les métiers du handicap',
    'cherche un CAP cuisine pour adultes',
    'souhaite devenir infirmier en psychiatrie',
    "cherche une formation d'aide-soignant",
    'veut se former à la soudure TIG et MIG',
  ],
  constraint: [
    'disponible uniquement de 9 h à 16 h',
    'sans permis B, accessible en transports en commun',
    'financement CPF et AIF possible',
    'formation à distance de préférence',
    'pas de port de charges lourdes',
    'démarrage souhaité avant septembre',
    'rémunération pendant la formation indispensable',
    'mobile dans un rayon de 30 km',
    'niveau bac, bon niveau en anglais',
  ],
  place: [
    'près de Nantes',
    'secteur Lyon Est',
    'autour de Lille ou Douai',
    'à Saint-Étienne ou Clermont-Ferrand',
    'en Île-de-France',
    'dans le Finistère',
    'habite 12 rue des Lilas 44000 Nantes',
    'région bordelaise',
  ],
};

/** Deterministic pseudo-random numbers, so that runs compare. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makePrompts(count: number): string[] {
  const random = mulberry32(42);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)] as string;
  const prompts: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = `${pick(FRAGMENTS.opener)} ${pick(FRAGMENTS.goal)}, ${pick(FRAGMENTS.constraint)}, ${pick(FRAGMENTS.place)}.`;
    while (text.length < TARGET_LENGTH - 40)
      text += ` Également ${pick(FRAGMENTS.constraint)}, ${pick(FRAGMENTS.goal)}.`;
    prompts.push(text.slice(0, TARGET_LENGTH));
  }
  return prompts;
}

function padTerms(
  real: Record<SensitiveCategory, readonly TermLine[]>,
): Record<SensitiveCategory, TermLine[]> {
  const padded = Object.fromEntries(SENSITIVE_CATEGORIES.map((c) => [c, [...real[c]]])) as Record<
    SensitiveCategory,
    TermLine[]
  >;
  const count = () => SENSITIVE_CATEGORIES.reduce((n, c) => n + padded[c].length, 0);
  for (const qualifier of QUALIFIERS) {
    for (const c of SENSITIVE_CATEGORIES) {
      for (const line of real[c]) {
        if (count() >= MIN_TERMS) return padded;
        padded[c].push({ phrase: `${line.phrase} ${qualifier}`, weak: line.weak });
      }
    }
  }
  return padded;
}

function measure(
  guardrail: Guardrail,
  prompts: readonly string[],
  seconds: number,
): { perSecond: number; micros: number } {
  for (let i = 0; i < 1000; i++) guardrail.check(prompts[i % prompts.length] as string);
  let checks = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 100; i++) guardrail.check(prompts[(checks + i) % prompts.length] as string);
    checks += 100;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { perSecond: checks / elapsed, micros: (elapsed * 1e6) / checks };
}

const sources = readGuardrailSources();
const sensitive = padTerms(sources.terms.sensitive);
const termCount = SENSITIVE_CATEGORIES.reduce((n, c) => n + sensitive[c].length, 0);
const compileStart = performance.now();
const guardrail = compileGuardrail({ ...sources, terms: { ...sources.terms, sensitive } });
const compileMs = performance.now() - compileStart;
const naiveTerms: NaiveTerm[] = SENSITIVE_CATEGORIES.flatMap((category) =>
  sensitive[category].map((l) => ({ category, phrase: l.phrase })),
);
const naive = createNaiveBaseline(naiveTerms, sources.policy);
const prompts = makePrompts(PROMPTS);
const meanLength = prompts.reduce((n, p) => n + p.length, 0) / prompts.length;

console.log(
  `terms: ${termCount} sensitive (padded from the real lists), plus cues, job expressions and ROME titles`,
);
console.log(
  `prompts: ${prompts.length}, mean length ${meanLength.toFixed(0)} characters; compile ${compileMs.toFixed(0)} ms`,
);
const fast = measure(guardrail, prompts, 3);
console.log(
  `guardrail       ${fast.perSecond.toFixed(0).padStart(8)} checks/s  ${fast.micros.toFixed(1).padStart(7)} µs/check`,
);
const slow = measure(naive, prompts, 2);
console.log(
  `naive baseline  ${slow.perSecond.toFixed(0).padStart(8)} checks/s  ${slow.micros.toFixed(1).padStart(7)} µs/check`,
);
console.log(`speed-up ×${(fast.perSecond / slow.perSecond).toFixed(1)}`);
