import { type KeyboardEvent, type ReactNode, type RefObject, useId, useState } from 'react';

interface ComboboxProps<T> {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onValueChange: (value: string) => void;
  items: readonly T[];
  itemKey: (item: T) => string;
  renderItem: (item: T) => ReactNode;
  onSelect: (item: T) => void;
  /** Enter without a highlighted option (free text), when allowed. */
  onEnter?: () => void;
  loading?: boolean;
  error?: string;
  fieldError?: string;
  describedBy?: string;
  inputRef?: RefObject<HTMLInputElement | null>;
  placeholder?: string;
}

/**
 * An editable combobox with a list of suggestions (WAI-ARIA 1.2 pattern): arrows move, Enter chooses,
 * Escape closes; the number of suggestions is announced.
 */
export function Combobox<T>(props: ComboboxProps<T>) {
  const { id, label, hint, value, items, loading, error, fieldError } = props;
  const listId = useId();
  const statusId = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const expanded = open && items.length > 0;

  function choose(item: T) {
    props.onSelect(item);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (items.length === 0 ? -1 : (index + 1) % items.length));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (items.length === 0 ? -1 : (index - 1 + items.length) % items.length));
    } else if (event.key === 'Enter') {
      const item = expanded && active >= 0 ? items[active] : undefined;
      if (item !== undefined) {
        event.preventDefault();
        choose(item);
      } else if (props.onEnter) {
        event.preventDefault();
        props.onEnter();
        setOpen(false);
      }
    } else if (event.key === 'Escape') {
      if (expanded) event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  const status = loading
    ? 'Recherche…'
    : error
      ? error
      : open && value.trim().length >= 2
        ? items.length === 0
          ? 'Aucune suggestion'
          : `${items.length} suggestion${items.length > 1 ? 's' : ''} : flèches haut et bas pour parcourir, Entrée pour choisir`
        : '';

  const describedBy = [hint && hintId, fieldError && errorId, statusId, props.describedBy]
    .filter(Boolean)
    .join(' ');

  return (
    <div className={`fr-input-group app-combobox ${fieldError ? 'fr-input-group--error' : ''}`}>
      <label className="fr-label" htmlFor={id}>
        {label}
        {hint && (
          <span id={hintId} className="fr-hint-text">
            {hint}
          </span>
        )}
      </label>
      <input
        id={id}
        ref={props.inputRef}
        className="fr-input"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={fieldError ? true : undefined}
        placeholder={props.placeholder}
        value={value}
        onChange={(event) => {
          props.onValueChange(event.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
      />
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the WAI-ARIA combobox pattern: a listbox of options, focus kept on the input (aria-activedescendant). */}
      <ul id={listId} role="listbox" aria-label={label} className="app-combobox__list" hidden={!expanded}>
        {items.map((item, index) => (
          // biome-ignore lint/a11y/useFocusableInteractive: options are reached from the input through aria-activedescendant.
          <li
            key={props.itemKey(item)}
            id={`${listId}-${index}`}
            // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: see the listbox above.
            role="option"
            aria-selected={index === active}
            className="app-combobox__option"
            // Chosen on mousedown so that the input's blur does not close the list first.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(item);
            }}
          >
            {props.renderItem(item)}
          </li>
        ))}
      </ul>
      <p id={statusId} className="app-combobox__status" role="status">
        {status}
      </p>
      {fieldError && (
        <p id={errorId} className="fr-error-text">
          {fieldError}
        </p>
      )}
    </div>
  );
}
