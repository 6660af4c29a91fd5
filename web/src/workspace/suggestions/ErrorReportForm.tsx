import { errorReportRoute } from '@reco/contracts';
import { type FormEvent, useId, useState } from 'react';
import { useApi } from '../../api/api-context';
import { type ApiError, asApiError } from '../../api/api-error';
import { ERROR_REPORT_KIND_LABELS, type ErrorReportKind } from '../../i18n/labels';

interface ErrorReportFormProps {
  requestId: string;
  offerId: string;
  title: string;
}

type Status =
  | { step: 'closed' }
  | { step: 'open'; error?: ApiError }
  | { step: 'sending' }
  | { step: 'sent' };

/** « Signaler une erreur »: the kind and a comment go to the administrators. */
export function ErrorReportForm({ requestId, offerId, title }: ErrorReportFormProps) {
  const api = useApi();
  const id = useId();
  const [status, setStatus] = useState<Status>({ step: 'closed' });
  const [kind, setKind] = useState<ErrorReportKind | undefined>();
  const [comment, setComment] = useState('');
  const [missingKind, setMissingKind] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!kind) return setMissingKind(true);
    setStatus({ step: 'sending' });
    try {
      await api.call(errorReportRoute, {
        params: { requestId },
        body: { offerId, kind, ...(comment.trim() && { comment: comment.trim() }) },
      });
      setStatus({ step: 'sent' });
    } catch (error) {
      setStatus({ step: 'open', error: asApiError(error) });
    }
  }

  if (status.step === 'sent') {
    return (
      <p className="fr-valid-text" role="status">
        Merci : votre signalement a été transmis aux administrateurs.
      </p>
    );
  }
  if (status.step === 'closed') {
    return (
      <button
        type="button"
        className="fr-btn fr-btn--tertiary-no-outline fr-btn--sm"
        onClick={() => setStatus({ step: 'open' })}
      >
        Signaler une erreur<span className="fr-sr-only"> sur « {title} »</span>
      </button>
    );
  }
  return (
    <form
      className="fr-modal__body"
      onSubmit={submit}
      noValidate
      aria-label={`Signaler une erreur sur « ${title} »`}
    >
      <fieldset className="fr-fieldset">
        <legend className="fr-fieldset__legend">Type d’erreur</legend>
        {(Object.entries(ERROR_REPORT_KIND_LABELS) as [ErrorReportKind, string][]).map(
          ([value, label], index) => (
            <div className="fr-radio-group" key={value}>
              <input
                type="radio"
                id={`${id}-${value}`}
                name={`${id}-kind`}
                checked={kind === value}
                // biome-ignore lint/a11y/noAutofocus: the form was just opened by the counsellor's click.
                autoFocus={index === 0}
                onChange={() => {
                  setKind(value);
                  setMissingKind(false);
                }}
              />
              <label htmlFor={`${id}-${value}`}>{label}</label>
            </div>
          ),
        )}
        {missingKind && (
          <p className="fr-error-text" role="alert">
            Choisissez le type d’erreur.
          </p>
        )}
      </fieldset>
      <div className="fr-input-group">
        <label className="fr-label" htmlFor={`${id}-comment`}>
          Commentaire (facultatif)
          <span className="fr-hint-text">
            Ce qui est faux, et ce qui serait juste. Sans donnée personnelle.
          </span>
        </label>
        <textarea
          id={`${id}-comment`}
          className="fr-input"
          rows={2}
          maxLength={1000}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </div>
      {status.step === 'open' && status.error && (
        <p className="fr-error-text" role="alert">
          Le signalement n’a pas été envoyé : {status.error.userMessage}
        </p>
      )}
      <div className="fr-btns-group" style={{ marginTop: '0.75rem' }}>
        <button type="submit" className="fr-btn fr-btn--sm" disabled={status.step === 'sending'}>
          {status.step === 'sending' ? 'Envoi…' : 'Envoyer le signalement'}
        </button>
        <button
          type="button"
          className="fr-btn fr-btn--tertiary fr-btn--sm"
          onClick={() => setStatus({ step: 'closed' })}
        >
          Annuler
        </button>
      </div>
    </form>
  );
}
