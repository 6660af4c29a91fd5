/**
 * Catalogue text (titles, providers, descriptions) is written by third parties and reaches the model
 * as data. These functions make it impossible for that text to close or forge the delimiters the
 * prompt relies on, and blunt the classic "ignore the previous instructions" phrasing. The first
 * line of defence stays the delimiters and the system prompt's rule; this is the second.
 */

const ANGLE_BRACKETS: Record<string, string> = { '<': '‹', '>': '›' };

/** Control characters included: a newline inside a description could otherwise fake a new field. */
const WHITESPACE_RUN = /[\s\p{Cc}]+/gu;

const INSTRUCTION_LIKE = [
  /\b(?:ignore[zr]?|oublie[zr]?|ne\s+tene[zr]\s+(?:pas\s+)?compte\s+d[eu]s?)\b[^.!?]{0,60}?\b(?:instructions?|consignes?|règles?|directives?)\b(?:\s+(?:précédentes?|ci-dessus|antérieures?|du\s+système))?/giu,
  /\b(?:ignore|disregard|forget)\b[^.!?]{0,60}?\b(?:instructions?|prompts?|rules?)\b/giu,
];

export const REMOVED_INSTRUCTION_MARKER = '[consigne retirée]';

/** One line of plain text: no angle brackets, no line breaks, no instruction-like phrasing. */
export function neutraliseInline(text: string): string {
  let neutral = text.replace(/[<>]/g, (bracket) => ANGLE_BRACKETS[bracket] ?? bracket);
  for (const pattern of INSTRUCTION_LIKE) neutral = neutral.replace(pattern, REMOVED_INSTRUCTION_MARKER);
  return neutral.replace(WHITESPACE_RUN, ' ').trim();
}

/** Cut at a word boundary when one is close, so the model never reads half a word as a fact. */
export function capLength(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, Math.max(0, maxChars - 1));
  const lastSpace = cut.lastIndexOf(' ');
  const clean = lastSpace >= cut.length * 0.8 ? cut.slice(0, lastSpace) : cut;
  return `${clean.trimEnd()}…`;
}

/**
 * How an offer id is written inside `id="…"`. Ids come from producers' references, so quotes and
 * brackets are replaced; grounding maps the model's answer back through this same function.
 */
export function promptIdOf(offerId: string): string {
  return neutraliseInline(offerId).replace(/"/g, "'");
}
