import { describe, expect, it } from 'vitest';
import { fixtureBytes, runParser } from '../../test/parse-events';
import { createPartnerFeedParser, parsePartnerFeed } from './partner';

const FEED_TEXT = new TextDecoder().decode(fixtureBytes('partner/feed.json'));
const FEED = JSON.parse(FEED_TEXT) as { items: unknown[] } & Record<string, unknown>;

/** Replaces a fragment the fixture is known to hold; fails loudly if the fixture changed. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture does not contain ${from}`);
  return text.replace(from, to);
}

describe('parsePartnerFeed', () => {
  it('maps events, workshops and trainings, online or in person', async () => {
    const { records } = await runParser(parsePartnerFeed, FEED_TEXT);
    expect(records.map((r) => [r.sourceId, r.kind, r.modality])).toEqual([
      ['24440040400129:NM-2027-0042', 'event', 'in_person'],
      ['24440040400129:NM-2027-0051', 'workshop', 'blended'],
      ['24440040400129:NM-2027-0060', 'training', 'remote'],
      ['24440040400129:NM-2027-0080', 'event', 'in_person'],
    ]);
    const [forum, cvWorkshop, digital, jobDating] = records;
    expect(forum).toMatchObject({
      source: 'partner',
      scope: 'partner:24440040400129',
      position: 'item 1 (ref NM-2027-0042)',
      title: "Forum de l'emploi de la logistique",
      provider: { name: 'Nantes Métropole', siret: '24440040400129' },
      romeCodes: ['N1103', 'N1101'],
      place: { postcode: '44300', city: 'Nantes', inseeCode: '44109', lat: 47.25, lon: -1.52 },
      sessions: [{ start: '2027-02-11', end: '2027-02-11' }],
      costEur: 0,
      durationHours: 8,
      cpf: false,
      audience: 'Tout public',
      url: 'https://example.org/forum-logistique',
    });
    expect(cvWorkshop?.sessions).toEqual([
      { start: '2027-03-02', end: '2027-03-02' },
      { start: '2027-03-09', end: '2027-03-09' },
    ]);
    // A null price is unknown, not free.
    expect(cvWorkshop?.costEur).toBeUndefined();
    expect(digital).toMatchObject({ place: undefined, formacodes: ['70354'], costEur: 45.5, sessions: [] });
    expect(jobDating?.sessions).toEqual([{ start: '2027-05-20', end: '2027-05-20' }]);
  });

  it('quarantines each invalid item with the path of its problems while the others pass', async () => {
    const { records, quarantined, incomplete } = await runParser(
      parsePartnerFeed,
      FEED_TEXT,
      97,
      'nantes.json',
    );
    expect(records).toHaveLength(4);
    expect(incomplete).toEqual([]);
    expect(quarantined.map((q) => q.position)).toEqual([
      'item 4 (ref NM-2027-0070)',
      'item 5 (ref NM-2027-0071)',
      'item 6 (ref NM-2027-0072)',
      'item 7 (ref NM-2027-0042)',
    ]);
    const [conference, backwards, impossible, duplicate] = quarantined.map((q) => q.reason);
    expect(conference).toMatch(/^type: .*; romeCodes\.0: /);
    expect(backwards).toMatch(/^slots\.0\.end: .*before/);
    expect(impossible).toMatch(/^slots\.0\.start: .*2027-02-30/);
    expect(duplicate).toBe('duplicate ref NM-2027-0042');
    expect(quarantined[0]).toMatchObject({ file: 'nantes.json', source: 'partner' });
  });

  it('refuses a feed of another schema version whole', async () => {
    const v2 = edit(FEED_TEXT, '"schemaVersion": 1', '"schemaVersion": 2');
    const { records, quarantined, incomplete } = await runParser(parsePartnerFeed, v2);
    expect(records).toEqual([]);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]?.reason).toMatch(/schemaVersion 2/);
    expect(incomplete).toHaveLength(1);
  });

  it('refuses a feed whose partner is not described as v1 says', async () => {
    const unknownKind = edit(FEED_TEXT, '"kind": "collectivite"', '"kind": "entreprise"');
    const { records, quarantined, incomplete } = await runParser(parsePartnerFeed, unknownKind);
    expect(records).toEqual([]);
    expect(quarantined.map((q) => q.reason)).toEqual([expect.stringMatching(/^partner\.kind: /)]);
    expect(incomplete).toHaveLength(1);
  });

  it('refuses a feed that does not say who publishes it', async () => {
    const { partner: _, ...anonymous } = FEED;
    const { records, quarantined, incomplete } = await runParser(parsePartnerFeed, JSON.stringify(anonymous));
    expect(records).toEqual([]);
    expect(quarantined.map((q) => q.reason)).toEqual(['partner: missing']);
    expect(incomplete).toHaveLength(1);
  });

  it('reads items written before the header', async () => {
    const { items, ...header } = FEED;
    const itemsFirst = JSON.stringify({ items, ...header });
    expect(itemsFirst.indexOf('"items"')).toBeLessThan(itemsFirst.indexOf('"schemaVersion"'));
    const reordered = await runParser(parsePartnerFeed, itemsFirst);
    const original = await runParser(parsePartnerFeed, FEED_TEXT);
    expect(reordered.events).toEqual(original.events);
  });

  it('keeps the complete items of a cut feed and reports it incomplete', async () => {
    const cut = FEED_TEXT.slice(0, FEED_TEXT.indexOf('"ref": "NM-2027-0060"'));
    const { records, incomplete } = await runParser(parsePartnerFeed, cut);
    expect(records.map((r) => r.sourceId)).toEqual([
      '24440040400129:NM-2027-0042',
      '24440040400129:NM-2027-0051',
    ]);
    expect(incomplete).toEqual([expect.stringMatching(/after item 2/)]);
  });

  it('stops reading at the size cap and reports the feed incomplete', async () => {
    const capped = createPartnerFeedParser({ maxBytes: 2000 });
    const { records, incomplete } = await runParser(capped, FEED_TEXT);
    const full = await runParser(parsePartnerFeed, FEED_TEXT);
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThan(full.records.length);
    expect(records).toEqual(full.records.slice(0, records.length));
    expect(incomplete).toEqual([expect.stringMatching(/larger than 2000 bytes/)]);
  });

  it('refuses an in-person item without a place', async () => {
    const feed = {
      schemaVersion: 1,
      partner: { name: 'APEC Pays de la Loire', kind: 'apec', siret: '78535198700120' },
      items: [
        { ref: 'A1', type: 'atelier', title: 'Atelier réseau professionnel', place: null, online: false },
        { ref: 'A2', type: 'atelier', title: 'Atelier LinkedIn', place: null },
      ],
    };
    const { records, quarantined } = await runParser(parsePartnerFeed, JSON.stringify(feed));
    expect(quarantined.map((q) => [q.position, q.reason])).toEqual([
      ['item 1 (ref A1)', 'place: no place while online is false'],
    ]);
    expect(records.map((r) => [r.sourceId, r.modality, r.scope])).toEqual([
      ['78535198700120:A2', 'remote', 'partner:78535198700120'],
    ]);
  });

  it('refuses a feed without items rather than retire everything its partner published', async () => {
    const { items: _, ...header } = FEED;
    const { quarantined, incomplete } = await runParser(parsePartnerFeed, JSON.stringify(header));
    expect(quarantined.map((q) => q.reason)).toEqual(['items: missing']);
    expect(incomplete).toHaveLength(1);
  });

  it('reads an empty feed as a complete delivery with nothing in it', async () => {
    const { items: _, ...header } = FEED;
    const { events } = await runParser(parsePartnerFeed, JSON.stringify({ ...header, items: [] }));
    expect(events).toEqual([]);
  });
});
