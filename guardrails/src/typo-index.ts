/**
 * One-typo lookup over a fixed vocabulary (SymSpell-style deletion neighbourhood): every word and
 * every form of it with one letter deleted is indexed once, so a query costs a handful of map
 * lookups instead of a scan. Covers one insertion, deletion, substitution or transposition.
 */
export class TypoIndex {
  private readonly byVariant = new Map<string, string[]>();

  constructor(words: Iterable<string>) {
    for (const word of words) {
      for (const variant of [word, ...deletions(word)]) {
        const list = this.byVariant.get(variant);
        if (!list) this.byVariant.set(variant, [word]);
        else if (!list.includes(word)) list.push(word);
      }
    }
  }

  /** Vocabulary words at edit distance exactly 1 from `query`. */
  lookup(query: string): string[] {
    const found: string[] = [];
    for (const variant of [query, ...deletions(query)]) {
      for (const word of this.byVariant.get(variant) ?? []) {
        if (word !== query && !found.includes(word) && isOneEditApart(query, word)) found.push(word);
      }
    }
    return found;
  }
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Optimal-string-alignment distance ≤ 1, without building the matrix. */
export function isOneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
