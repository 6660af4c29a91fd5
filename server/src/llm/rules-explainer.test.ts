import type { SuggestionFacts } from '@reco/contracts';
import { describe, expect, it } from 'vitest';
import { explainByRules } from './rules-explainer';

const careJob = { code: 'J1501', label: "Soins d'hygiène, de confort du patient" };

function facts(overrides: Partial<SuggestionFacts> = {}): SuggestionFacts {
  return {
    distanceKm: 12.4,
    locationPrecision: 'point',
    nextSessionStart: '2027-01-05',
    durationHours: 1540,
    costEur: 0,
    cpf: true,
    modality: 'in_person',
    matchedRomeCodes: [careJob],
    matchedSkills: [],
    certification: { label: "Diplôme d'État d'aide-soignant", level: 4 },
    ...overrides,
  };
}

const noTargets = { targetJobLabels: [] };

describe('rule-based explanations', () => {
  it('explain a certifying training from its verified facts', () => {
    const text = explainByRules(
      { kind: 'training', title: "Diplôme d'État d'aide-soignant", city: 'Nantes', facts: facts() },
      noTargets,
    );
    expect(text).toBe(
      "Formation certifiante (niveau 4) visant le métier « Soins d'hygiène, de confort du patient » (J1501), " +
        'à 12 km (Nantes), prochaine session le 5 janvier 2027, 1\u202f540\u00a0h, gratuite, éligible au CPF.',
    );
  });

  it('say what is not known rather than leave it out of a training', () => {
    const text = explainByRules(
      {
        kind: 'training',
        title: 'Cariste',
        facts: facts({
          certification: undefined,
          nextSessionStart: undefined,
          costEur: undefined,
          durationHours: undefined,
          cpf: false,
          locationPrecision: 'commune',
          distanceKm: 30,
          matchedRomeCodes: [],
        }),
      },
      noTargets,
    );
    expect(text).toBe('Formation, à environ 30 km, dates de session non communiquées, coût non communiqué.');
  });

  it('say when only the département is known', () => {
    const text = explainByRules(
      {
        kind: 'training',
        title: 'Titre professionnel',
        city: 'Nantes',
        facts: facts({ locationPrecision: 'departement', distanceKm: 38, costEur: 2400 }),
      },
      noTargets,
    );
    expect(text).toContain(
      'localisation connue au niveau du département uniquement (environ 38 km du centre du département)',
    );
    expect(text).toContain('coût 2\u202f400\u00a0€');
    expect(text).not.toContain('Nantes');
  });

  it('explain an online training', () => {
    const text = explainByRules(
      {
        kind: 'training',
        title: 'Bureautique',
        facts: facts({ locationPrecision: 'online', distanceKm: undefined, modality: 'remote' }),
      },
      noTargets,
    );
    expect(text).toContain('(J1501), à distance, prochaine session');
  });

  it('explain a free event with its place and date', () => {
    const text = explainByRules(
      {
        kind: 'event',
        title: 'Forum de recrutement des métiers du soin.',
        city: 'Nantes',
        facts: facts({
          nextSessionStart: '2027-02-11',
          durationHours: undefined,
          cpf: false,
          certification: undefined,
        }),
      },
      noTargets,
    );
    expect(text).toBe(
      'Événement gratuit à Nantes le 11 février 2027 : Forum de recrutement des métiers du soin. ' +
        "À 12 km, en lien avec le métier « Soins d'hygiène, de confort du patient » (J1501).",
    );
  });

  it('explain a remote workshop, partly or fully online', () => {
    const online = explainByRules(
      {
        kind: 'workshop',
        title: 'Réussir son entretien',
        facts: facts({
          locationPrecision: 'online',
          distanceKm: undefined,
          nextSessionStart: '2027-03-01',
          durationHours: 3,
          cpf: false,
          matchedRomeCodes: [],
        }),
      },
      noTargets,
    );
    expect(online).toBe(
      'Atelier gratuit à distance le 1er mars 2027 : Réussir son entretien. Durée 3\u00a0h.',
    );

    const blended = explainByRules(
      {
        kind: 'workshop',
        title: 'CV',
        city: 'Rezé',
        facts: facts({ modality: 'blended', nextSessionStart: undefined, costEur: 20 }),
      },
      noTargets,
    );
    expect(blended).toMatch(/^Atelier à Rezé : CV\. À 12 km, en partie à distance, date non communiquée,/);
    expect(blended).toContain('coût 20\u00a0€');
  });

  it('say when the match is by content only, and which skills are shared', () => {
    const text = explainByRules(
      {
        kind: 'training',
        title: 'Hygiène en structure',
        facts: facts({ matchedRomeCodes: [], matchedSkills: ['hygiène', 'accueil', 'bionettoyage'] }),
      },
      { targetJobLabels: ['Aide-soignant', 'Agent de service hospitalier'] },
    );
    expect(text).toContain(
      'Rapprochement par le contenu avec « Aide-soignant » et « Agent de service hospitalier », sans code ROME commun.',
    );
    expect(text).toContain('Compétences en commun avec le profil : hygiène, accueil et bionettoyage.');
  });

  it('name several matched jobs, or the matched job title', () => {
    const several = explainByRules(
      {
        kind: 'training',
        title: 'T',
        facts: facts({ matchedRomeCodes: [careJob, { code: 'J1304', label: 'Aide en puériculture' }] }),
      },
      noTargets,
    );
    expect(several).toContain(
      "visant les métiers « Soins d'hygiène, de confort du patient » (J1501) et « Aide en puériculture » (J1304)",
    );
    const byTitle = explainByRules(
      {
        kind: 'training',
        title: 'T',
        facts: facts({ matchedRomeCodes: [], matchedJobTitle: 'Aide-soignant' }),
      },
      { targetJobLabels: ['Aide-soignant'] },
    );
    expect(byTitle).toContain("visant l'intitulé recherché « Aide-soignant »");
    expect(byTitle).not.toContain('Rapprochement');
  });

  it('are deterministic', () => {
    const offer = { kind: 'training' as const, title: 'T', city: 'Nantes', facts: facts() };
    expect(explainByRules(offer, noTargets)).toBe(explainByRules(structuredClone(offer), noTargets));
  });
});
