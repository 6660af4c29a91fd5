import { describe, expect, it } from 'vitest';
import { findIdentifiers } from './index';

const KNOWN_WORDS = new Set([
  'et',
  'cherche',
  'une',
  'formation',
  'pres',
  'de',
  'la',
  'des',
  'souhaite',
  'a',
  'le',
]);

function found(text: string, kind?: string): string[] {
  return findIdentifiers(text, KNOWN_WORDS)
    .filter((s) => kind === undefined || s.kind === kind)
    .map((s) => text.slice(s.start, s.end));
}

describe('phone numbers', () => {
  it.each([
    '06 12 34 56 78',
    '06.12.34.56.78',
    '06-12-34-56-78',
    '0612345678',
    '01 45 67 89 12',
    '+33 6 12 34 56 78',
    '+33 (0)6 12 34 56 78',
    '0033 6 12 34 56 78',
    '+33612345678',
  ])('finds %s', (phone) => {
    expect(found(`joindre au ${phone}, merci`, 'phone')).toEqual([phone]);
  });

  it('finds a number glued to the word before', () => {
    expect(found('portable:0612345678', 'phone')).toEqual(['0612345678']);
  });

  it.each([
    'CACES R489 catégories 1, 3 et 5',
    'formation de 400 h, 12 500 €',
    'habite 44000 Nantes',
    'entrée le 01/09/2025',
    'niveau 5, 35 h par semaine, 2 ans',
    'code ROME M1607',
  ])('leaves other numbers: %s', (text) => {
    expect(found(text, 'phone')).toEqual([]);
  });
});

describe('e-mail addresses', () => {
  it('finds ordinary and accented addresses', () => {
    expect(found('écrire à julie.martin@gmail.com ou k.benali75@hotmail.fr.', 'email')).toEqual([
      'julie.martin@gmail.com',
      'k.benali75@hotmail.fr',
    ]);
    expect(found('contact: élodie.dupré@exemple.fr', 'email')).toEqual(['élodie.dupré@exemple.fr']);
  });

  it('needs a domain', () => {
    expect(found('réunion @ 10h, voir @julie', 'email')).toEqual([]);
  });
});

describe('postal addresses', () => {
  it.each([
    ['habite 12 rue des Lilas 44000 Nantes', '12 rue des Lilas'],
    ['au 3 bis avenue Jean Jaurès, Lyon', '3 bis avenue Jean Jaurès'],
    ['domicile : 3 bis avenue jean jaurès, Lyon', '3 bis avenue jean jaurès'],
    ['au 8, boulevard de la Liberté à Lille', '8, boulevard de la Liberté'],
    ['45 bd Voltaire 75011 Paris', '45 bd Voltaire'],
    ['sept allée des roses, 22000', 'sept allée des roses'],
    ['lieu-dit Le Moulin Neuf, 29', 'lieu-dit Le Moulin Neuf'],
    ['19 AVENUE DE LA REPUBLIQUE, STUDIO 25, Boulogne', '19 AVENUE DE LA REPUBLIQUE, STUDIO 25'],
    ['habite place du Marché à Vannes', 'place du Marché'],
  ])('finds the street in "%s"', (text, street) => {
    expect(found(text, 'address')).toEqual([street]);
  });

  it('stops before ordinary words that follow a lowercase street name', () => {
    expect(found('12 rue des lilas et cherche une formation', 'address')).toEqual(['12 rue des lilas']);
  });

  it.each([
    '2 cours de yoga par semaine',
    '3 places disponibles en formation',
    '1 place de parking',
    'formation de 2 jours dans le domaine de la santé',
    'lotissement en construction',
  ])('leaves street words used as ordinary nouns: %s', (text) => {
    expect(found(text, 'address')).toEqual([]);
  });
});

describe('identity documents and birth dates', () => {
  it('finds a document number after its keyword, keyword excluded', () => {
    expect(found('passeport n° 12AB34567, arrivé récemment', 'identity_document')).toEqual(['12AB34567']);
    expect(found('CNI 123456789012 valide', 'identity_document')).toEqual(['123456789012']);
    expect(found("carte d'identité : X4RTBPFW4", 'identity_document')).toEqual(['X4RTBPFW4']);
  });

  it('ignores the same shapes without a keyword, and keywords without a number', () => {
    expect(found('référence 12AB34567', 'identity_document')).toEqual([]);
    expect(found("pas de pièce d'identité valide pour l'instant", 'identity_document')).toEqual([]);
  });

  it('finds a date only after a birth cue', () => {
    expect(found('née le 14/05/1990, cherche BTS', 'birth_date')).toEqual(['14/05/1990']);
    expect(found('Né le 3 mars 1988 à Lyon', 'birth_date')).toEqual(['3 mars 1988']);
    expect(found('date de naissance : 01-02-85', 'birth_date')).toEqual(['01-02-85']);
    expect(found('entrée en formation le 14/05/2025', 'birth_date')).toEqual([]);
  });
});
