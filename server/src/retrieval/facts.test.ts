import type { Offer } from '@reco/contracts';
import { loadReferentials } from '@reco/referentials';
import { describe, expect, it } from 'vitest';
import { computeFacts, type FactsContext } from './facts';

const referentials = loadReferentials();
const LYON_3E = { lat: 45.75336, lon: 4.86919, departement: '69' };

const forklift: Offer = {
  id: 'lheo:AC-1',
  kind: 'training',
  title: "Titre professionnel cariste d'entrepôt",
  objectives: 'Conduire des chariots élévateurs en sécurité, charger et décharger des camions.',
  provider: { name: 'Logistique Formation Rhône' },
  certification: { rncp: 'RNCP34857', level: 3, label: "Cariste d'entrepôt" },
  formacodes: ['31768'],
  romeCodes: ['N1101', 'N1103'],
  nsfCodes: [],
  location: { precision: 'commune', lat: 45.77077, lon: 4.88846, inseeCode: '69266', departement: '69' },
  sessions: [
    { start: '2026-09-01', end: '2026-11-30', expired: false },
    { start: '2027-03-01', end: '2027-05-28', expired: false },
    { start: '2027-01-11', end: '2027-03-26', expired: false },
  ],
  durationHours: 280,
  costEur: 2500,
  funding: { cpf: true },
  modality: 'in_person',
  sources: [{ source: 'lheo', sourceId: 'AC-1' }],
  qualityFlags: [],
  contentHash: 'x',
};

const context: FactsContext = {
  origin: LYON_3E,
  targetRomeCodes: ['N1101'],
  resolvedJobTitle: 'Cariste',
  skills: ['Conduite de chariots élévateurs', 'Maîtrise d’Excel', 'Respect des règles de sécurité'],
  referenceDate: '2026-12-01',
  referentials,
};

describe('the facts of an offer for a jobseeker', () => {
  it('gives distance, next session, cost, matched job and certification', () => {
    expect(computeFacts(forklift, context)).toEqual({
      distanceKm: 2.4,
      locationPrecision: 'commune',
      nextSessionStart: '2027-01-11',
      nextSessionEnd: '2027-03-26',
      durationHours: 280,
      costEur: 2500,
      cpf: true,
      modality: 'in_person',
      matchedRomeCodes: [{ code: 'N1101', label: 'Cariste' }],
      matchedJobTitle: 'Cariste',
      matchedSkills: ['Conduite de chariots élévateurs'],
      certification: { label: "Cariste d'entrepôt", level: 3 },
    });
  });

  it('finds a skill in the ROME job sheets the offer leads to', () => {
    const facts = computeFacts(forklift, { ...context, skills: ['Contrôle de la conformité des commandes'] });
    expect(facts.matchedSkills).toEqual(['Contrôle de la conformité des commandes']);
  });

  it('skips sessions over before the jobseeker is available', () => {
    const facts = computeFacts(forklift, { ...context, availableFrom: '2027-04-01' });
    expect(facts).toMatchObject({ nextSessionStart: '2027-03-01', nextSessionEnd: '2027-05-28' });
    const late = computeFacts(forklift, { ...context, availableFrom: '2027-06-01' });
    expect(late.nextSessionStart).toBeUndefined();
  });

  it('measures an offer known only by its département to the centre, and says so', () => {
    const mcf: Offer = {
      ...forklift,
      location: { precision: 'departement', departement: '38', lat: 45.3, lon: 5.5 },
    };
    expect(computeFacts(mcf, context)).toMatchObject({ distanceKm: 66.3, locationPrecision: 'departement' });
  });

  it('gives no distance online nor without the jobseeker’s commune, and no job title without a match', () => {
    const online: Offer = { ...forklift, location: { precision: 'online' }, romeCodes: ['M1805'] };
    const facts = computeFacts(online, context);
    expect(facts.distanceKm).toBeUndefined();
    expect(facts.matchedRomeCodes).toEqual([]);
    expect(facts.matchedJobTitle).toBeUndefined();
    const { origin: _origin, ...withoutOrigin } = context;
    expect(computeFacts(forklift, withoutOrigin).distanceKm).toBeUndefined();
  });
});
