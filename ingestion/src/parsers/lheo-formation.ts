import type { Modality } from '@reco/contracts';
import {
  collapseWhitespace,
  FORMACODE_PATTERN,
  isoDateFromParts,
  meaningfulText,
  NSF_PATTERN,
  normaliseDepartement,
  normaliseRncp,
  normaliseSiret,
  parseDecimal,
  ROME_PATTERN,
  stripHtml,
  uniqueCodes,
} from './fields';
import type { ParseEvent, SourceRecord } from './source-record';
import { childrenNamed, find, selfAndDescendants, textAt, type XmlElement } from './xml-element';

/** Why a record is refused, and a short excerpt that helps its producer find it. */
interface Refusal {
  reason: string;
  excerpt?: string;
}

/**
 * The events one complete `formation` gives: one record per `action` (or one for the formation when
 * it has no action), or a quarantine entry for each one that cannot be read. Duplicate ids across
 * the file are the caller's business: this sees one formation only.
 */
export function formationEvents(formation: XmlElement, formationIndex: number, file: string): ParseEvent[] {
  const actions = childrenNamed(formation, 'action');
  if (actions.length === 0) {
    return [recordEvent(formation, undefined, `formation ${formationIndex} (line ${formation.line})`, file)];
  }
  return actions.map((action, i) =>
    recordEvent(
      formation,
      action,
      `formation ${formationIndex}, action ${i + 1} (line ${action.line})`,
      file,
    ),
  );
}

function recordEvent(
  formation: XmlElement,
  action: XmlElement | undefined,
  position: string,
  file: string,
): ParseEvent {
  const refusals: Refusal[] = [];
  const refuse = (reason: string, excerpt?: string) => {
    refusals.push(excerpt === undefined ? { reason } : { reason, excerpt });
  };
  const owner = action ?? formation;
  const sourceId = meaningfulText(owner.attrs.numero);
  if (!sourceId) refuse(`${owner.name} without a numero attribute`);
  const title = meaningfulText(stripHtml(textAt(formation, 'intitule-formation') ?? ''));
  if (!title) refuse('formation without intitule-formation');
  const modality = readModality(action, refuse);
  const durationHours = readDurationHours(action, refuse);
  const costEur = readNumber(action, 'prix-total-TTC', refuse);
  const sessions = readSessions(action, refuse);
  const first = refusals[0];
  if (first || !sourceId || !title) {
    const excerpt =
      first?.excerpt ?? excerptOf(`${owner.name} numero="${owner.attrs.numero ?? ''}" ${title ?? ''}`);
    return {
      type: 'quarantine',
      entry: { file, source: 'lheo', position, reason: refusals.map((r) => r.reason).join('; '), excerpt },
    };
  }
  const record: SourceRecord = {
    source: 'lheo',
    sourceId,
    scope: 'lheo',
    position,
    kind: 'training',
    title,
    ...optional('objectives', richText(textAt(formation, 'objectif-formation'))),
    ...optional('content', richText(textAt(formation, 'contenu-formation'))),
    provider: readProvider(formation, action),
    certification: readCertification(formation),
    ...readDomainCodes(formation),
    ...optional('place', readPlace(action)),
    modality,
    sessions,
    ...optional('durationHours', durationHours),
    ...optional('costEur', costEur),
    cpf: isCpfEligible(formation, action),
    ...optional('audience', readAudience(action)),
    ...optional(
      'url',
      meaningfulText(textAt(action, 'url-action', 'urlweb') ?? textAt(formation, 'url-formation', 'urlweb')),
    ),
  };
  return { type: 'record', record };
}

type Refuse = (reason: string, excerpt?: string) => void;

/** Spreads `{ key: value }` only when there is a value, so records carry no `undefined` keys. */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function excerptOf(text: string): string {
  const collapsed = collapseWhitespace(text);
  return collapsed.length > 160 ? `${collapsed.slice(0, 157)}...` : collapsed;
}

/** Objectives and content often hold escaped HTML or CDATA: the record keeps plain text. */
function richText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : meaningfulText(stripHtml(text));
}

const MODALITY_BY_CODE: Record<string, Modality> = { '0': 'in_person', '1': 'blended', '2': 'remote' };

function readModality(action: XmlElement | undefined, refuse: Refuse): Modality {
  const code = textAt(action, 'modalites-enseignement')?.trim();
  // The element is mandatory in LHEO; where it is absent, face-to-face is by far the usual case.
  if (!code) return 'in_person';
  const modality = MODALITY_BY_CODE[code];
  if (!modality)
    refuse(`modalites-enseignement is not 0, 1 or 2: "${code}"`, `<modalites-enseignement>${code}`);
  return modality ?? 'in_person';
}

/** A number the producer gave, or a refusal when it is there but is not one. */
function readNumber(element: XmlElement | undefined, name: string, refuse: Refuse): number | undefined {
  const text = meaningfulText(textAt(element, name));
  if (text === undefined) return undefined;
  const value = parseDecimal(text);
  if (value === undefined) refuse(`${name} is not a number: "${text}"`, excerptOf(`<${name}>${text}`));
  return value;
}

function readDurationHours(action: XmlElement | undefined, refuse: Refuse): number | undefined {
  const total = readNumber(action, 'nombre-heures-total', refuse);
  // Producers write 0 where they do not know the length: no training lasts zero hours.
  if (total !== undefined) return total > 0 ? total : undefined;
  const centre = readNumber(action, 'nombre-heures-centre', refuse);
  const company = readNumber(action, 'nombre-heures-entreprise', refuse);
  const split = (centre ?? 0) + (company ?? 0);
  if (split > 0) return split;
  return hoursInText(textAt(action, 'duree-indicative'));
}

/** `duree-indicative` is free text ("2 ans", "35 heures"): only an explicit number of hours counts. */
function hoursInText(text: string | undefined): number | undefined {
  const match = /(\d+(?:[.,]\d+)?)\s*h(?:eures?)?\b/i.exec(text ?? '');
  const hours = match?.[1] ? parseDecimal(match[1]) : undefined;
  return hours !== undefined && hours > 0 ? hours : undefined;
}

function readSessions(action: XmlElement | undefined, refuse: Refuse): SourceRecord['sessions'] {
  return childrenNamed(action, 'session').map((session, i) => {
    const start = readSessionDate(session, 'debut', i + 1, refuse);
    const end = readSessionDate(session, 'fin', i + 1, refuse);
    return { ...optional('start', start), ...optional('end', end) };
  });
}

function readSessionDate(
  session: XmlElement,
  bound: 'debut' | 'fin',
  sessionNumber: number,
  refuse: Refuse,
): string | undefined {
  const text = textAt(session, 'periode', bound)?.trim() ?? '';
  if (text === '' || text === '00000000') return undefined;
  const iso = lheoDate(text, bound);
  if (!iso) refuse(`session ${sessionNumber}: ${bound} is not a real date: "${text}"`, `<${bound}>${text}`);
  return iso;
}

/**
 * LHEO dates are YYYYMMDD. Intercarif writes `YYYYMM00` (and `YYYY0000`) when only the month (the
 * year) is known: a start is then read as the first day of that period and an end as its last day,
 * so that a session is never taken as over before it can be.
 */
function lheoDate(text: string, bound: 'debut' | 'fin'): string | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (day !== 0) return isoDateFromParts(year, month, day);
  if (month === 0) return isoDateFromParts(year, bound === 'debut' ? 1 : 12, bound === 'debut' ? 1 : 31);
  if (bound === 'debut') return isoDateFromParts(year, month, 1);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return month <= 12 ? isoDateFromParts(year, month, lastDay) : undefined;
}

/**
 * The provider is the `organisme-formation-responsable`: it is mandatory in LHEO, it is the body a
 * trainee enrols with, and its SIRET is the one Mon Compte Formation lists, so that the same
 * training from both producers can be recognised. The action's `organisme-formateur` (optional,
 * often a subcontractor) is used only when the responsible body names neither itself nor its SIRET.
 */
function readProvider(formation: XmlElement, action: XmlElement | undefined): SourceRecord['provider'] {
  const responsible = find(formation, 'organisme-formation-responsable');
  const provider = {
    ...optional(
      'name',
      meaningfulText(textAt(responsible, 'raison-sociale') ?? '') ??
        meaningfulText(textAt(responsible, 'nom-organisme')),
    ),
    ...optional('siret', normaliseSiret(textAt(responsible, 'SIRET-organisme-formation', 'SIRET') ?? '')),
  };
  if (provider.name || provider.siret) return provider;
  const trainer = find(action, 'organisme-formateur');
  return {
    ...optional('name', meaningfulText(textAt(trainer, 'raison-sociale-formateur'))),
    ...optional('siret', normaliseSiret(textAt(trainer, 'SIRET-formateur', 'SIRET') ?? '')),
  };
}

/**
 * LHEO `dict-niveaux` (code-niveau-sortie) to the European level. Codes 4-8 are the 1969 French
 * levels V..I, mapped as the 2019 decree on the national qualifications framework does (V→3, IV→4,
 * III→5, II→6, I→7); 11-18 are the 2019 levels 1-8 themselves. 0 (not stated), 1 (no specific
 * level), 2 (VI) and 3 (V bis) have no counterpart in that decree, so they give no level.
 */
const EUROPEAN_LEVEL_BY_LHEO_CODE: Record<string, number> = {
  '4': 3,
  '5': 4,
  '6': 5,
  '7': 6,
  '8': 7,
  '11': 1,
  '12': 2,
  '13': 3,
  '14': 4,
  '15': 5,
  '16': 6,
  '17': 7,
  '18': 8,
};

function readCertification(formation: XmlElement): SourceRecord['certification'] {
  const certifications = childrenNamed(formation, 'certification');
  const rncp = certifications.map((c) => normaliseRncp(textAt(c, 'code-RNCP') ?? '')).find(Boolean);
  const certifInfo = certifications
    .map((c) => textAt(c, 'code-CERTIFINFO')?.trim())
    .find((code) => code !== undefined && /^\d+$/.test(code));
  const level = EUROPEAN_LEVEL_BY_LHEO_CODE[textAt(formation, 'code-niveau-sortie')?.trim() ?? ''];
  return { ...optional('rncp', rncp), ...optional('certifInfo', certifInfo), ...optional('level', level) };
}

function readDomainCodes(formation: XmlElement): Pick<SourceRecord, 'formacodes' | 'romeCodes' | 'nsfCodes'> {
  const domain = find(formation, 'domaine-formation');
  const formacodes = childrenNamed(domain, 'code-FORMACODE');
  const principalFirst = [
    ...formacodes.filter((code) => code.attrs.tag === 'principal'),
    ...formacodes.filter((code) => code.attrs.tag !== 'principal'),
  ];
  return {
    formacodes: uniqueCodes(
      principalFirst.map((code) => code.text),
      FORMACODE_PATTERN,
    ),
    romeCodes: uniqueCodes(
      childrenNamed(domain, 'code-ROME').map((code) => code.text.toUpperCase()),
      ROME_PATTERN,
    ),
    nsfCodes: uniqueCodes(
      childrenNamed(domain, 'code-NSF').map((code) => code.text.toLowerCase()),
      NSF_PATTERN,
    ),
  };
}

/** Where the action takes place: its first `lieu-de-formation` address. Staff contacts are not read. */
function readPlace(action: XmlElement | undefined): SourceRecord['place'] {
  const address = childrenNamed(action, 'lieu-de-formation')
    .map((place) => find(place, 'coordonnees', 'adresse'))
    .find((found) => found !== undefined);
  if (!address) return undefined;
  const lines = childrenNamed(address, 'ligne')
    .map((line) => meaningfulText(line.text))
    .filter((line) => line !== undefined);
  const { lat, lon } = readCoordinates(find(address, 'geolocalisation'));
  const place = {
    ...optional('lat', lat),
    ...optional('lon', lon),
    ...optional('inseeCode', shaped(textAt(address, 'code-INSEE-commune'), /^\d[\dAB]\d{3}$/)),
    ...optional('postcode', shaped(textAt(address, 'codepostal'), /^\d{5}$/)),
    ...optional('city', meaningfulText(textAt(address, 'ville'))),
    ...optional('address', lines.length > 0 ? lines.join(', ') : undefined),
    ...optional('departement', normaliseDepartement(textAt(address, 'departement') ?? '')),
  };
  return Object.keys(place).length > 0 ? place : undefined;
}

function shaped(text: string | undefined, pattern: RegExp): string | undefined {
  const value = text?.trim().toUpperCase();
  return value && pattern.test(value) ? value : undefined;
}

/**
 * Coordinates that are not numbers, out of range, or the (0, 0) placeholder are dropped rather than
 * refused: the commune's INSEE code or postcode still locates the action.
 */
function readCoordinates(geo: XmlElement | undefined): { lat?: number; lon?: number } {
  const lat = coordinate(textAt(geo, 'latitude'), 90);
  const lon = coordinate(textAt(geo, 'longitude'), 180);
  if (lat === undefined || lon === undefined || (lat === 0 && lon === 0)) return {};
  return { lat, lon };
}

function coordinate(text: string | undefined, limit: number): number | undefined {
  const compact = text?.trim().replace(',', '.') ?? '';
  if (!/^-?\d+(\.\d+)?$/.test(compact)) return undefined;
  const value = Number(compact);
  return Math.abs(value) <= limit ? value : undefined;
}

const TRUTHY = /^(1|true|oui|o|yes|y)$/i;

/**
 * CPF eligibility sits in `extras info="eligibilite-cpf"` blocks, found on the action or its sessions
 * (Intercarif puts one per listing, with a `numero` and validity details) or on the formation. A
 * block is a yes by its presence, unless it carries an explicit `extra info="eligibilite-cpf"` flag,
 * which then decides. The validity dates are not checked: the parser knows no "today".
 */
function isCpfEligible(formation: XmlElement, action: XmlElement | undefined): boolean {
  const scopes = [...childrenNamed(formation, 'extras'), ...(action ? [action] : [])];
  for (const scope of scopes) {
    for (const element of selfAndDescendants(scope)) {
      if (element.attrs.info !== 'eligibilite-cpf') continue;
      if (element.name === 'extra' && TRUTHY.test(element.text.trim())) return true;
      if (element.name !== 'extras') continue;
      const flags = childrenNamed(element, 'extra').filter((extra) => extra.attrs.info === 'eligibilite-cpf');
      if (
        flags.length === 0 &&
        (element.attrs.numero || element.children.length > 0 || TRUTHY.test(element.text.trim()))
      ) {
        return true;
      }
    }
  }
  return false;
}

function readAudience(action: XmlElement | undefined): string | undefined {
  const parts = [
    richText(textAt(action, 'conditions-specifiques')),
    richText(textAt(action, 'info-public-vise')),
  ];
  const present = [...new Set(parts.filter((part) => part !== undefined))];
  return present.length > 0 ? present.join('\n') : undefined;
}
