export { GUARDRAIL_CATEGORIES, GUARDRAIL_DECISIONS } from './categories';
export {
  type CategoryScore,
  evaluateLabelledSet,
  evaluatePii,
  LABELLED_SETS,
  type LabelledPrompt,
  type LabelledSetReport,
  loadLabelledPrompts,
  loadPiiNotes,
  PII_IDENTIFIER_LABELS,
  type PiiNote,
  type PiiReport,
} from './evaluate';
export { compileGuardrail, loadGuardrail } from './guardrail';
export { createNaiveBaseline, loadNaiveBaseline, type NaiveTerm } from './naive-baseline';
export { PLACEHOLDERS, withoutPlaceholders } from './redact';
export { type GuardrailSources, readGuardrailSources } from './sources';
export type {
  Guardrail,
  GuardrailCategory,
  GuardrailDecision,
  GuardrailFinding,
  GuardrailResult,
} from './types';
