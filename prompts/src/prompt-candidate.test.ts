import type { JobseekerProfile, Offer, SuggestionFacts } from '@reco/contracts';
import { describe, expect, it } from 'vitest';
import { profileSummaryFrom } from './profile-summary';
import { promptCandidateFrom } from './prompt-candidate';

const offer: Offer = {
  id: 'lheo:AF-001',
  kind: 'training',
  title: "Diplôme d'État d'aide-soignant",
  objectives: 'Devenir aide-soignant.',
  content: 'Soins, hygiène, stages.',
  provider: { name: 'IFAS de Nantes' },
  formacodes: [],
  romeCodes: ['J1501'],
  nsfCodes: [],
  location: { precision: 'commune', city: 'Nantes', departement: '44' },
  sessions: [],
  funding: { cpf: true },
  modality: 'in_person',
  sources: [{ source: 'lheo', sourceId: 'AF-001' }],
  qualityFlags: [],
  contentHash: 'h',
};

const facts: SuggestionFacts = {
  distanceKm: 11.6,
  locationPrecision: 'commune',
  nextSessionStart: '2027-01-05',
  durationHours: 1540,
  costEur: 0,
  cpf: true,
  modality: 'in_person',
  matchedRomeCodes: [{ code: 'J1501', label: "Soins d'hygiène, de confort du patient" }],
  matchedSkills: [],
  certification: { label: "Diplôme d'État d'aide-soignant", level: 4 },
};

describe('the prompt candidate of an offer', () => {
  it('renders the verified facts in French', () => {
    expect(promptCandidateFrom(offer, facts)).toEqual({
      id: 'lheo:AF-001',
      kind: 'training',
      title: "Diplôme d'État d'aide-soignant",
      provider: 'IFAS de Nantes',
      place: 'Nantes (12 km)',
      nextSession: '5 janvier 2027',
      durationHours: 1540,
      costEur: 0,
      cpf: true,
      certification: "Diplôme d'État d'aide-soignant (niveau 4)",
      description: 'Devenir aide-soignant. Soins, hygiène, stages.',
    });
  });

  it('says when only the département is known, and when the offer is online', () => {
    const departementOnly = { ...facts, locationPrecision: 'departement' as const, distanceKm: 40 };
    expect(promptCandidateFrom(offer, departementOnly).place).toBe(
      'département 44, lieu exact non communiqué (environ 40 km du centre du département)',
    );
    const online = { ...facts, locationPrecision: 'online' as const, modality: 'remote' as const };
    expect(promptCandidateFrom(offer, online).place).toBe('à distance');
  });
});

describe('the profile summary', () => {
  it('keeps search criteria only and names target jobs from the ROME', () => {
    const profile: JobseekerProfile = {
      targetJobs: [{ romeCode: 'J1501' }, { label: 'Auxiliaire de vie' }, { romeCode: 'Z9999' }],
      skills: ['Permis B'],
      completedTrainings: ['PSC1'],
      location: { postcode: '44000' },
      mobilityKm: 30,
      cpfOnly: true,
    };
    const labels: Record<string, string> = { J1501: "Soins d'hygiène, de confort du patient" };
    expect(profileSummaryFrom(profile, (code) => labels[code])).toEqual({
      targetJobs: ["Soins d'hygiène, de confort du patient (J1501)", 'Auxiliaire de vie', 'Z9999'],
      mobilityKm: 30,
      cpfOnly: true,
    });
  });
});
