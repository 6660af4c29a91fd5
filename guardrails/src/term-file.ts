/** One entry of a term list (terms/<category>.txt, job-context.txt, the cue lists). */
export interface TermLine {
  /** The expression as written, without its marker: "sortie de prison", "mère de {nombre} enfants". */
  readonly phrase: string;
  /** Written "~terme": ambiguous, reported only after a personal cue. */
  readonly weak: boolean;
}

/** Placeholder for any number, in figures or in words. */
export const NUMBER_PLACEHOLDER = '{nombre}';

/** Reads a plain term list: one expression per line, `#` starts a comment, `~` marks an ambiguous term. */
export function parseTermFile(content: string): TermLine[] {
  const lines: TermLine[] = [];
  for (const raw of content.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line === '') continue;
    const weak = line.startsWith('~');
    const phrase = (weak ? line.slice(1) : line).trim();
    if (phrase !== '') lines.push({ phrase, weak });
  }
  return lines;
}
