import { describe, expect, it } from 'vitest';
import { startsWithVerb, trainingTitle } from './certifications';
import { createRandom } from './random';

describe('startsWithVerb', () => {
  it('recognises skill statements', () => {
    for (const skill of [
      'Réaliser des ouvertures',
      'Accueillir une clientèle',
      'Connaître les normes',
      'Mettre en place',
    ]) {
      expect(startsWithVerb(skill), skill).toBe(true);
    }
  });

  it('does not take nouns that end like infinitives for verbs', () => {
    for (const knowledge of [
      'Techniques de soudage',
      'Lecture de plans',
      'Inventaire',
      'Dossier client',
      'Cadre réglementaire',
    ]) {
      expect(startsWithVerb(knowledge), knowledge).toBe(false);
    }
  });
});

describe('trainingTitle', () => {
  const labels = [
    'Titre professionnel agent de restauration',
    'CAP accompagnant éducatif petite enfance',
    'Licence professionnelle métiers du commerce',
    'CQP ouvrier professionnel en pierre sèche',
    'Certificat de spécialisation hydraulique agricole',
    'Réaliser des travaux de peinture',
    'Manager de la chaîne logistique',
  ];

  it('keeps the certification recognisable in every variant', () => {
    const random = createRandom(4);
    for (const label of labels) {
      const core = label.replace(/^titre professionnel\s+/i, '').toLowerCase();
      for (let i = 0; i < 50; i++) expect(trainingTitle(random, label).toLowerCase()).toContain(core);
    }
  });

  it('varies the wording as producers do, with the right article', () => {
    const random = createRandom(8);
    const titles = (label: string) =>
      new Set(Array.from({ length: 100 }, () => trainingTitle(random, label)));
    expect(titles(labels[0] ?? '')).toContain('TP Agent de restauration');
    expect(titles(labels[1] ?? '')).toContain(`Préparation au ${labels[1]}`);
    expect(titles(labels[2] ?? '')).toContain(`Préparation à la ${labels[2]}`);
    expect(titles(labels[5] ?? '')).toContain('Formation : réaliser des travaux de peinture');
  });
});
