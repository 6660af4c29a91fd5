import type { GuardrailCategory } from '@reco/contracts';
import { type FormEvent, useId, useState } from 'react';
import { CATEGORY_LABELS } from '../i18n/labels';
import { type AuditFilterForm, EMPTY_FILTERS, periodError } from './admin-filters';

interface FilterBarProps {
  initial: AuditFilterForm;
  /** The request screen also filters by guardrail decision and category. */
  withGuardrail: boolean;
  onApply: (filters: AuditFilterForm) => void;
}

/** Period, team and (for requests) guardrail filters; applied on submit. */
export function FilterBar({ initial, withGuardrail, onApply }: FilterBarProps) {
  const id = useId();
  const [form, setForm] = useState(initial);
  const error = periodError(form);
  const set = <K extends keyof AuditFilterForm>(key: K, value: AuditFilterForm[K]) =>
    setForm((previous) => ({ ...previous, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!error) onApply(form);
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Filtres">
      <div className="app-filters">
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${id}-from`}>
            Du
          </label>
          <input
            id={`${id}-from`}
            className="fr-input"
            type="date"
            value={form.from}
            onChange={(e) => set('from', e.target.value)}
          />
        </div>
        <div className={`fr-input-group ${error ? 'fr-input-group--error' : ''}`}>
          <label className="fr-label" htmlFor={`${id}-to`}>
            Au
          </label>
          <input
            id={`${id}-to`}
            className="fr-input"
            type="date"
            value={form.to}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => set('to', e.target.value)}
          />
        </div>
        {withGuardrail && (
          <>
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={`${id}-decision`}>
                Contrôle de la demande
              </label>
              <select
                id={`${id}-decision`}
                className="fr-select"
                value={form.decision}
                onChange={(e) => set('decision', e.target.value as AuditFilterForm['decision'])}
              >
                <option value="">Toutes</option>
                <option value="allow">Sans alerte</option>
                <option value="warn">Avec alerte (données masquées)</option>
              </select>
            </div>
            <div className="fr-select-group">
              <label className="fr-label" htmlFor={`${id}-category`}>
                Catégorie d’alerte
              </label>
              <select
                id={`${id}-category`}
                className="fr-select"
                value={form.category}
                onChange={(e) => set('category', e.target.value as AuditFilterForm['category'])}
              >
                <option value="">Toutes</option>
                {(Object.entries(CATEGORY_LABELS) as [GuardrailCategory, string][]).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <div className="fr-input-group">
          <label className="fr-label" htmlFor={`${id}-team`}>
            Équipe
          </label>
          <input
            id={`${id}-team`}
            className="fr-input"
            type="text"
            value={form.team}
            onChange={(e) => set('team', e.target.value)}
          />
        </div>
        <div className="fr-btns-group">
          <button type="submit" className="fr-btn" disabled={Boolean(error)}>
            Filtrer
          </button>
          <button
            type="button"
            className="fr-btn fr-btn--tertiary"
            onClick={() => {
              setForm(EMPTY_FILTERS);
              onApply(EMPTY_FILTERS);
            }}
          >
            Réinitialiser
          </button>
        </div>
      </div>
      {error && (
        <p id={`${id}-error`} className="fr-error-text" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
