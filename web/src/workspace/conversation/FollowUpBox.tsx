import { type FormEvent, useRef } from 'react';
import type { SensitiveDataRefusal } from '../../api/api-error';
import { applyEdit } from '../request/RequestComposer';
import { RequestField } from '../request/RequestField';
import { appendPhrase, FOLLOW_UP_CHIPS } from '../request/templates';

interface FollowUpBoxProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  busy: boolean;
  refusal?: SensitiveDataRefusal;
}

/** Refines the answer within the same conversation: quick chips, or a few words. */
export function FollowUpBox({ value, onChange, onSubmit, busy, refusal }: FollowUpBoxProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy && value.trim()) onSubmit();
  }

  return (
    <form onSubmit={submit} aria-labelledby="follow-up-heading" className="app-panel app-no-print" noValidate>
      <h3 id="follow-up-heading">Affiner la recherche</h3>
      <fieldset className="app-templates">
        <legend className="fr-sr-only">Précisions rapides</legend>
        {FOLLOW_UP_CHIPS.map((chip) => (
          <button
            key={chip}
            type="button"
            className="fr-tag"
            onClick={() => {
              const edit = appendPhrase(value, chip);
              onChange(edit.text);
              applyEdit(textarea.current, edit);
            }}
          >
            {chip}
          </button>
        ))}
      </fieldset>
      <RequestField
        id="follow-up-text"
        label="Précision"
        hint="Les suggestions sont recalculées ; les offres ajoutées ou retirées sont signalées."
        value={value}
        onChange={onChange}
        textareaRef={textarea}
        rows={2}
        describedBy="request-best-practice-short"
        {...(refusal && { refusal })}
      />
      <p id="request-best-practice-short" className="app-muted">
        Même règle que pour la demande : aucune donnée personnelle ou sensible, seulement le projet.
      </p>
      <button type="submit" className="fr-btn fr-btn--secondary" disabled={busy || !value.trim()}>
        Envoyer la précision
      </button>
    </form>
  );
}
