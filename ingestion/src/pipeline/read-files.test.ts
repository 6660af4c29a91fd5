import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/catalogue-files';
import type { ParseEvent } from '../parsers/source-record';
import { MAX_FILE_BYTES, openCatalogueFile } from './read-files';

describe('openCatalogueFile', () => {
  it('refuses a file over the size limit without reading it, naming the file and its size', async () => {
    const path = join(tempDir(), 'offres-geantes.xml');
    // A sparse file: the size is there, the disk is not used.
    writeFileSync(path, '');
    truncateSync(path, MAX_FILE_BYTES + 1);
    let bytesRead = 0;
    const { format, events } = await openCatalogueFile({ path }, (progress) => {
      bytesRead = progress.bytesRead;
    });
    const all: ParseEvent[] = [];
    for await (const event of events) all.push(event);

    expect(format).toBeUndefined();
    expect(bytesRead).toBe(0);
    expect(all).toEqual([
      {
        type: 'quarantine',
        entry: {
          file: 'offres-geantes.xml',
          position: 'file',
          reason: `file too large: ${MAX_FILE_BYTES + 1} bytes, more than the ${MAX_FILE_BYTES} a catalogue file may have; not read`,
        },
      },
    ]);
  });
});
