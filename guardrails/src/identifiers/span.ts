export type IdentifierKind =
  | 'email'
  | 'iban'
  | 'nir'
  | 'phone'
  | 'identity_document'
  | 'birth_date'
  | 'address'
  | 'first_name'
  | 'last_name';

/** A directly identifying piece of the text, offsets in UTF-16 code units, end exclusive. */
export interface IdentifierSpan {
  readonly kind: IdentifierKind;
  readonly start: number;
  readonly end: number;
}

interface Range {
  readonly start: number;
  readonly end: number;
}

export function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * For each item (sorted by start, not overlapping each other: words, tokens), whether one of the
 * spans overlaps it. One sweep over both lists, so that long texts stay linear.
 */
export function coveredBy(items: readonly Range[], spans: readonly Range[]): boolean[] {
  const covered = new Array<boolean>(items.length).fill(false);
  if (spans.length === 0) return covered;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let first = 0;
  items.forEach((item, i) => {
    while (first < sorted.length && (sorted[first] as Range).end <= item.start) first++;
    for (let s = first; s < sorted.length && (sorted[s] as Range).start < item.end; s++) {
      if (overlaps(sorted[s] as Range, item)) {
        covered[i] = true;
        break;
      }
    }
  });
  return covered;
}
