import { useState } from 'react';
import { TagList } from '../../ui/TagList';

interface TagInputFieldProps {
  id: string;
  label: string;
  hint: string;
  tags: readonly string[];
  max: number;
  onAdd: (value: string) => void;
  onRemove: (index: number) => void;
  error?: string;
}

/** A list of short texts (skills, past trainings): Entrée or « Ajouter » adds, each tag removes itself. */
export function TagInputField({ id, label, hint, tags, max, onAdd, onRemove, error }: TagInputFieldProps) {
  const [text, setText] = useState('');
  const full = tags.length >= max;

  function add() {
    if (!text.trim() || full) return;
    onAdd(text);
    setText('');
  }

  return (
    <div className={`fr-input-group ${error ? 'fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={id}>
        {label}
        <span id={`${id}-hint`} className="fr-hint-text">
          {hint}
        </span>
      </label>
      <div className="app-row">
        <input
          id={id}
          className="fr-input"
          type="text"
          maxLength={200}
          value={text}
          disabled={full}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="fr-btn fr-btn--secondary fr-btn--sm" onClick={add} disabled={full}>
          Ajouter<span className="fr-sr-only"> à « {label} »</span>
        </button>
      </div>
      {error && (
        <p id={`${id}-error`} className="fr-error-text">
          {error}
        </p>
      )}
      <TagList label={label} tags={tags} onRemove={onRemove} />
    </div>
  );
}
