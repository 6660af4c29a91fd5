import type { Offer } from '@reco/contracts';
import type { Referentials, RomeAppellation } from '@reco/referentials';

/** Descriptions can be long: the embedder and full-text search need what the training is, not every line. */
const MAX_DESCRIPTION_CHARS = 2000;
const MAX_SEARCH_BODY_CHARS = 3 * MAX_DESCRIPTION_CHARS;

/**
 * Recorded with each run: change it whenever `searchBody` builds the text differently, and the next
 * run rewrites every offer's searchable text (the records themselves being unchanged).
 */
export const OFFER_TEXT_VERSION = 'referential-labels-and-job-titles';

/**
 * What full-text search reads besides the title. The referentials' words come first and are the same
 * for every producer (the certification's label, the labels of its ROME and Formacode codes, and the
 * ROME job titles of those jobs, which is how counsellors name them), then the producer's own
 * description, bounded as the embedder's: an LHEO action describes its training at length, a Mon
 * Compte Formation row in a line, and the format must not decide which of the two can be found.
 */
export function searchBody(offer: Offer, referentials: Referentials): string {
  return [
    offer.certification?.label,
    ...codeLabels(offer, referentials),
    ...jobTitles(offer, referentials),
    description(offer),
  ]
    .filter(Boolean)
    .join('\n')
    .slice(0, MAX_SEARCH_BODY_CHARS);
}

/** The text an offer is embedded from: title and certification first, as a counsellor would describe it. */
export function embeddingText(offer: Offer, referentials: Referentials): string {
  return [offer.title, offer.certification?.label, ...codeLabels(offer, referentials), description(offer)]
    .filter(Boolean)
    .join('. ');
}

function description(offer: Offer): string {
  return [offer.objectives, offer.content].filter(Boolean).join(' ').slice(0, MAX_DESCRIPTION_CHARS);
}

function codeLabels(offer: Offer, referentials: Referentials): string[] {
  return [
    ...offer.romeCodes.map((code) => referentials.romeLabel(code)),
    ...offer.formacodes.map((code) => referentials.formacodeLabel(code)),
  ].filter((label): label is string => label !== undefined);
}

/** The ROME job titles (appellations) of the offer's jobs, its main job's first. */
function jobTitles(offer: Offer, referentials: Referentials): string[] {
  const byRomeCode = appellationsByRomeCode(referentials);
  return offer.romeCodes.flatMap((code) => byRomeCode.get(code) ?? []);
}

const appellationIndexes = new WeakMap<Referentials, Map<string, string[]>>();

function appellationsByRomeCode(referentials: Referentials): Map<string, string[]> {
  let index = appellationIndexes.get(referentials);
  if (!index) {
    index = groupLabels(referentials.appellations());
    appellationIndexes.set(referentials, index);
  }
  return index;
}

function groupLabels(appellations: readonly RomeAppellation[]): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const { romeCode, label } of appellations) {
    const labels = index.get(romeCode);
    if (labels) labels.push(label);
    else index.set(romeCode, [label]);
  }
  return index;
}
