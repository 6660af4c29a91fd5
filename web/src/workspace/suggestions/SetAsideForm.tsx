import type { SetAsideReason } from '@reco/contracts';
import { type FormEvent, useId, useState } from 'react';
import { SET_ASIDE_REASON_LABELS } from '../../i18n/labels';

interface SetAsideFormProps {
  title: string;
  onConfirm: (reason: SetAsideReason, comment?: string) => void;
  onCancel: () => void;
}

/** "Écarter" asks why: one reason from the list, and a comment when it is « Autre motif ». */
export function SetAsideForm({ title, onConfirm, onCancel }: SetAsideFormProps) {
  const id = useId();
  const [reason, setReason] = useState<SetAsideReason | undefined>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason) return setError('Choisissez un motif.');
    if (reason === 'other' && !comment.trim()) return setError('Précisez le motif dans le commentaire.');
    onConfirm(reason, comment.trim() || undefined);
  }

  return (
    <form className="fr-modal__body" onSubmit={submit} noValidate aria-label={`Écarter « ${title} »`}>
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Motif de l’écart</legend>
        {(Object.entries(SET_ASIDE_REASON_LABELS) as [SetAsideReason, string][]).map(
          ([value, label], index) => (
            <div className="fr-radio-group" key={value}>
              <input
                type="radio"
                id={`${id}-${value}`}
                name={`${id}-reason`}
                checked={reason === value}
                // biome-ignore lint/a11y/noAutofocus: the form was just opened by the counsellor's click.
                autoFocus={index === 0}
                onChange={() => {
                  setReason(value);
                  setError(undefined);
                }}
              />
              <label htmlFor={`${id}-${value}`}>{label}</label>
            </div>
          ),
        )}
      </fieldset>
      <div className={`fr-input-group ${error && reason === 'other' ? 'fr-input-group--error' : ''}`}>
        <label className="fr-label" htmlFor={`${id}-comment`}>
          Commentaire {reason === 'other' ? '(obligatoire)' : '(facultatif)'}
          <span className="fr-hint-text">Sans donnée personnelle sur le demandeur.</span>
        </label>
        <textarea
          id={`${id}-comment`}
          className="fr-input"
          rows={2}
          maxLength={500}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </div>
      {error && (
        <p className="fr-error-text" role="alert">
          {error}
        </p>
      )}
      <div className="fr-btns-group" style={{ marginTop: '0.75rem' }}>
        <button type="submit" className="fr-btn fr-btn--sm">
          Confirmer l’écart
        </button>
        <button type="button" className="fr-btn fr-btn--tertiary fr-btn--sm" onClick={onCancel}>
          Annuler
        </button>
      </div>
    </form>
  );
}
