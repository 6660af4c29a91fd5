import type { Referentials } from '@reco/referentials';

/**
 * Well-shaped codes that no referential knows, as a typo or a retired code looks. Chosen against
 * the referentials rather than fixed: Formacode 99999, for one, does exist ("Information non
 * communiquée").
 */
export interface UnknownCodes {
  formacode: string;
  rome: string;
}

export function unknownCodes(referentials: Referentials): UnknownCodes {
  return {
    formacode: firstUnknown(
      99_998,
      (n) => String(n).padStart(5, '0'),
      (code) => referentials.formacodeLabel(code),
    ),
    rome: firstUnknown(
      9999,
      (n) => `A${String(n).padStart(4, '0')}`,
      (code) => referentials.romeLabel(code),
    ),
  };
}

function firstUnknown(
  from: number,
  format: (n: number) => string,
  labelOf: (code: string) => string | undefined,
): string {
  for (let n = from; n > 0; n--) {
    const code = format(n);
    if (labelOf(code) === undefined) return code;
  }
  throw new Error('every code of the range is known');
}
