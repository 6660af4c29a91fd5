import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseLheo } from './lheo';
import type { ParseEvent, SourceRecord } from './source-record';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/lheo/${name}`, import.meta.url), 'utf8');
const ONISEP = fixture('lheo-schema-exemple-bts-onisep.xml');
const ANOTEA = fixture('anotea-intercarif-data-test.xml');
const BOB = fixture('bob-emploi-intercarif-resumes-offres.xml');

/** Feeds bytes in small chunks, so that tags, characters and CDATA get cut between chunks. */
async function* chunked(bytes: Uint8Array, size = 997): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function parse(content: string | Uint8Array, file = 'offres.xml') {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const events: ParseEvent[] = [];
  for await (const event of parseLheo(chunked(bytes), file)) events.push(event);
  return {
    events,
    records: events.flatMap((e) => (e.type === 'record' ? [e.record] : [])),
    quarantined: events.flatMap((e) => (e.type === 'quarantine' ? [e.entry] : [])),
    incomplete: events.filter((e) => e.type === 'incomplete'),
  };
}

/** Replaces a fragment the fixture is known to hold; fails loudly if the fixture changed. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return text.replace(from, to);
}

function formationOf(text: string): string {
  const match = /<formation[\s>][\s\S]*<\/formation>/.exec(text);
  if (!match) throw new Error('fixture has no formation');
  return match[0];
}

function offres(...formations: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<lheo xmlns="http://www.lheo.org/2.2"><offres>\n${formations.join('\n')}\n</offres></lheo>\n`;
}

function only(records: SourceRecord[]): SourceRecord {
  expect(records).toHaveLength(1);
  return records[0] as SourceRecord;
}

describe('parseLheo on the real samples', () => {
  it('reads the Onisep BTS offer: codes, certification, place, session, HTML stripped', async () => {
    const { records, quarantined, incomplete } = await parse(ONISEP);
    expect(quarantined).toEqual([]);
    expect(incomplete).toEqual([]);
    const record = only(records);
    expect(record).toMatchObject({
      source: 'lheo',
      sourceId: '9436_18706',
      scope: 'lheo',
      kind: 'training',
      position: 'formation 1, action 1 (line 32)',
      title: 'BTS négociation et relation client',
      provider: { name: 'Lycée Kerneuzec', siret: '19290076900014' },
      // code-niveau-sortie 6 is the old "niveau III" (BTS): European level 5.
      certification: { rncp: 'RNCP474', certifInfo: '19004', level: 5 },
      formacodes: ['34582', '34076'],
      romeCodes: ['D1402', 'D1403', 'D1408'],
      nsfCodes: ['312'],
      place: {
        lat: 47.882108,
        lon: -3.5526545,
        inseeCode: '29233',
        postcode: '29391',
        city: 'QUIMPERLÉ',
        departement: '29',
        address: 'Kerneuzec',
      },
      modality: 'in_person',
      sessions: [{ start: '2015-09-01', end: '2017-08-31' }],
      cpf: false,
      url: 'lyceedekerneuzec.fr',
    });
    expect(record.objectives).toMatch(/^A la fois vendeur, manager et commercial/);
    expect(record.content).toContain('Gestion de clientèles ( 5 heures hebdomadaire');
    expect(`${record.objectives} ${record.content}`).not.toMatch(/<|&lt;|&gt;/);
    // "2 ans" is the only duration given: it is no number of hours.
    expect(record.durationHours).toBeUndefined();
  });

  it('reads the Anotea Intercarif offer: hours, CPF extras on the session, coarse coordinates', async () => {
    const { records, quarantined } = await parse(ANOTEA);
    expect(quarantined).toEqual([]);
    const record = only(records);
    expect(record).toMatchObject({
      sourceId: 'AC_XX_XXXXXX',
      position: 'formation 1, action 1 (line 54)',
      title: 'Développeur web',
      objectives: "L'objectif est d'obtenir la qualification de développeur web, pour un accès à l'emploi.",
      content: "Réaliser le développement d'application web.",
      certification: { rncp: 'RNCP320', certifInfo: '80735', level: 3 },
      formacodes: ['22403'],
      romeCodes: ['F1604'],
      nsfCodes: ['233'],
      place: { lat: 48, lon: 2, postcode: '75019', city: 'Paris', departement: '75' },
      modality: 'in_person',
      // The registration period (00000000 to 20180522) is not a session.
      sessions: [{ start: '2017-10-30', end: '2018-06-01' }],
      durationHours: 697,
      cpf: true,
      url: 'https://anotea.francetravail.fr',
    });
    // The anonymised SIRET has 15 digits: it is not a SIRET.
    expect(record.provider).toEqual({ name: 'Centre de formation Anotéa' });
    expect(record.place?.address).toBeUndefined();
  });

  it('copies no contact detail of any sample into the records', async () => {
    const samples = [ONISEP, ANOTEA];
    const records = (await Promise.all(samples.map((sample) => parse(sample)))).flatMap((r) => r.records);
    expect(records).toHaveLength(2);
    const json = JSON.stringify(records);
    const contacts = samples.flatMap((sample) =>
      [...sample.matchAll(/<(numtel|courriel|nom|prenom)>([^<]+)</g)].map((m) => m[2] as string),
    );
    expect(contacts).toEqual(expect.arrayContaining(['06 22 22 22 22', 'anotea.pe@gmail.com', 'Jacko']));
    expect(contacts).toContain('ce.0290076a@ac-rennes.fr');
    for (const contact of contacts) expect(json).not.toContain(contact);
  });

  it('refuses the Bob Emploi <lheo-index> search results as not being an offer delivery', async () => {
    const { records, quarantined, incomplete } = await parse(BOB, 'carif.xml');
    expect(records).toEqual([]);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({
      file: 'carif.xml',
      source: 'lheo',
      position: 'line 1, column 44',
    });
    expect(quarantined[0]?.reason).toContain('<lheo-index>');
    expect(incomplete).toHaveLength(1);
  });
});

describe('parseLheo on broken or unusual input', () => {
  const twoFormations = offres(formationOf(ONISEP), formationOf(ANOTEA));

  it('reads both formations of a whole two-formation file', async () => {
    const { records, incomplete } = await parse(twoFormations);
    expect(records.map((r) => r.sourceId)).toEqual(['9436_18706', 'AC_XX_XXXXXX']);
    expect(records[1]?.position).toMatch(/^formation 2, action 1 \(line \d+\)$/);
    expect(incomplete).toEqual([]);
  });

  it('keeps the records before a truncation and marks the delivery incomplete', async () => {
    const secondStart = twoFormations.indexOf('<formation numero="F_XX_XX"');
    const secondEnd = twoFormations.lastIndexOf('</formation>');
    const cut = twoFormations.slice(0, Math.floor((secondStart + secondEnd) / 2));
    const { events, records, quarantined } = await parse(cut);
    expect(records.map((r) => r.sourceId)).toEqual(['9436_18706']);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]?.position).toMatch(/^line \d+, column \d+$/);
    expect(events.at(-1)?.type).toBe('incomplete');
  });

  it('stops at malformed XML without throwing, keeping what came before', async () => {
    const broken = offres(
      formationOf(ONISEP),
      '<formation numero="X"><intitule-formation>A & B</intitule-formation>',
    );
    const { records, quarantined, incomplete } = await parse(broken);
    expect(records).toHaveLength(1);
    expect(quarantined[0]?.reason).toMatch(/the XML breaks at line \d+/);
    expect(incomplete).toHaveLength(1);
  });

  it.each([
    ['plain text', 'this is not XML'],
    ['an empty file', ''],
    ['another XML document', '<?xml version="1.0"?><rss><channel/></rss>'],
  ])('turns %s into one quarantine entry and an incomplete delivery', async (_name, content) => {
    const { records, quarantined, incomplete } = await parse(content);
    expect(records).toEqual([]);
    expect(quarantined).toHaveLength(1);
    expect(incomplete).toHaveLength(1);
  });

  it('turns a read failure into a quarantine entry and an incomplete delivery, keeping earlier records', async () => {
    const head = new TextEncoder().encode(
      twoFormations.slice(0, twoFormations.indexOf('<formation numero="F_XX_XX"')),
    );
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield head;
      yield new Uint8Array(70_000).fill(0x20); // past the encoding sniff, so the head gets parsed
      throw new Error('disk unplugged');
    }
    const events: ParseEvent[] = [];
    for await (const event of parseLheo(failing(), 'offres.xml')) events.push(event);
    expect(events.map((e) => e.type)).toEqual(['record', 'quarantine', 'incomplete']);
    expect(events[1]).toMatchObject({
      type: 'quarantine',
      entry: { reason: expect.stringContaining('disk unplugged') },
    });
  });

  it('refuses an <lheo> document without <offres> as an incomplete delivery', async () => {
    const { quarantined, incomplete } = await parse('<lheo xmlns="http://www.lheo.org/2.3"></lheo>');
    expect(quarantined[0]?.reason).toContain('<offres>');
    expect(incomplete).toHaveLength(1);
  });

  it('reads Windows-1252 bytes declared as ISO-8859-1', async () => {
    const latin = edit(ONISEP, 'encoding="UTF-8"', 'encoding="ISO-8859-1"');
    const bytes = iconv.encode(latin, 'win1252');
    expect(bytes.includes(0xe9)).toBe(true); // é as one Windows-1252 byte, not UTF-8
    const record = only((await parse(bytes)).records);
    expect(record.title).toBe('BTS négociation et relation client');
    expect(record.place?.city).toBe('QUIMPERLÉ');
    expect(record.provider.name).toBe('Lycée Kerneuzec');
  });

  it('reads prefixed elements in the 2.3 namespace like unprefixed 2.2 ones', async () => {
    const prefixed = edit(
      ONISEP,
      'xmlns="http://www.lheo.org/2.2"',
      'xmlns:l="http://www.lheo.org/2.3"',
    ).replace(/<(\/?)([a-zA-Z])/g, '<$1l:$2');
    expect(prefixed).toContain('<l:formation numero="9436_18706">');
    const [plain] = (await parse(ONISEP)).records;
    expect(only((await parse(prefixed)).records)).toEqual(plain);
  });

  it.each(['20231345', '20230230', '2023-10-30', '2017103O'])(
    'quarantines the record whose session date %s is impossible, naming the date',
    async (date) => {
      const { records, quarantined } = await parse(
        edit(ANOTEA, '<debut>20171030</debut>', `<debut>${date}</debut>`),
      );
      expect(records).toEqual([]);
      expect(quarantined).toHaveLength(1);
      expect(quarantined[0]?.reason).toContain(date);
      expect(quarantined[0]?.position).toBe('formation 1, action 1 (line 54)');
    },
  );

  it('reads 00000000 as unknown and a 00 day (as Intercarif writes it) as the whole month', async () => {
    const unknownStart = edit(ANOTEA, '<debut>20171030</debut>', '<debut>00000000</debut>');
    expect(only((await parse(unknownStart)).records).sessions).toEqual([{ end: '2018-06-01' }]);
    const monthOnly = edit(
      edit(ANOTEA, '<debut>20171030</debut>', '<debut>20170900</debut>'),
      '<fin>20180601</fin>',
      '<fin>20180200</fin>',
    );
    expect(only((await parse(monthOnly)).records).sessions).toEqual([
      { start: '2017-09-01', end: '2018-02-28' },
    ]);
  });

  it('quarantines the second record with an id already read in the file', async () => {
    const { records, quarantined } = await parse(offres(formationOf(ANOTEA), formationOf(ANOTEA)));
    expect(records).toHaveLength(1);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]?.reason).toContain('duplicate id "AC_XX_XXXXXX"');
    expect(quarantined[0]?.position).toMatch(/^formation 2, action 1/);
  });

  it.each([
    ['an action without numero', '<action numero="AC_XX_XXXXXX"', '<action', /action without a numero/],
    [
      'a formation without title',
      '<intitule-formation>Développeur web</intitule-formation>',
      '',
      /intitule-formation/,
    ],
    [
      'non-numeric hours',
      '<nombre-heures-total>697<',
      '<nombre-heures-total>environ 700<',
      /nombre-heures-total.*environ 700/,
    ],
    [
      'an unknown modality',
      '<modalites-enseignement>0<',
      '<modalites-enseignement>9<',
      /modalites-enseignement/,
    ],
  ])('quarantines %s with its reason and reads on', async (_name, from, to, reason) => {
    const bad = formationOf(edit(ANOTEA, from, to));
    const { records, quarantined } = await parse(offres(bad, formationOf(ONISEP)));
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]?.reason).toMatch(reason);
    expect(quarantined[0]?.position).toMatch(/^formation 1, action 1 \(line \d+\)$/);
    expect(records.map((r) => r.sourceId)).toEqual(['9436_18706']);
  });

  it('quarantines a price that is not a number', async () => {
    const priced = edit(
      ANOTEA,
      '<conventionnement>',
      '<prix-total-TTC>gratuit</prix-total-TTC>\n<conventionnement>',
    );
    const { records, quarantined } = await parse(priced);
    expect(records).toEqual([]);
    expect(quarantined[0]?.reason).toBe('prix-total-TTC is not a number: "gratuit"');
  });

  it('reads a price written with a decimal comma', async () => {
    const priced = edit(
      ANOTEA,
      '<conventionnement>',
      '<prix-total-TTC>4 350,50</prix-total-TTC>\n<conventionnement>',
    );
    expect(only((await parse(priced)).records).costEur).toBe(4350.5);
  });

  it('adds centre and company hours when the total is missing', async () => {
    const noTotal = edit(ANOTEA, '<nombre-heures-total>697</nombre-heures-total>', '');
    expect(only((await parse(noTotal)).records).durationHours).toBe(585 + 112);
  });

  it('makes one record of a formation without action, with the formation numero', async () => {
    const withoutAction = ONISEP.replace(/<action [\s\S]*<\/action>/, '');
    const record = only((await parse(withoutAction)).records);
    expect(record).toMatchObject({ sourceId: '9436_18706', position: 'formation 1 (line 4)', sessions: [] });
    expect(record.place).toBeUndefined();
  });

  it.each([
    ['0', undefined],
    ['3', undefined],
    ['4', 3],
    ['8', 7],
    ['11', 1],
    ['16', 6],
    ['18', 8],
  ])('maps code-niveau-sortie %s to European level %s', async (code, level) => {
    const coded = edit(ONISEP, '<code-niveau-sortie>6<', `<code-niveau-sortie>${code}<`);
    expect(only((await parse(coded)).records).certification.level).toBe(level);
  });

  it('strips HTML held in CDATA and keeps only well-formed codes', async () => {
    const edited = edit(
      edit(
        ONISEP,
        /<contenu-formation>[\s\S]*?<\/contenu-formation>/.exec(ONISEP)?.[0] ?? '<contenu-formation>',
        '<contenu-formation><![CDATA[<p>Module&nbsp;1 :</p><ul><li>Vente</li><li>Négociation</li></ul>]]></contenu-formation>',
      ),
      '<code-ROME>D1408</code-ROME>',
      '<code-ROME>D1408</code-ROME><code-ROME>d1406</code-ROME><code-ROME>Z9999</code-ROME><code-FORMACODE>3458</code-FORMACODE>',
    );
    const record = only((await parse(edited)).records);
    expect(record.content).toBe('Module 1 : Vente Négociation');
    expect(record.romeCodes).toEqual(['D1402', 'D1403', 'D1408', 'D1406']);
    expect(record.formacodes).toEqual(['34582', '34076']);
  });

  it.each([
    ['0', false],
    ['oui', true],
  ])('follows an explicit eligibilite-cpf flag "%s"', async (flag, cpf) => {
    const flagged = edit(
      ONISEP,
      '<extras info="type-formation">',
      `<extras info="eligibilite-cpf"><extra info="eligibilite-cpf">${flag}</extra></extras>\n<extras info="type-formation">`,
    );
    expect(only((await parse(flagged)).records).cpf).toBe(cpf);
  });

  it('maps modalites-enseignement 2 to remote', async () => {
    const remote = edit(ONISEP, '<modalites-enseignement>0<', '<modalites-enseignement>2<');
    expect(only((await parse(remote)).records).modality).toBe('remote');
  });
});

describe('parseLheo streaming', () => {
  function generatedFormation(index: number, actions: number): string {
    const action = (a: number) => `
      <action numero="AC_${index}_${a}"><modalites-enseignement>1</modalites-enseignement>
        <lieu-de-formation><coordonnees><adresse><ligne>${a} rue des Écoles</ligne><codepostal>69001</codepostal>
        <ville>Lyon</ville><geolocalisation><latitude>45.76</latitude><longitude>4.83</longitude></geolocalisation>
        </adresse></coordonnees></lieu-de-formation>
        <session><periode><debut>20270105</debut><fin>20270630</fin></periode></session>
        <nombre-heures-total>${100 + a}</nombre-heures-total><prix-total-TTC>1500</prix-total-TTC>
      </action>`;
    return `<formation numero="F_${index}"><domaine-formation><code-FORMACODE tag="principal">31054</code-FORMACODE>
      <code-ROME>M1805</code-ROME></domaine-formation><intitule-formation>Développeur ${index}</intitule-formation>
      ${Array.from({ length: actions }, (_, a) => action(a + 1)).join('')}
      <organisme-formation-responsable><SIRET-organisme-formation><SIRET>13000548100010</SIRET></SIRET-organisme-formation>
      <nom-organisme>Organisme ${index}</nom-organisme></organisme-formation-responsable></formation>\n`;
  }

  it('yields records while the file is still being produced, with a bounded backlog', async () => {
    const formations = 1_000;
    const actionsPerFormation = 5;
    let producedActions = 0;
    async function* file(): AsyncGenerator<Uint8Array> {
      const encoder = new TextEncoder();
      yield encoder.encode(
        '<?xml version="1.0" encoding="UTF-8"?><lheo xmlns="http://www.lheo.org/2.3"><offres>',
      );
      for (let f = 1; f <= formations; f++) {
        yield encoder.encode(generatedFormation(f, actionsPerFormation));
        producedActions += actionsPerFormation;
      }
      yield encoder.encode('</offres></lheo>');
    }
    let records = 0;
    let maxBacklog = 0;
    let last: SourceRecord | undefined;
    for await (const event of parseLheo(file(), 'generated.xml')) {
      expect(event.type).toBe('record');
      if (event.type !== 'record') continue;
      records++;
      last = event.record;
      maxBacklog = Math.max(maxBacklog, producedActions - records);
    }
    expect(records).toBe(formations * actionsPerFormation);
    // Only the 64 KiB sniffed for the encoding (about 130 actions here) and one formation wait.
    expect(maxBacklog).toBeLessThan(300);
    expect(last).toMatchObject({
      sourceId: 'AC_1000_5',
      title: 'Développeur 1000',
      modality: 'blended',
      durationHours: 105,
      costEur: 1500,
      provider: { name: 'Organisme 1000', siret: '13000548100010' },
      place: { address: '5 rue des Écoles', postcode: '69001', lat: 45.76, lon: 4.83 },
      sessions: [{ start: '2027-01-05', end: '2027-06-30' }],
    });
  });
});
