import { parseLheo } from './lheo';
import { parseMcfCsv, parseMcfJson } from './mcf';
import { parsePartnerFeed } from './partner';
import type { Parser } from './source-record';

export type FileFormat = 'lheo' | 'mcf-csv' | 'mcf-json' | 'partner';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Names a catalogue file's format from its first bytes (a KB holds every marker), whatever its name says: XML is LHEO, an
 * object with `schemaVersion` a partner feed, an array the Mon Compte Formation JSON export, and a
 * `;` header line naming `numero_formation` its CSV export. Undefined for anything else.
 */
export function detectFormat(head: Uint8Array): FileFormat | undefined {
  const bomLength = UTF8_BOM.every((byte, i) => head[i] === byte) ? UTF8_BOM.length : 0;
  // Every marker is ASCII, which reads the same in UTF-8 and Windows-1252.
  const text = Buffer.from(head.subarray(bomLength)).toString('latin1').trimStart();
  if (text.startsWith('<')) return 'lheo';
  if (text.startsWith('{')) return /"schemaVersion"\s*:/.test(text) ? 'partner' : undefined;
  if (text.startsWith('[')) return 'mcf-json';
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  return firstLine.includes(';') && /\bnumero_formation\b/i.test(firstLine) ? 'mcf-csv' : undefined;
}

const PARSERS: Record<FileFormat, Parser> = {
  lheo: parseLheo,
  'mcf-csv': parseMcfCsv,
  'mcf-json': parseMcfJson,
  partner: parsePartnerFeed,
};

export function parserFor(format: FileFormat): Parser {
  return PARSERS[format];
}
