/**
 * French renderings of dates, amounts and durations, shared by the prompt and by the rule-based
 * explanations so that the model and the counsellor see the same wording.
 */

const MONTHS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2027-01-05" → "5 janvier 2027", "2027-03-01" → "1er mars 2027". Read from the string, never from a time zone. */
export function formatFrenchDate(isoDate: string): string {
  const match = ISO_DATE.exec(isoDate);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return isoDate;
  const day = Number(match[3]);
  return `${day === 1 ? '1er' : day} ${month} ${match[1]}`;
}

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** French digit grouping and decimal comma: 1540 → "1 540" (narrow no-break space, as Intl writes it). */
export function formatFrenchNumber(value: number): string {
  return numberFormat.format(value);
}

/** 0 reads as free: the catalogues write a free offer as a zero cost. */
export function formatEuros(amount: number): string {
  return amount === 0 ? 'gratuit' : `${formatFrenchNumber(amount)}\u00a0€`;
}

export function formatHours(hours: number): string {
  return `${formatFrenchNumber(hours)}\u00a0h`;
}
