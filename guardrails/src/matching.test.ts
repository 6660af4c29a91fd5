import { describe, expect, it } from 'vitest';
import { foldToken } from './fold';
import { parseTermFile } from './term-file';
import { keySequences } from './term-matcher';
import { tokenise } from './tokenise';
import { isOneEditApart, TypoIndex } from './typo-index';

const key = (word: string) =>
  tokenise(word)
    .map((t) => t.key)
    .join(' ');

describe('folding', () => {
  it('brings plural and feminine forms onto the masculine singular', () => {
    const families = [
      ['divorcé', 'divorcée', 'divorcés', 'divorcées'],
      ['musulman', 'musulmane', 'musulmanes'],
      ['infirmier', 'infirmière', 'infirmières'],
      ['éducateur', 'éducatrice', 'éducatrices'],
      ['chômeur', 'chômeuse'],
      ['juif', 'juive', 'juives'],
      ['chrétien', 'chrétienne'],
      ['hôpital', 'hôpitaux'],
      ['élu', 'élue', 'élus'],
      ['diabète', 'diabette'],
    ];
    for (const family of families) {
      expect(new Set(family.map(key)).size, family.join('/')).toBe(1);
    }
  });

  it('leaves words under four letters alone', () => {
    for (const word of ['une', 'sa', 'ses', 'il', 'des']) expect(foldToken(word)).toBe(word);
  });
});

describe('tokenising', () => {
  it('splits elisions and hyphens, strips accents and keeps offsets', () => {
    const text = "L'Hôpital — séro-positif, qu’il";
    const tokens = tokenise(text);
    expect(tokens.map((t) => t.norm)).toEqual(['l', 'hopital', 'sero', 'positif', 'qu', 'il']);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual([
      'L',
      'Hôpital',
      'séro',
      'positif',
      'qu',
      'il',
    ]);
    expect(tokens.map((t) => t.hyphenNext)).toEqual([false, false, true, false, false, false]);
    expect(tokens.map((t) => t.clauseStart)).toEqual([true, false, true, false, true, false]);
  });
});

describe('term lists', () => {
  it('parses comments, ambiguous markers and the number placeholder', () => {
    const lines = parseTermFile('# comment\n\ndiabète\n~voile   # sailing too\nmère de {nombre} enfants\n');
    expect(lines).toEqual([
      { phrase: 'diabète', weak: false },
      { phrase: 'voile', weak: true },
      { phrase: 'mère de {nombre} enfants', weak: false },
    ]);
    expect(keySequences('mère de {nombre} enfants')).toEqual([[key('mère'), key('de'), '#', key('enfants')]]);
    expect(key('enfants')).toBe(key('enfant'));
    expect(keySequences('burn-out')).toEqual([['burn', 'out'], ['burnout']]);
  });
});

describe('typo index', () => {
  it('tells one edit from two', () => {
    expect(isOneEditApart('depresion', 'depression')).toBe(true);
    expect(isOneEditApart('deprseion', 'depression')).toBe(false);
    expect(isOneEditApart('bipolarie', 'bipolaire')).toBe(true);
    expect(isOneEditApart('schyzophren', 'schizophren')).toBe(true);
    expect(isOneEditApart('cancer', 'cancer')).toBe(false);
  });

  it('finds every vocabulary word one edit away', () => {
    const index = new TypoIndex(['depression', 'bipolaire', 'diabet', 'obesit']);
    expect(index.lookup('depresion')).toEqual(['depression']);
    expect(index.lookup('bipolaiire')).toEqual(['bipolaire']);
    expect(index.lookup('diabte')).toEqual(['diabet']);
    expect(index.lookup('formation')).toEqual([]);
  });
});
