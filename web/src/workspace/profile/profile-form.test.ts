import { describe, expect, it } from 'vitest';
import {
  INITIAL_PROFILE_FORM,
  LIMITS,
  type ProfileFormAction,
  type ProfileFormState,
  profileFormReducer,
  toProfile,
} from './profile-form';

const VILLEURBANNE = { inseeCode: '69266', name: 'Villeurbanne', postcode: '69100', departement: '69' };

function apply(...actions: ProfileFormAction[]): ProfileFormState {
  return actions.reduce(profileFormReducer, INITIAL_PROFILE_FORM);
}

describe('profile form', () => {
  it('builds the minimal profile: commune by INSEE code and mobility only', () => {
    const state = apply({ type: 'commune_chosen', commune: VILLEURBANNE });
    expect(toProfile(state)).toEqual({
      ok: true,
      profile: { location: { inseeCode: '69266' }, mobilityKm: 30 },
    });
  });

  it('builds every allowlisted field and nothing else', () => {
    const state = apply(
      { type: 'commune_chosen', commune: VILLEURBANNE },
      { type: 'text_changed', field: 'mobilityKm', value: '45' },
      { type: 'job_added', job: { label: 'Cariste', romeCode: 'N1101' } },
      { type: 'job_added', job: { label: '  agent de quai ' } },
      { type: 'tag_added', field: 'skills', value: 'Permis B' },
      { type: 'text_changed', field: 'qualificationLevel', value: '4' },
      { type: 'modality_changed', value: 'in_person' },
      { type: 'text_changed', field: 'availableFrom', value: '2027-01-04' },
      { type: 'text_changed', field: 'maxCostEur', value: '1 500,50' },
      { type: 'cpf_only_changed', value: true },
      { type: 'tag_added', field: 'completedTrainings', value: 'CACES R489 cat. 3' },
    );
    expect(toProfile(state)).toEqual({
      ok: true,
      profile: {
        location: { inseeCode: '69266' },
        mobilityKm: 45,
        targetJobs: [{ romeCode: 'N1101', label: 'Cariste' }, { label: 'agent de quai' }],
        skills: ['Permis B'],
        qualificationLevel: 4,
        modality: 'in_person',
        availableFrom: '2027-01-04',
        maxCostEur: 1500.5,
        cpfOnly: true,
        completedTrainings: ['CACES R489 cat. 3'],
      },
    });
  });

  it('asks for a commune from the list and a whole number of kilometres', () => {
    const result = toProfile(
      apply(
        { type: 'text_changed', field: 'mobilityKm', value: '12,5' },
        { type: 'text_changed', field: 'maxCostEur', value: 'beaucoup' },
      ),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['commune', 'maxCostEur', 'mobilityKm']);
    expect(result.errors.commune).toMatch(/commune/);
    expect(
      toProfile(
        apply(
          { type: 'commune_chosen', commune: VILLEURBANNE },
          { type: 'text_changed', field: 'mobilityKm', value: '301' },
        ),
      ).ok,
    ).toBe(false);
    expect(
      toProfile(
        apply(
          { type: 'commune_chosen', commune: VILLEURBANNE },
          { type: 'text_changed', field: 'mobilityKm', value: '' },
        ),
      ).ok,
    ).toBe(false);
  });

  it('keeps tags distinct (case and accents aside), trimmed and within the limits', () => {
    let state = apply(
      { type: 'tag_added', field: 'skills', value: 'Gestion des stocks' },
      { type: 'tag_added', field: 'skills', value: ' gestion des STOCKS ' },
      { type: 'tag_added', field: 'skills', value: '   ' },
      { type: 'job_added', job: { label: 'Cariste', romeCode: 'N1101' } },
      { type: 'job_added', job: { label: 'cariste' } },
    );
    expect(state.skills).toEqual(['Gestion des stocks']);
    expect(state.targetJobs).toHaveLength(1);
    for (let i = 0; i < 10; i++)
      state = profileFormReducer(state, { type: 'job_added', job: { label: `Métier ${i}` } });
    expect(state.targetJobs).toHaveLength(LIMITS.targetJobs);
    state = profileFormReducer(state, { type: 'job_removed', index: 0 });
    expect(state.targetJobs[0]?.label).toBe('Métier 0');
    state = profileFormReducer(state, { type: 'tag_removed', field: 'skills', index: 0 });
    expect(state.skills).toEqual([]);
  });

  it('resets to the initial form', () => {
    expect(apply({ type: 'cpf_only_changed', value: true }, { type: 'reset' })).toEqual(INITIAL_PROFILE_FORM);
  });
});
