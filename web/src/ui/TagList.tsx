interface TagListProps {
  label: string;
  tags: readonly string[];
  onRemove: (index: number) => void;
}

/** Removable tags (`fr-tag--dismiss`): each is a button that says what it removes. */
export function TagList({ label, tags, onRemove }: TagListProps) {
  if (tags.length === 0) return null;
  return (
    <ul className="fr-tags-group" aria-label={label}>
      {tags.map((tag, index) => (
        <li key={tag}>
          <button
            type="button"
            className="fr-tag fr-tag--dismiss"
            aria-label={`Retirer ${tag}`}
            onClick={() => onRemove(index)}
          >
            {tag}
          </button>
        </li>
      ))}
    </ul>
  );
}
