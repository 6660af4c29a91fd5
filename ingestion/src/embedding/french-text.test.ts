import { describe, expect, it } from 'vitest';
import { charNgrams, FrenchAnalyzer, normalizeFrench, stemFrench } from './french-text.js';

const analyzer = new FrenchAnalyzer();
const stems = (text: string) => analyzer.words(text).map(stemFrench);

describe('normalizeFrench', () => {
  it('lowercases and removes accents, cedillas and ligatures', () => {
    expect(normalizeFrench('Éducatrice SPÉCIALISÉE, garçon, Œuvre, ex æquo')).toBe(
      'educatrice specialisee, garcon, oeuvre, ex aequo',
    );
  });
});

describe('FrenchAnalyzer.words', () => {
  it('drops elided articles and pronouns, with straight or typographic apostrophes', () => {
    expect(analyzer.words("L'aide-soignant d’une équipe qu'il dirige jusqu'à l'hôpital")).toEqual([
      'aide',
      'soignant',
      'equipe',
      'dirige',
      'hopital',
    ]);
  });

  it('splits on anything that is not a letter or digit, keeping digits', () => {
    expect(analyzer.words('CACES R489 (cat. 3) / Bac+2 : soudure-TIG')).toEqual([
      'caces',
      'r489',
      'cat',
      'bac',
      'soudure',
      'tig',
    ]);
  });

  it('drops stop words and one-letter tokens', () => {
    expect(analyzer.words('Pour les personnes âgées et des entreprises à la campagne')).toEqual([
      'personnes',
      'agees',
      'entreprises',
      'campagne',
    ]);
  });
});

describe('stemFrench', () => {
  it('gives plural and feminine forms the stem of the masculine singular', () => {
    expect(stems('aides-soignantes')).toEqual(stems('aide-soignant'));
    expect(stems('infirmières infirmiers')).toEqual(stems('infirmier infirmier'));
    expect(stems('boulangère cuisinière éducatrice')).toEqual(stems('boulanger cuisinier éducateur'));
    expect(stems('vendeuses formatrices conductrice')).toEqual(stems('vendeur formateur conducteur'));
    expect(stems('rigoureuses')).toEqual(stems('rigoureux'));
  });

  it('gives a word written in capitals without its accents the same stem', () => {
    const pairs = [
      ['INFIRMIERE', 'infirmière'],
      ['COMPTABILITE', 'comptabilité'],
      ['AGREEES', 'agréées'],
      ['SECURITE', 'sécurité'],
      ['ELECTRICIENNE', 'électricienne'],
      ['BOULANGERE', 'boulangère'],
    ];
    for (const [capitals, accented] of pairs)
      expect(stems(capitals as string)).toEqual(stems(accented as string));
  });

  it('keeps unrelated words apart', () => {
    expect(stemFrench('soignant')).not.toBe(stemFrench('signal'));
    expect(stemFrench('informatique')).not.toBe(stemFrench('information'));
    expect(stemFrench('repere')).not.toBe(stemFrench('repas'));
  });
});

describe('charNgrams', () => {
  it('marks word boundaries', () => {
    expect(charNgrams('aide', 4)).toEqual(['_aid', 'aide', 'ide_']);
    expect(charNgrams('ia', 4)).toEqual(['_ia_']);
    expect(charNgrams('a', 4)).toEqual(['_a_']);
  });

  it('lets a one-letter typo keep most n-grams of the start of the word', () => {
    const right = new Set(charNgrams('soignant', 4));
    const shared = charNgrams('soignnat', 4).filter((gram) => right.has(gram));
    expect(shared).toEqual(['_soi', 'soig', 'oign']);
  });
});

describe('FrenchAnalyzer.wordFeatures', () => {
  it('gives the stem and the n-grams of the size asked for', () => {
    const trigrams = new FrenchAnalyzer({ charGramSize: 3 });
    expect(trigrams.wordFeatures('soins')).toEqual({
      stem: stemFrench('soins'),
      charGrams: ['_so', 'soi', 'oin', 'ins', 'ns_'],
    });
  });

  it('uses the stop words it is given', () => {
    expect(new FrenchAnalyzer({ stopWords: ['formation'] }).words('formation de soudeur')).toEqual([
      'de',
      'soudeur',
    ]);
  });
});
