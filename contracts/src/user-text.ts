import { z } from 'zod';

/**
 * PostgreSQL refuses U+0000 in `text` and `jsonb`, and a lone UTF-16 surrogate in `jsonb`; no one
 * types either. Refused at the contract with a clear message, not later as a database error.
 */
const LONE_SURROGATE = /\p{Cs}/u;
const storable = (text: string) => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

/** `2000` as `2 000`. */
function frenchCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/**
 * Text typed by a user, trimmed and bounded. `label` names the field in the refusals the counsellor
 * reads ("la demande dépasse 2 000 caractères").
 */
export function userText(label: string, { max, min = 0 }: { max: number; min?: number }) {
  const text = z
    .string()
    .refine(storable, `${label} contient un caractère non autorisé (caractère nul ou texte mal encodé)`)
    .trim()
    .max(max, `${label} dépasse ${frenchCount(max)} caractères`);
  if (min === 0) return text;
  return text.min(
    min,
    min === 1 ? `${label} est vide` : `${label} : au moins ${frenchCount(min)} caractères`,
  );
}

/** Offer ids are a source and a producer's reference: real ones stay far below this. */
export const MAX_OFFER_ID_LENGTH = 500;

/** An offer named by the client: in a decision, an error report, the offer page's path. */
export const OfferReference = z
  .string()
  .min(1, 'identifiant d’offre vide')
  .max(MAX_OFFER_ID_LENGTH, `identifiant d’offre de plus de ${MAX_OFFER_ID_LENGTH} caractères`)
  .refine(storable, 'identifiant d’offre avec un caractère non autorisé');
