import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Builders of small catalogue files in the three producer formats, for pipeline tests. */

export interface LheoActionSpec {
  numero: string;
  inseeCode: string;
  postcode: string;
  city: string;
  lat?: number;
  lon?: number;
  sessions: [start: string, end: string][];
  hours?: number;
  price?: number;
}

export interface LheoFormationSpec {
  numero: string;
  title: string;
  objectives: string;
  rncp?: string;
  certifInfo?: string;
  formacode: string;
  siret: string;
  provider: string;
  actions: LheoActionSpec[];
}

export const MCF_HEADER =
  'date_extract;nom_of;nom_departement;nom_region;type_referentiel;code_inventaire;code_rncp;intitule_certification;libelle_niveau_sortie_formation;code_formacode_1;code_formacode_2;code_formacode_3;code_formacode_4;code_formacode_5;libelle_code_formacode_principal;libelle_nsf_1;libelle_nsf_2;libelle_nsf_3;code_nsf_1;code_nsf_2;code_nsf_3;code_certifinfo;siret;numero_formation;intitule_formation;points_forts;nb_action;nb_session_active;nb_session_a_distance;nombre_heures_total_min;nombre_heures_total_max;nombre_heures_total_mean;frais_ttc_tot_min;frais_ttc_tot_max;frais_ttc_tot_mean;code_departement;code_region;nbaction_nbheures;coderegion_export';

export interface McfRowSpec {
  provider: string;
  siret: string;
  rncp: string;
  certifInfo: string;
  certification: string;
  formacode: string;
  numero: string;
  title: string;
  departement: string;
  hours: string;
  fees: string;
  remoteSessions?: number;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'catalogue-'));
}

export function writeLheo(dir: string, name: string, formations: LheoFormationSpec[]): string {
  const body = formations
    .map(
      (f) => `<formation numero="${f.numero}">
<domaine-formation><code-FORMACODE tag="principal">${f.formacode}</code-FORMACODE></domaine-formation>
<intitule-formation>${f.title}</intitule-formation>
<objectif-formation>${f.objectives}</objectif-formation>
<contenu-formation>Modules pratiques et stage en entreprise.</contenu-formation>
<contact-formation><coordonnees><nom>Dupont</nom><prenom>Marie</prenom>
<telfixe><numtel>06 12 34 56 78</numtel></telfixe><courriel>marie.dupont@exemple.fr</courriel></coordonnees></contact-formation>
<certification>${f.rncp ? `<code-RNCP>${f.rncp.replace('RNCP', '')}</code-RNCP>` : ''}${
        f.certifInfo ? `<code-CERTIFINFO>${f.certifInfo}</code-CERTIFINFO>` : ''
      }</certification>
${f.actions.map(actionXml).join('\n')}
<organisme-formation-responsable>
<numero-activite>52440000044</numero-activite>
<SIRET-organisme-formation><SIRET>${f.siret}</SIRET></SIRET-organisme-formation>
<nom-organisme>${f.provider}</nom-organisme>
<raison-sociale>${f.provider}</raison-sociale>
</organisme-formation-responsable>
</formation>`,
    )
    .join('\n');
  const path = join(dir, name);
  writeFileSync(
    path,
    `<?xml version="1.0" encoding="UTF-8"?><lheo xmlns="http://www.lheo.org/2.3"><offres>\n${body}\n</offres></lheo>\n`,
  );
  return path;
}

function actionXml(a: LheoActionSpec): string {
  const geo =
    a.lat !== undefined
      ? `<geolocalisation><latitude>${a.lat}</latitude><longitude>${a.lon}</longitude></geolocalisation>`
      : '';
  return `<action numero="${a.numero}">
<modalites-enseignement>0</modalites-enseignement>
<lieu-de-formation><coordonnees><nom>Site</nom><adresse><ligne>1 rue de la Gare</ligne><codepostal>${a.postcode}</codepostal><ville>${a.city}</ville><code-INSEE-commune>${a.inseeCode}</code-INSEE-commune>${geo}</adresse></coordonnees></lieu-de-formation>
<nombre-heures-total>${a.hours ?? 400}</nombre-heures-total>
<prix-total-TTC>${a.price ?? 3500}</prix-total-TTC>
${a.sessions.map(([start, end]) => `<session><periode><debut>${start}</debut><fin>${end}</fin></periode><etat-recrutement>1</etat-recrutement></session>`).join('\n')}
<extras info="eligibilite-cpf"><extra info="eligibilite-cpf">1</extra></extras>
</action>`;
}

export function writeMcfCsv(dir: string, name: string, rows: (McfRowSpec | string)[]): string {
  const lines = rows.map((row) =>
    typeof row === 'string'
      ? row
      : [
          '2026-11-30',
          row.provider,
          '',
          '',
          'RNCP',
          '',
          row.rncp,
          row.certification,
          'Niveau 4 (Bac)',
          row.formacode,
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          row.certifInfo,
          row.siret,
          row.numero,
          row.title,
          'Formation certifiante éligible au CPF.',
          '2',
          '2',
          String(row.remoteSessions ?? 0),
          row.hours,
          row.hours,
          row.hours,
          row.fees,
          row.fees,
          row.fees,
          row.departement,
          '52',
          '',
          '52',
        ].join(';'),
  );
  const path = join(dir, name);
  writeFileSync(path, `\uFEFF${MCF_HEADER}\n${lines.join('\n')}\n`);
  return path;
}

export interface PartnerItemSpec {
  ref: string;
  type: 'formation' | 'atelier' | 'evenement';
  title: string;
  summary: string;
  romeCodes?: string[];
  place: { postcode: string; city: string; inseeCode: string; lat?: number; lon?: number } | null;
  start: string;
  end: string;
}

export function writePartnerFeed(
  dir: string,
  name: string,
  partner: { name: string; siret: string; kind: string },
  items: PartnerItemSpec[],
): string {
  const feed = {
    schemaVersion: 1,
    partner,
    generatedAt: '2026-11-30T08:00:00Z',
    items: items.map((item) => ({
      ref: item.ref,
      type: item.type,
      title: item.title,
      summary: item.summary,
      audience: 'Tout public',
      romeCodes: item.romeCodes ?? [],
      formacodes: [],
      place: item.place && { address: 'Parc des expositions', ...item.place },
      online: item.place === null,
      slots: [{ start: item.start, end: item.end }],
      price: 0,
      durationHours: 3,
      url: 'https://example.org/evenement',
    })),
  };
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(feed, null, 2));
  return path;
}
