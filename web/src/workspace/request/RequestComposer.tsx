import { type FormEvent, useRef } from 'react';
import type { SensitiveDataRefusal } from '../../api/api-error';
import { BestPracticeNotice } from './BestPracticeNotice';
import { RequestField } from './RequestField';
import { RequestTemplates } from './RequestTemplates';
import { insertTemplate, type TextEdit } from './templates';

interface RequestComposerProps {
  value: string;
  onChange: (value: string) => void;
  onSubmit: () => void;
  busy: boolean;
  refusal?: SensitiveDataRefusal;
}

/** Puts an edit in the field and the cursor where the template expects words. */
export function applyEdit(textarea: HTMLTextAreaElement | null, edit: TextEdit) {
  if (!textarea) return;
  // After React has written the new value.
  requestAnimationFrame(() => {
    textarea.focus();
    textarea.setSelectionRange(edit.selectionStart, edit.selectionEnd);
  });
}

/** The first request: the notice, the templates, the text with its live alerts. */
export function RequestComposer({ value, onChange, onSubmit, busy, refusal }: RequestComposerProps) {
  const textarea = useRef<HTMLTextAreaElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy && value.trim()) onSubmit();
  }

  return (
    <form onSubmit={submit} aria-labelledby="request-heading" noValidate>
      <h2 id="request-heading">Demande</h2>
      <BestPracticeNotice />
      <RequestTemplates
        onInsert={(template) => {
          const edit = insertTemplate(value, template);
          onChange(edit.text);
          applyEdit(textarea.current, edit);
        }}
      />
      <RequestField
        id="request-text"
        label="Projet professionnel et besoin de formation"
        hint="Ex. : « Reconversion vers le métier de cariste ; formation courte si possible »."
        value={value}
        onChange={onChange}
        textareaRef={textarea}
        describedBy="request-best-practice"
        {...(refusal && { refusal })}
      />
      <button type="submit" className="fr-btn" disabled={busy || !value.trim()}>
        Obtenir des suggestions
      </button>
    </form>
  );
}
