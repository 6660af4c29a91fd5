import { type CommuneSuggestion, JobseekerProfile, type TargetJob } from '@reco/contracts';
import type { ProfileModality } from '../../i18n/labels';

/** A target job as the counsellor chose it: a ROME title from the list, or free text. */
export interface TargetJobEntry {
  label: string;
  romeCode?: string;
}

/**
 * The profile form, as typed: numbers stay text until the profile is built, so that a half-typed
 * value is not rewritten under the counsellor's fingers. Only the allowlisted fields exist here.
 */
export interface ProfileFormState {
  commune: CommuneSuggestion | null;
  mobilityKm: string;
  targetJobs: TargetJobEntry[];
  skills: string[];
  qualificationLevel: string;
  modality: ProfileModality;
  availableFrom: string;
  maxCostEur: string;
  cpfOnly: boolean;
  completedTrainings: string[];
}

export type ProfileField = keyof ProfileFormState;
type TextField = 'mobilityKm' | 'qualificationLevel' | 'availableFrom' | 'maxCostEur';
type TagField = 'skills' | 'completedTrainings';

export const LIMITS = { targetJobs: 5, skills: 30, completedTrainings: 20 } as const;

export const INITIAL_PROFILE_FORM: ProfileFormState = {
  commune: null,
  mobilityKm: '30',
  targetJobs: [],
  skills: [],
  qualificationLevel: '',
  modality: 'any',
  availableFrom: '',
  maxCostEur: '',
  cpfOnly: false,
  completedTrainings: [],
};

export type ProfileFormAction =
  | { type: 'commune_chosen'; commune: CommuneSuggestion | null }
  | { type: 'text_changed'; field: TextField; value: string }
  | { type: 'modality_changed'; value: ProfileModality }
  | { type: 'cpf_only_changed'; value: boolean }
  | { type: 'job_added'; job: TargetJobEntry }
  | { type: 'job_removed'; index: number }
  | { type: 'tag_added'; field: TagField; value: string }
  | { type: 'tag_removed'; field: TagField; index: number }
  | { type: 'reset' };

const same = (a: string, b: string) => a.localeCompare(b, 'fr', { sensitivity: 'base' }) === 0;

export function profileFormReducer(state: ProfileFormState, action: ProfileFormAction): ProfileFormState {
  switch (action.type) {
    case 'commune_chosen':
      return { ...state, commune: action.commune };
    case 'text_changed':
      return { ...state, [action.field]: action.value };
    case 'modality_changed':
      return { ...state, modality: action.value };
    case 'cpf_only_changed':
      return { ...state, cpfOnly: action.value };
    case 'job_added': {
      const label = action.job.label.trim();
      if (!label || state.targetJobs.length >= LIMITS.targetJobs) return state;
      if (state.targetJobs.some((job) => same(job.label, label))) return state;
      const job = action.job.romeCode ? { label, romeCode: action.job.romeCode } : { label };
      return { ...state, targetJobs: [...state.targetJobs, job] };
    }
    case 'job_removed':
      return { ...state, targetJobs: state.targetJobs.filter((_, index) => index !== action.index) };
    case 'tag_added': {
      const value = action.value.trim();
      const list = state[action.field];
      if (!value || list.length >= LIMITS[action.field] || list.some((tag) => same(tag, value))) return state;
      return { ...state, [action.field]: [...list, value] };
    }
    case 'tag_removed':
      return { ...state, [action.field]: state[action.field].filter((_, index) => index !== action.index) };
    case 'reset':
      return INITIAL_PROFILE_FORM;
  }
}

export type ProfileErrors = Partial<Record<ProfileField, string>>;

export type ProfileResult = { ok: true; profile: JobseekerProfile } | { ok: false; errors: ProfileErrors };

/** "1 200,50" → 1200.5; undefined when empty; NaN when not a number. */
function parseNumber(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (cleaned === '') return undefined;
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** Maps a field of `JobseekerProfile` to the form field that shows its error. */
const FIELD_OF: Record<string, ProfileField> = {
  location: 'commune',
  mobilityKm: 'mobilityKm',
  targetJobs: 'targetJobs',
  skills: 'skills',
  qualificationLevel: 'qualificationLevel',
  modality: 'modality',
  availableFrom: 'availableFrom',
  maxCostEur: 'maxCostEur',
  cpfOnly: 'cpfOnly',
  completedTrainings: 'completedTrainings',
};

/** The minimised profile the API accepts, or a French message per field to correct. */
export function toProfile(state: ProfileFormState): ProfileResult {
  const errors: ProfileErrors = {};
  if (!state.commune) errors.commune = 'Choisissez la commune du demandeur dans la liste proposée.';
  const mobility = parseNumber(state.mobilityKm);
  if (mobility === undefined || !Number.isInteger(mobility) || mobility > 300) {
    errors.mobilityKm = 'Indiquez un nombre entier de kilomètres, entre 0 et 300.';
  }
  const maxCost = parseNumber(state.maxCostEur);
  if (maxCost !== undefined && (Number.isNaN(maxCost) || maxCost > 100_000)) {
    errors.maxCostEur = 'Indiquez un montant en euros, jusqu’à 100 000 €, ou laissez vide.';
  }
  if (state.availableFrom && !/^\d{4}-\d{2}-\d{2}$/.test(state.availableFrom)) {
    errors.availableFrom = 'Indiquez une date valide.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const targetJobs: TargetJob[] = state.targetJobs.map((job) =>
    job.romeCode
      ? { romeCode: job.romeCode, label: job.label.slice(0, 150) }
      : { label: job.label.slice(0, 150) },
  );
  const candidate: JobseekerProfile = {
    location: { inseeCode: state.commune?.inseeCode ?? '' },
    mobilityKm: mobility ?? 0,
    ...(targetJobs.length > 0 && { targetJobs }),
    ...(state.skills.length > 0 && { skills: state.skills }),
    ...(state.qualificationLevel && { qualificationLevel: Number(state.qualificationLevel) }),
    ...(state.modality !== 'any' && { modality: state.modality }),
    ...(state.availableFrom && { availableFrom: state.availableFrom }),
    ...(maxCost !== undefined && { maxCostEur: maxCost }),
    ...(state.cpfOnly && { cpfOnly: true }),
    ...(state.completedTrainings.length > 0 && { completedTrainings: state.completedTrainings }),
  };
  const parsed = JobseekerProfile.safeParse(candidate);
  if (parsed.success) return { ok: true, profile: parsed.data };
  for (const issue of parsed.error.issues) {
    const field = FIELD_OF[String(issue.path[0])] ?? 'commune';
    errors[field] ??= `Valeur non valide : ${issue.message}.`;
  }
  return { ok: false, errors };
}

/** The form's label for each field, to name it in an error summary. */
export const FIELD_LABELS: Record<ProfileField, string> = {
  commune: 'Commune',
  mobilityKm: 'Mobilité',
  targetJobs: 'Métiers visés',
  skills: 'Compétences',
  qualificationLevel: 'Niveau de qualification',
  modality: 'Modalité',
  availableFrom: 'Disponible à partir du',
  maxCostEur: 'Budget maximal',
  cpfOnly: 'Éligible CPF uniquement',
  completedTrainings: 'Formations déjà suivies',
};
