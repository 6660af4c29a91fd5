import { loadReferentials } from '@reco/referentials';
import { foldedWords } from './french-words';

const r = loadReferentials();
const apps = r.appellations();
const codesOfWord = new Map<string, Set<string>>();
const singles: [string, string, string][] = [];
for (const a of apps) {
  const parts = a.label.split(' / ');
  const L = foldedWords(parts[0]!);
  let words = L;
  if (parts[1]) {
    const R = foldedWords(parts[1]);
    let k = Math.min(L.length, R.length);
    for (; k > 0; k--) if (L.slice(L.length - k).join(' ') === R.slice(0, k).join(' ')) break;
    words = k ? [...L, ...R.slice(k)] : [...L, ...R.slice(1)];
  }
  for (const w of words) {
    const s = codesOfWord.get(w) ?? new Set();
    s.add(a.romeCode);
    codesOfWord.set(w, s);
  }
  if (words.length === 1) singles.push([words[0]!, a.romeCode, a.label]);
}
console.log('vocab', codesOfWord.size, 'singles', singles.length);
console.log(singles.map(([w, c, l]) => `${l}(${c},${codesOfWord.get(w)!.size})`).join('; '));
