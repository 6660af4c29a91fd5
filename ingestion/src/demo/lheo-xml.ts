import type { StaffContact } from './people';

/**
 * LHEO 2.3 serialisation of the demo offers. Element order follows the XSD sequences
 * (../data/lheo/lheo.xsd) and the nesting of the real Intercarif samples.
 */
export const LHEO_NAMESPACE = 'http://www.lheo.org/2.3';

export interface LheoAddress {
  street: string;
  postcode: string;
  city: string;
  departement: string;
  inseeCode?: string;
  region?: string;
  /** Written as given: precise ("45.76412") or coarse whole degrees ("45"). */
  geo?: { lat: string; lon: string };
}

export interface LheoCpfEligibility {
  numero: string;
  source: string;
  validFrom: string;
  validTo: string;
}

export interface LheoSession {
  numero: string;
  /** YYYYMMDD, `00000000` when unknown. */
  start: string;
  end: string;
  /** 1 open, 2 closed, 3 suspended. */
  recruitment: '1' | '2' | '3';
  registration: LheoAddress;
  cpf?: LheoCpfEligibility;
}

export interface LheoAction {
  numero?: string;
  rhythm: string;
  publicCode: string;
  /** 0 in person, 1 blended, 2 remote. */
  modality: '0' | '1' | '2';
  workPlacement: string;
  place?: { siteName: string; address: LheoAddress; phone: string };
  sessions: LheoSession[];
  recruitmentMethods: string;
  hoursCentre?: number;
  hoursCompany?: number;
  hoursTotal?: number;
  price?: number;
}

export interface LheoFormation {
  numero: string;
  created: string;
  updated: string;
  /** The first one is tagged principal. */
  formacodes: string[];
  nsfCodes: string[];
  romeCodes: string[];
  title: string;
  objectives: string;
  expectedResults: string;
  content: string;
  certifying: boolean;
  contact: StaffContact;
  certification?: { rncp?: string; certifInfo: string };
  /** LHEO 2.3 `dict-niveaux`: 11-18 are the European levels 1-8, 0 not stated. */
  exitLevel: string;
  url: string;
  actions: LheoAction[];
  responsible: {
    numero: string;
    activityNumber: string;
    siret: string;
    name: string;
    legalName: string;
    address: LheoAddress;
    email: string;
    phone: string;
    web: string;
    contact: StaffContact;
  };
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text content: apostrophes, frequent in French, stay as they are. */
function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (char) => XML_ESCAPES[char] ?? char);
}

/** Escapes a double-quoted attribute value. */
function escapeAttribute(text: string): string {
  return text.replace(/[&<>"]/g, (char) => XML_ESCAPES[char] ?? char);
}

function el(name: string, text: string | number): string {
  return `<${name}>${escapeText(String(text))}</${name}>\n`;
}

function addressXml(address: LheoAddress): string {
  const geo = address.geo
    ? `<geolocalisation>\n${el('latitude', address.geo.lat)}${el('longitude', address.geo.lon)}</geolocalisation>\n`
    : '';
  return (
    '<adresse>\n' +
    el('ligne', address.street) +
    el('codepostal', address.postcode) +
    el('ville', address.city) +
    el('departement', address.departement) +
    (address.inseeCode ? el('code-INSEE-commune', address.inseeCode) : '') +
    (address.region ? el('region', address.region) : '') +
    el('pays', 'FR') +
    geo +
    '</adresse>\n'
  );
}

/** A staff member's block: name, phones and e-mail, which the ingestion must never keep. */
function staffCoordinates(contact: StaffContact): string {
  return (
    '<coordonnees>\n' +
    el('civilite', contact.civilite) +
    el('nom', contact.lastName) +
    el('prenom', contact.firstName) +
    `<telfixe>\n${el('numtel', contact.phone)}</telfixe>\n` +
    `<portable>\n${el('numtel', contact.mobile)}</portable>\n` +
    el('courriel', contact.email) +
    '</coordonnees>\n'
  );
}

function cpfXml(cpf: LheoCpfEligibility): string {
  return (
    `<extras info="eligibilite-cpf" numero="${escapeAttribute(cpf.numero)}">\n` +
    `<extra info="source">${escapeText(cpf.source)}</extra>\n` +
    `<extra info="debut-validite">${cpf.validFrom}</extra>\n` +
    `<extra info="fin-validite">${cpf.validTo}</extra>\n` +
    '<extra info="public">1</extra>\n' +
    '<extra info="france-entiere">1</extra>\n' +
    '<extra info="inter-branche">1</extra>\n' +
    '</extras>\n'
  );
}

function sessionXml(session: LheoSession): string {
  return (
    `<session numero="${escapeAttribute(session.numero)}">\n` +
    `<periode>\n${el('debut', session.start)}${el('fin', session.end)}</periode>\n` +
    `<adresse-inscription>\n${addressXml(session.registration)}</adresse-inscription>\n` +
    el('etat-recrutement', session.recruitment) +
    (session.cpf ? cpfXml(session.cpf) : '') +
    '</session>\n'
  );
}

function actionXml(action: LheoAction): string {
  const numero = action.numero === undefined ? '' : ` numero="${escapeAttribute(action.numero)}"`;
  const place = action.place
    ? '<lieu-de-formation>\n<coordonnees>\n' +
      el('nom', action.place.siteName) +
      addressXml(action.place.address) +
      `<telfixe>\n${el('numtel', action.place.phone)}</telfixe>\n` +
      '</coordonnees>\n</lieu-de-formation>\n'
    : '';
  return (
    `<action${numero}>\n` +
    el('rythme-formation', action.rhythm) +
    `<code-public-vise ref="V12">${action.publicCode}</code-public-vise>\n` +
    el('niveau-entree-obligatoire', '0') +
    el('modalites-alternance', action.workPlacement) +
    el('modalites-enseignement', action.modality) +
    el('conditions-specifiques', '-') +
    el('prise-en-charge-frais-possible', action.price === undefined ? '0' : '1') +
    place +
    el('modalites-entrees-sorties', '0') +
    action.sessions.map(sessionXml).join('') +
    el('modalites-recrutement', action.recruitmentMethods) +
    (action.price === undefined ? '' : el('prix-total-TTC', action.price.toFixed(2))) +
    (action.hoursCentre === undefined ? '' : el('nombre-heures-centre', action.hoursCentre)) +
    (action.hoursCompany === undefined ? '' : el('nombre-heures-entreprise', action.hoursCompany)) +
    (action.hoursTotal === undefined ? '' : el('nombre-heures-total', action.hoursTotal)) +
    '</action>\n'
  );
}

function responsibleXml(responsible: LheoFormation['responsible']): string {
  return (
    `<organisme-formation-responsable numero="${escapeAttribute(responsible.numero)}">\n` +
    el('numero-activite', responsible.activityNumber) +
    `<SIRET-organisme-formation>\n${el('SIRET', responsible.siret)}</SIRET-organisme-formation>\n` +
    el('nom-organisme', responsible.name) +
    el('raison-sociale', responsible.legalName) +
    '<coordonnees-organisme>\n<coordonnees>\n' +
    addressXml(responsible.address) +
    `<telfixe>\n${el('numtel', responsible.phone)}</telfixe>\n` +
    el('courriel', responsible.email) +
    `<web>\n${el('urlweb', responsible.web)}</web>\n` +
    '</coordonnees>\n</coordonnees-organisme>\n' +
    `<contact-organisme>\n${staffCoordinates(responsible.contact)}</contact-organisme>\n` +
    '</organisme-formation-responsable>\n'
  );
}

export function lheoHeader(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<lheo xmlns="${LHEO_NAMESPACE}">\n<offres>\n`;
}

export function lheoFooter(exportDate: string): string {
  return (
    '</offres>\n<extras info="flux-intercarif">\n' +
    `<extra info="date-export">${exportDate}</extra>\n` +
    '</extras>\n</lheo>\n'
  );
}

export function formationXml(formation: LheoFormation): string {
  const formacodes = formation.formacodes
    .map(
      (code, i) =>
        `<code-FORMACODE ref="V12"${i === 0 ? ' tag="principal"' : ''}>${escapeText(code)}</code-FORMACODE>\n`,
    )
    .join('');
  const certification = formation.certification
    ? '<certification>\n' +
      (formation.certification.rncp ? el('code-RNCP', formation.certification.rncp) : '') +
      el('code-CERTIFINFO', formation.certification.certifInfo) +
      '</certification>\n'
    : '';
  return (
    `<formation numero="${escapeAttribute(formation.numero)}" datecrea="${formation.created}" datemaj="${formation.updated}">\n` +
    '<domaine-formation>\n' +
    formacodes +
    formation.nsfCodes.map((code) => el('code-NSF', code)).join('') +
    formation.romeCodes.map((code) => el('code-ROME', code)).join('') +
    '</domaine-formation>\n' +
    el('intitule-formation', formation.title) +
    el('objectif-formation', formation.objectives) +
    el('resultats-attendus', formation.expectedResults) +
    el('contenu-formation', formation.content) +
    el('certifiante', formation.certifying ? '1' : '0') +
    `<contact-formation>\n${staffCoordinates(formation.contact)}</contact-formation>\n` +
    el('parcours-de-formation', '1') +
    el('code-niveau-entree', '0') +
    certification +
    el('code-niveau-sortie', formation.exitLevel) +
    `<url-formation>\n${el('urlweb', formation.url)}</url-formation>\n` +
    formation.actions.map(actionXml).join('') +
    responsibleXml(formation.responsible) +
    '</formation>\n'
  );
}
