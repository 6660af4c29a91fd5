import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { SENSITIVE_CATEGORIES, type SensitiveCategory } from './categories';
import type { NameLexicon } from './names';
import { nameKey } from './names';
import { type GuardrailPolicy, parsePolicy } from './policy';
import { parseTermFile, type TermLine } from './term-file';
import type { TermLists } from './term-matcher';
import { tokenise } from './tokenise';

/** The guardrails/ folder: terms/, policy/ and data/ live there. */
export const DEFAULT_GUARDRAIL_DIR = fileURLToPath(new URL('../', import.meta.url));

/** Everything the guardrail is compiled from, as read from the reviewable files. */
export interface GuardrailSources {
  readonly terms: TermLists;
  readonly names: NameLexicon;
  readonly policy: GuardrailPolicy;
}

export function readGuardrailSources(dir: string = DEFAULT_GUARDRAIL_DIR): GuardrailSources {
  const text = (path: string) => readFileSync(join(dir, path), 'utf8');
  const gzLines = (path: string) =>
    gunzipSync(readFileSync(join(dir, path)))
      .toString('utf8')
      .split('\n');
  const phrases = (path: string) => parseTermFile(text(path)).map((l) => l.phrase);

  const sensitive = Object.fromEntries(
    SENSITIVE_CATEGORIES.map((c) => [c, parseTermFile(text(`terms/${c}.txt`))]),
  ) as Record<SensitiveCategory, TermLine[]>;
  const knownWords = new Set<string>();
  for (const line of gzLines('data/french-words.txt.gz')) if (line) knownWords.add(line);
  for (const token of tokenise(text('data/french-function-words.txt').replace(/^#.*$/gm, ''))) {
    knownWords.add(token.norm);
  }
  const terms: TermLists = {
    sensitive,
    jobContext: [
      ...phrases('terms/job-context.txt'),
      ...gzLines('data/rome-job-titles.txt.gz').filter(Boolean),
    ],
    jobCues: phrases('terms/job-cues.txt'),
    personalCues: phrases('terms/personal-cues.txt'),
    knownWords,
  };

  // Words that only the sensitive lists know ("rqth", "bipolaire"): ordinary words are handled as such.
  const sensitiveWords = new Set<string>();
  for (const lines of Object.values(sensitive)) {
    for (const { phrase } of lines) {
      for (const t of tokenise(phrase))
        if (t.norm.length >= 3 && !knownWords.has(t.norm)) sensitiveWords.add(t.norm);
    }
  }
  const nameLines = (path: string) => parseTermFile(text(path)).map((l) => nameKey(l.phrase));
  const names: NameLexicon = {
    firstNames: new Set(nameLines('data/first-names.txt')),
    ambiguousFirstNames: new Set(nameLines('data/ambiguous-first-names.txt')),
    ordinaryWords: knownWords,
    sensitiveWords,
  };
  return { terms, names, policy: parsePolicy(text('policy/decisions.json')) };
}
