/**
 * Small pure helpers shared by the catalogue parsers: they read one producer value and say what it
 * means, or that it means nothing, without ever throwing.
 */

/** Trims and folds every run of whitespace (newlines, tabs, no-break spaces) into one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Producers fill mandatory text fields they have nothing for with a dash: that is no value. */
export function meaningfulText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const collapsed = collapseWhitespace(text);
  return collapsed === '' || /^[-–—.]+$/.test(collapsed) ? undefined : collapsed;
}

const HTML_ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Plain text from a field that may hold HTML (escaped or in CDATA): tags become spaces so that words
 * of adjacent paragraphs or list items do not run together.
 */
export function stripHtml(html: string): string {
  const withoutTags = html.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<\/?[a-zA-Z][^>]*>/g, ' ');
  const decoded = withoutTags.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return HTML_ENTITIES[name.toLowerCase()] ?? entity;
  });
  return collapseWhitespace(decoded);
}

/** `YYYY-MM-DD` when the parts make a real calendar date, else undefined (30 February, month 13...). */
export function isoDateFromParts(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < 1000) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO date a `YYYYMMDD` string names, or undefined when it is not eight digits forming a real date. */
export function parseYyyymmdd(text: string): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  return isoDateFromParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * A non-negative decimal as producers write it: `697`, `1 234,50`, `1234.5`. Undefined for anything
 * else (units, ranges, words), so that the caller can refuse the value with its reason.
 */
export function parseDecimal(text: string): number | undefined {
  const compact = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(compact)) return undefined;
  return Number(compact);
}

/** `RNCP<digits>` from `320`, `RNCP320`, `rncp 320` or `RNCP00320`; undefined for anything else. */
export function normaliseRncp(text: string): string | undefined {
  const digits = /^(?:RNCP)?\s*(\d+)$/i.exec(text.trim())?.[1];
  return digits ? `RNCP${digits.replace(/^0+(?=\d)/, '')}` : undefined;
}

/** A SIRET is 14 digits; producers sometimes space them out. */
export function normaliseSiret(text: string): string | undefined {
  const compact = text.replace(/[\s\u00a0]/g, '');
  return /^\d{14}$/.test(compact) ? compact : undefined;
}

export const FORMACODE_PATTERN = /^\d{5}$/;
export const ROME_PATTERN = /^[A-N]\d{4}$/;

/** Trimmed values that match the pattern, first occurrence kept, order preserved. */
export function uniqueCodes(values: Iterable<string>, pattern: RegExp): string[] {
  const codes = new Set<string>();
  for (const value of values) {
    const code = value.trim();
    if (pattern.test(code)) codes.add(code);
  }
  return [...codes];
}

export const NSF_PATTERN = /^\d{3}[a-z]?$/;

const DEPARTEMENT_PATTERN = /^(0[1-9]|1\d|2[1-9]|[3-8]\d|9[0-5]|2A|2B|97[1-6])$/;

/**
 * The two- or three-character code of a French département: `1` → `01` (spreadsheets drop the
 * leading zero), `2a` → `2A`, `971`..`976` kept. Undefined for anything else, `20` included (Corsica
 * has been split since 1976).
 */
export function normaliseDepartement(text: string): string | undefined {
  const upper = text.trim().toUpperCase();
  const code = /^\d$/.test(upper) ? `0${upper}` : upper;
  return DEPARTEMENT_PATTERN.test(code) ? code : undefined;
}

const OLD_LEVELS: Record<string, number> = { V: 3, IV: 4, III: 5, II: 6, I: 7 };
const BAC_PLUS_LEVELS: Record<string, number> = { '2': 5, '3': 6, '4': 6, '5': 7, '8': 8 };

/**
 * The European qualification level (1..8) a level label names, read leniently: "Niveau 5 (BTS,
 * DUT...)", the pre-2019 "Niveau III", "Bac+2", "CAP". Undefined when it names none, as "Sans niveau
 * spécifique" does.
 */
export function qualificationLevelFromLabel(label: string): number | undefined {
  const european = /niveau\s*([1-8])\b/i.exec(label)?.[1];
  if (european) return Number(european);
  const old = /[Nn]iveau\s+(I{1,3}|IV|V)\b/.exec(label)?.[1];
  if (old) return OLD_LEVELS[old];
  const bacPlus = /bac\s*\+\s*(\d)/i.exec(label)?.[1];
  if (bacPlus) return BAC_PLUS_LEVELS[bacPlus];
  if (/\b(CAP|BEP)\b/i.test(label)) return 3;
  if (/\bbac(calaur[ée]at)?\b/i.test(label)) return 4;
  return undefined;
}

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * Reads an ISO 8601 date or date-time. `date` is the calendar day as written, in the producer's own
 * offset (what a counsellor's diary shows), not converted to UTC. `instant` (ms) is there when a time
 * is, to order two moments; a time without offset is read as UTC, which orders times of one feed
 * correctly. Undefined for impossible dates and times (30 February, 25:00).
 */
export function parseIsoDateTime(text: string): { date: string; instant?: number } | undefined {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hours, minutes, seconds, offset] = match;
  const date = isoDateFromParts(Number(year), Number(month), Number(day));
  if (!date) return undefined;
  if (hours === undefined) return { date };
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds ?? 0) > 59) return undefined;
  if (offset && !/^(Z|[+-](0\d|1[0-4]):?[0-5]\d)$/i.test(offset)) return undefined;
  const instant = Date.parse(`${date}T${hours}:${minutes}:${seconds ?? '00'}${normaliseOffset(offset)}`);
  return Number.isNaN(instant) ? undefined : { date, instant };
}

function normaliseOffset(offset: string | undefined): string {
  if (!offset || offset.toUpperCase() === 'Z') return 'Z';
  return offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}
