import type { Offer } from '@reco/contracts';
import type { Referentials } from '@reco/referentials';

/** Descriptions can be long: the embedder and full-text search need what the training is, not every line. */
const MAX_DESCRIPTION_CHARS = 2000;

/** What full-text search reads besides the title: the description and the labels of its codes. */
export function searchBody(offer: Offer, referentials: Referentials): string {
  return [offer.certification?.label, offer.objectives, offer.content, ...codeLabels(offer, referentials)]
    .filter(Boolean)
    .join('\n')
    .slice(0, 3 * MAX_DESCRIPTION_CHARS);
}

/** The text an offer is embedded from: title and certification first, as a counsellor would describe it. */
export function embeddingText(offer: Offer, referentials: Referentials): string {
  const description = [offer.objectives, offer.content]
    .filter(Boolean)
    .join(' ')
    .slice(0, MAX_DESCRIPTION_CHARS);
  return [offer.title, offer.certification?.label, ...codeLabels(offer, referentials), description]
    .filter(Boolean)
    .join('. ');
}

function codeLabels(offer: Offer, referentials: Referentials): string[] {
  return [
    ...offer.romeCodes.map((code) => referentials.romeLabel(code)),
    ...offer.formacodes.map((code) => referentials.formacodeLabel(code)),
  ].filter((label): label is string => label !== undefined);
}
