import { type Dispatch, type RefObject, useId } from 'react';
import { LEVEL_LABELS, PROFILE_MODALITY_LABELS, type ProfileModality } from '../../i18n/labels';
import { Alert } from '../../ui/Alert';
import { CommuneField } from './CommuneField';
import {
  FIELD_LABELS,
  LIMITS,
  type ProfileErrors,
  type ProfileField,
  type ProfileFormAction,
  type ProfileFormState,
} from './profile-form';
import { TagInputField } from './TagInputField';
import { TargetJobsField } from './TargetJobsField';

interface ProfileFormProps {
  state: ProfileFormState;
  dispatch: Dispatch<ProfileFormAction>;
  errors: ProfileErrors;
  summaryRef: RefObject<HTMLDivElement | null>;
}

const FIELD_IDS: Partial<Record<ProfileField, string>> = {
  commune: 'profile-commune',
  mobilityKm: 'profile-mobility',
  targetJobs: 'profile-jobs',
  skills: 'profile-skills',
  qualificationLevel: 'profile-level',
  availableFrom: 'profile-available',
  maxCostEur: 'profile-cost',
  completedTrainings: 'profile-done',
};

/**
 * The minimised profile: only the allowlisted fields exist, so nothing else can be typed. No name,
 * no age, no address, no situation: the commune and the professional project are enough.
 */
export function ProfileForm({ state, dispatch, errors, summaryRef }: ProfileFormProps) {
  const headingId = useId();
  const errorEntries = Object.entries(errors) as [ProfileField, string][];

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>Profil du demandeur</h2>
      <p className="app-muted">
        Données minimales, sans nom ni situation personnelle. Seuls ces champs sont transmis.
      </p>
      <div ref={summaryRef} tabIndex={-1}>
        {errorEntries.length > 0 && (
          <Alert severity="error" title="Profil à compléter" live="alert">
            <ul>
              {errorEntries.map(([field, message]) => (
                <li key={field}>
                  <a href={`#${FIELD_IDS[field] ?? 'profile-commune'}`}>{FIELD_LABELS[field]}</a> : {message}
                </li>
              ))}
            </ul>
          </Alert>
        )}
      </div>

      <CommuneField
        commune={state.commune}
        onChange={(commune) => dispatch({ type: 'commune_chosen', commune })}
        error={errors.commune}
      />

      <div className={`fr-input-group ${errors.mobilityKm ? 'fr-input-group--error' : ''}`}>
        <label className="fr-label" htmlFor="profile-mobility">
          Mobilité (km)
          <span className="fr-hint-text">Distance que le demandeur peut parcourir, de 0 à 300 km.</span>
        </label>
        <input
          id="profile-mobility"
          className="fr-input"
          type="number"
          inputMode="numeric"
          min={0}
          max={300}
          step={5}
          value={state.mobilityKm}
          aria-invalid={errors.mobilityKm ? true : undefined}
          aria-describedby={errors.mobilityKm ? 'profile-mobility-error' : undefined}
          onChange={(event) =>
            dispatch({ type: 'text_changed', field: 'mobilityKm', value: event.target.value })
          }
        />
        {errors.mobilityKm && (
          <p id="profile-mobility-error" className="fr-error-text">
            {errors.mobilityKm}
          </p>
        )}
      </div>

      <TargetJobsField
        jobs={state.targetJobs}
        onAdd={(job) => dispatch({ type: 'job_added', job })}
        onRemove={(index) => dispatch({ type: 'job_removed', index })}
        error={errors.targetJobs}
      />

      <TagInputField
        id="profile-skills"
        label="Compétences déjà acquises"
        hint="Ex. : permis B, gestion des stocks. Pas de diagnostic ni de situation personnelle."
        tags={state.skills}
        max={LIMITS.skills}
        onAdd={(value) => dispatch({ type: 'tag_added', field: 'skills', value })}
        onRemove={(index) => dispatch({ type: 'tag_removed', field: 'skills', index })}
        error={errors.skills}
      />

      <div className="fr-select-group">
        <label className="fr-label" htmlFor="profile-level">
          Niveau de qualification atteint
        </label>
        <select
          id="profile-level"
          className="fr-select"
          value={state.qualificationLevel}
          onChange={(event) =>
            dispatch({ type: 'text_changed', field: 'qualificationLevel', value: event.target.value })
          }
        >
          <option value="">Non renseigné</option>
          {Object.entries(LEVEL_LABELS).map(([level, label]) => (
            <option key={level} value={level}>
              {label}
            </option>
          ))}
        </select>
      </div>

      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Modalité de formation</legend>
        {(Object.entries(PROFILE_MODALITY_LABELS) as [ProfileModality, string][]).map(([value, label]) => (
          <div className="fr-radio-group" key={value}>
            <input
              type="radio"
              id={`profile-modality-${value}`}
              name="profile-modality"
              checked={state.modality === value}
              onChange={() => dispatch({ type: 'modality_changed', value })}
            />
            <label htmlFor={`profile-modality-${value}`}>{label}</label>
          </div>
        ))}
      </fieldset>

      <div className="app-row">
        <div className={`fr-input-group ${errors.availableFrom ? 'fr-input-group--error' : ''}`}>
          <label className="fr-label" htmlFor="profile-available">
            Disponible à partir du
          </label>
          <input
            id="profile-available"
            className="fr-input"
            type="date"
            value={state.availableFrom}
            onChange={(event) =>
              dispatch({ type: 'text_changed', field: 'availableFrom', value: event.target.value })
            }
          />
          {errors.availableFrom && <p className="fr-error-text">{errors.availableFrom}</p>}
        </div>
        <div className={`fr-input-group ${errors.maxCostEur ? 'fr-input-group--error' : ''}`}>
          <label className="fr-label" htmlFor="profile-cost">
            Budget maximal (€)
            <span className="fr-hint-text">Vide : pas de limite.</span>
          </label>
          <input
            id="profile-cost"
            className="fr-input"
            type="text"
            inputMode="decimal"
            value={state.maxCostEur}
            aria-invalid={errors.maxCostEur ? true : undefined}
            onChange={(event) =>
              dispatch({ type: 'text_changed', field: 'maxCostEur', value: event.target.value })
            }
          />
          {errors.maxCostEur && <p className="fr-error-text">{errors.maxCostEur}</p>}
        </div>
      </div>

      <div className="fr-checkbox-group">
        <input
          type="checkbox"
          id="profile-cpf"
          checked={state.cpfOnly}
          onChange={(event) => dispatch({ type: 'cpf_only_changed', value: event.target.checked })}
        />
        <label htmlFor="profile-cpf">Uniquement les offres éligibles au CPF</label>
      </div>

      <TagInputField
        id="profile-done"
        label="Formations déjà suivies"
        hint="Pour ne pas les proposer à nouveau. Intitulé seulement."
        tags={state.completedTrainings}
        max={LIMITS.completedTrainings}
        onAdd={(value) => dispatch({ type: 'tag_added', field: 'completedTrainings', value })}
        onRemove={(index) => dispatch({ type: 'tag_removed', field: 'completedTrainings', index })}
        error={errors.completedTrainings}
      />
    </section>
  );
}
