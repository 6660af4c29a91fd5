import type { GuardrailCategory, GuardrailDecision } from './categories';

export type { GuardrailCategory, GuardrailDecision } from './categories';

export interface GuardrailFinding {
  readonly category: GuardrailCategory;
  /** Offsets in the original text, UTF-16 code units, end exclusive. */
  readonly start: number;
  readonly end: number;
  /** 'term', 'term_typo', 'nir', 'phone', 'email', 'iban', 'address', 'identity_document', 'birth_date', 'first_name', 'last_name'. */
  readonly kind?: string;
  /** French hint for the counsellor. */
  readonly suggestion?: string;
}

export interface GuardrailResult {
  readonly decision: GuardrailDecision;
  readonly categories: GuardrailCategory[];
  readonly findings: GuardrailFinding[];
  /** The text with identifier and name spans replaced by placeholders, the rest unchanged. */
  readonly redacted: string;
}

export interface Guardrail {
  check(text: string): GuardrailResult;
}
