import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectFormat, type FileFormat, parserFor } from '../parsers/detect';
import { safeEvents } from '../parsers/safe-events';
import type { ParseEvent } from '../parsers/source-record';

/** The producer formats a user can name; Mon Compte Formation's CSV or JSON is told by the content. */
export type SourceFormat = 'lheo' | 'mcf' | 'partner';

export interface InputFile {
  path: string;
  /** Forced by `--format`; detected from the content otherwise. */
  format?: SourceFormat;
}

export interface FileProgress {
  file: string;
  bytesRead: number;
}

/**
 * Parsers stream, so memory does not grow with a file; this bounds what one run is asked to read.
 * The largest real deliveries (a national LHEO export) are a few hundred megabytes.
 */
export const MAX_FILE_BYTES = 2 * 1024 ** 3;

/** The source a format belongs to: a truncated file holds back the retirement of its whole source. */
export function sourceOf(format: FileFormat): SourceFormat {
  return format === 'mcf-csv' || format === 'mcf-json' ? 'mcf' : format;
}

/**
 * Opens one catalogue file: its format (from the content unless forced) and its parse events,
 * streamed. An unreadable or unknown file is one quarantine entry, never an exception.
 */
export async function openCatalogueFile(
  input: InputFile,
  onBytes: (progress: FileProgress) => void,
): Promise<{ format?: FileFormat; events: AsyncIterable<ParseEvent> | Iterable<ParseEvent> }> {
  const file = basename(input.path);
  let format: FileFormat | undefined;
  try {
    const { size } = await stat(input.path);
    if (size > MAX_FILE_BYTES) {
      return {
        events: [
          fileFailure(
            file,
            `file too large: ${size} bytes, more than the ${MAX_FILE_BYTES} a catalogue file may have; not read`,
          ),
        ],
      };
    }
    format = resolveFormat(input.format, detectFormat(await readHead(input.path)));
  } catch (error) {
    return {
      events: [
        fileFailure(file, `cannot read file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`),
      ],
    };
  }
  if (!format) {
    return {
      events: [
        fileFailure(
          file,
          'unknown format: neither LHEO XML, Mon Compte Formation CSV/JSON nor a partner feed',
        ),
      ],
    };
  }
  async function* counted(): AsyncGenerator<Uint8Array> {
    let bytesRead = 0;
    for await (const chunk of createReadStream(input.path, { highWaterMark: 256 * 1024 })) {
      bytesRead += (chunk as Buffer).length;
      onBytes({ file, bytesRead });
      yield chunk as Buffer;
    }
  }
  return { format, events: safeEvents(parserFor(format)(counted(), file), file, sourceOf(format)) };
}

function resolveFormat(
  forced: SourceFormat | undefined,
  detected: FileFormat | undefined,
): FileFormat | undefined {
  if (forced === 'mcf') return detected === 'mcf-json' ? 'mcf-json' : 'mcf-csv';
  return forced ?? detected;
}

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function fileFailure(file: string, reason: string): ParseEvent {
  return { type: 'quarantine', entry: { file, position: 'file', reason } };
}
