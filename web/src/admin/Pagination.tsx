interface PaginationProps {
  total: number;
  offset: number;
  limit: number;
  onChange: (offset: number) => void;
}

/** Previous / next pages, with where we are. */
export function Pagination({ total, offset, limit, onChange }: PaginationProps) {
  if (total <= limit) return null;
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.ceil(total / limit);
  return (
    <nav className="fr-btns-group" aria-label="Pagination">
      <button
        type="button"
        className="fr-btn fr-btn--secondary fr-btn--sm"
        disabled={offset === 0}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        Page précédente
      </button>
      <span>
        Page {page} sur {pages}
      </span>
      <button
        type="button"
        className="fr-btn fr-btn--secondary fr-btn--sm"
        disabled={offset + limit >= total}
        onClick={() => onChange(offset + limit)}
      >
        Page suivante
      </button>
    </nav>
  );
}
