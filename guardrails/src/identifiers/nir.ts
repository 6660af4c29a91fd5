import { mod97 } from './mod97';

/**
 * The NIR (numéro de sécurité sociale): sex, year, month, département (2A/2B in Corsica), commune,
 * order number — 13 characters — then a 2-digit key = 97 − (number mod 97).
 */
const NIR_BODY = /^[1-478]\d{2}(?:0[1-9]|1[0-2]|[2-9]\d)(?:\d{2}|2A|2B)\d{6}$/;
/**
 * Without its key a NIR is only recognised from its structure, so only the common cases count: sex
 * 1 or 2, a real month or 20 (month unknown). Any 13 digits would pass the full rules too often.
 */
const NIR_BODY_WITHOUT_KEY = /^[12]\d{2}(?:0[1-9]|1[0-2]|20)(?:\d{2}|2A|2B)\d{6}$/;

/** Key of a 13-character NIR body; Corsica counts as 19 (2A) and 18 (2B) in the computation. */
export function nirKey(body: string): number {
  const numeric = `${body.slice(0, 5)}${body.slice(5, 7).replace('2A', '19').replace('2B', '18')}${body.slice(7)}`;
  return 97 - mod97(numeric);
}

/** 15 characters, spaces and dots removed: a well-formed body and the right key. */
export function isValidNir(nir: string): boolean {
  const compact = nir.replace(/[\s.-]/g, '').toUpperCase();
  if (compact.length !== 15) return false;
  const body = compact.slice(0, 13);
  return (
    NIR_BODY.test(body) && /^\d{2}$/.test(compact.slice(13)) && nirKey(body) === Number(compact.slice(13))
  );
}

export function isPlausibleNirWithoutKey(body: string): boolean {
  return NIR_BODY_WITHOUT_KEY.test(body);
}
