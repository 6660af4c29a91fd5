import { describe, expect, it } from 'vitest';
import { loadGuardrail } from './guardrail';

const guardrail = loadGuardrail();
const categories = (text: string) => guardrail.check(text).categories;

describe('sensitive terms', () => {
  it('blocks a personal situation in each category', () => {
    expect(categories('Elle est enceinte et cherche une formation')).toEqual(['health']);
    expect(categories('Mère célibataire, disponible 9h-16h')).toEqual(['family']);
    expect(categories('Bénéficiaire du RSA depuis 3 ans')).toEqual(['social_situation']);
    expect(categories('Sortie de prison en mars')).toEqual(['criminal']);
    expect(categories('Demandeur d’asile, en attente de réponse')).toEqual(['origin']);
    expect(categories('Elle porte le voile')).toEqual(['religion']);
    expect(categories('Militant LFI très engagé')).toEqual(['political']);
    expect(categories('Délégué syndical CGT')).toEqual(['union']);
    expect(categories('Personne transgenre, cherche formation')).toEqual(['sexual_life']);
    expect(guardrail.check('Il souffre de dépression').decision).toBe('block');
  });

  it('matches whatever the case, accents, elisions, plural, feminine and hyphens', () => {
    for (const text of [
      'DEPRESSION depuis deux ans',
      "suivi pour l'épilepsie",
      'elle est divorcée',
      'ils sont divorcés',
      'Diabétiques tous les deux',
      'après un burn out',
      'après un burnout',
      'après un burn-out',
      'elle est sero-positive',
      'Mère de 3 enfants',
      'mère de trois enfants',
    ]) {
      expect(categories(text), text).not.toEqual([]);
    }
  });

  it('corrects one typo on long words only', () => {
    expect(guardrail.check('il souffre de depresion').findings.map((f) => f.kind)).toEqual(['term_typo']);
    expect(categories('diabette de type 2')).toEqual(['health']);
    expect(categories('Il est schyzophrène, stabilisé')).toEqual(['health']);
    // Short words are not corrected: "sida" is no typo of "sita".
    expect(categories('logiciel SITA pour agent de piste')).toEqual([]);
  });

  it('reports ambiguous (~) terms only after a personal cue or at the start of a sentence', () => {
    expect(categories('moniteur de voile, BPJEPS voile')).toEqual([]);
    expect(categories('elle porte le foulard au travail')).toEqual(['religion']);
    expect(categories('Cuisinier, formation cuisine halal')).toEqual([]);
    expect(categories('Greffé du rein, ne peut pas travailler au froid')).toEqual(['health']);
  });
});

describe('job and domain uses of sensitive words', () => {
  it.each([
    "Formation d'aide-soignant à Lyon",
    'Cherche une formation dans les métiers du handicap',
    'Devenir éducateur spécialisé auprès de personnes handicapées',
    'Reconversion : veut devenir surveillant pénitentiaire',
    'Souhaite devenir assistante sociale',
    'infirmier en psychiatrie depuis 10 ans',
    'Formation secourisme PSC1',
    'Intéressé par le métier d’agent funéraire',
    'animateur en EHPAD, BPJEPS animation sociale',
    'CAP accompagnant éducatif petite enfance',
    'Projet auxiliaire de puériculture',
    'Médiateur social en quartier prioritaire',
    'travailler avec des enfants autistes, formation educateur',
    'Concours CPIP (conseiller pénitentiaire d’insertion et de probation)',
    'professeur de judo, ceinture noire',
    'Interprète en langue arabe pour l’OFPRA',
    'Juriste en droit social, relations avec les syndicats',
    'Moniteur d’atelier en ESAT',
  ])('allows "%s"', (text) => {
    expect(guardrail.check(text).decision).toBe('allow');
  });

  it('still blocks the person next to the job', () => {
    expect(categories('Elle veut devenir aide-soignante mais elle est diabétique')).toEqual(['health']);
    expect(categories('Ancien infirmier, il est suivi en psychiatrie')).toEqual(['health']);
    expect(categories('Son fils est autiste, elle veut travailler auprès d’enfants autistes')).toEqual([
      'health',
      'family',
    ]);
  });

  it('does not let a job cue reach across a clause', () => {
    expect(categories('Cherche une formation. Dépression l’an dernier.')).toEqual(['health']);
    expect(categories('formation courte, diabétique')).toEqual(['health']);
  });
});
