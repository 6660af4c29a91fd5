import type { GuardrailCategory, GuardrailFinding } from '@reco/contracts';
import { CATEGORY_HINTS, CATEGORY_LABELS } from '../../i18n/labels';

/** A piece of the counsellor's text: plain, or a span the guardrail found risky. */
export interface Segment {
  text: string;
  start: number;
  finding?: GuardrailFinding;
}

/**
 * The text cut into plain and risky segments, for the highlighted mirror. Spans outside the text
 * (it changed since the check) are clipped; a span overlapping an earlier one is merged into it.
 */
export function highlightSegments(text: string, findings: readonly GuardrailFinding[]): Segment[] {
  const spans = findings
    .map((finding) => ({
      ...finding,
      start: Math.max(0, finding.start),
      end: Math.min(text.length, finding.end),
    }))
    .filter((finding) => finding.end > finding.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const segments: Segment[] = [];
  let position = 0;
  for (const span of spans) {
    if (span.start < position) {
      // Overlap: extend the previous risky segment instead of cutting it.
      const last = segments.at(-1);
      if (last?.finding && span.end > position) {
        last.text = text.slice(last.start, span.end);
        last.finding = { ...last.finding, end: span.end };
        position = span.end;
      }
      continue;
    }
    if (span.start > position) segments.push({ text: text.slice(position, span.start), start: position });
    segments.push({ text: text.slice(span.start, span.end), start: span.start, finding: span });
    position = span.end;
  }
  if (position < text.length) segments.push({ text: text.slice(position), start: position });
  return segments;
}

/** One live alert: a category, the words that raised it, and how to rephrase. */
export interface CategoryAlert {
  category: GuardrailCategory;
  label: string;
  words: string[];
  suggestion: string;
  /** Identifiers are masked before anything is sent or kept: a warning, not a refusal. */
  masked: boolean;
}

/** The findings grouped by category, in the order they first appear in the text. */
export function alertsByCategory(
  text: string,
  findings: readonly GuardrailFinding[],
  categories: readonly GuardrailCategory[] = [],
): CategoryAlert[] {
  const alerts = new Map<GuardrailCategory, CategoryAlert>();
  const ensure = (category: GuardrailCategory) => {
    let alert = alerts.get(category);
    if (!alert) {
      alert = {
        category,
        label: CATEGORY_LABELS[category],
        words: [],
        suggestion: CATEGORY_HINTS[category],
        masked: category === 'identifier',
      };
      alerts.set(category, alert);
    }
    return alert;
  };
  for (const finding of [...findings].sort((a, b) => a.start - b.start)) {
    const alert = ensure(finding.category);
    const word = text.slice(finding.start, finding.end).trim();
    if (word && !alert.words.includes(word)) alert.words.push(word);
    if (finding.suggestion) alert.suggestion = finding.suggestion;
  }
  for (const category of categories) ensure(category);
  return [...alerts.values()];
}
