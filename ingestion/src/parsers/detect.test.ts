import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../test/parse-events';
import { detectFormat, parserFor } from './detect';
import { parseLheo } from './lheo';
import { parseMcfCsv, parseMcfJson } from './mcf';
import { parsePartnerFeed } from './partner';

const head = (bytes: Uint8Array) => bytes.subarray(0, 1024);
const text = (content: string) => new TextEncoder().encode(content);

describe('detectFormat', () => {
  it('recognises each producer format from its first KB', () => {
    expect(detectFormat(head(fixtureBytes('lheo/lheo-schema-exemple-bts-onisep.xml')))).toBe('lheo');
    expect(detectFormat(head(fixtureBytes('mcf/catalogue.csv')))).toBe('mcf-csv');
    expect(detectFormat(head(fixtureBytes('mcf/faulty.csv')))).toBe('mcf-csv');
    expect(detectFormat(head(fixtureBytes('mcf/catalogue.json')))).toBe('mcf-json');
    expect(detectFormat(head(fixtureBytes('partner/feed.json')))).toBe('partner');
  });

  it('looks past a byte order mark and leading blank space', () => {
    expect(detectFormat(text('\ufeff\n  <?xml version="1.0"?><lheo/>'))).toBe('lheo');
    expect(detectFormat(text('\ufeff\r\n[{"numero_formation":"F1"}]'))).toBe('mcf-json');
    expect(detectFormat(text(' \n{\n "schemaVersion": 1, "partner": {}}'))).toBe('partner');
  });

  it('recognises a Windows-1252 export', () => {
    const windows1252 = iconv.encode(
      'nom_of;numero_formation;intitule_formation;code_departement\nÉCOLE DES ÎLES;F1;Conducteur;971\n',
      'windows-1252',
    );
    expect(detectFormat(windows1252)).toBe('mcf-csv');
  });

  it('names no format for other files', () => {
    expect(detectFormat(text(''))).toBeUndefined();
    expect(detectFormat(text('{"type":"FeatureCollection","features":[]}'))).toBeUndefined();
    expect(detectFormat(text('code_rome;libelle\nN1103;Magasinier\n'))).toBeUndefined();
    // The column named on a later line is data, not the export's header.
    expect(detectFormat(text('titre,lieu\nnumero_formation;x\n'))).toBeUndefined();
  });
});

describe('parserFor', () => {
  it('gives each format its parser', () => {
    expect(parserFor('lheo')).toBe(parseLheo);
    expect(parserFor('mcf-csv')).toBe(parseMcfCsv);
    expect(parserFor('mcf-json')).toBe(parseMcfJson);
    expect(parserFor('partner')).toBe(parsePartnerFeed);
  });
});
