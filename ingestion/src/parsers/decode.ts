import iconv from 'iconv-lite';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The encoding a file's first bytes announce: a BOM, an XML declaration, else valid UTF-8 or Windows-1252. */
export function sniffEncoding(head: Uint8Array): { encoding: string; bomLength: number } {
  if (UTF8_BOM.every((b, i) => head[i] === b)) return { encoding: 'utf8', bomLength: 3 };
  const ascii = Buffer.from(head.subarray(0, 200)).toString('latin1');
  const declared = /^<\?xml[^>]*encoding=["']([\w-]+)["']/i.exec(ascii)?.[1]?.toLowerCase();
  if (declared && iconv.encodingExists(declared)) {
    // Producers that declare ISO-8859-1 routinely write Windows-1252 (€, œ, ’): its superset is safe.
    const encoding = declared === 'iso-8859-1' || declared === 'latin1' ? 'windows-1252' : declared;
    return { encoding, bomLength: 0 };
  }
  return { encoding: isValidUtf8(head) ? 'utf8' : 'windows-1252', bomLength: 0 };
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    // A multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, trimIncompleteTail(bytes)));
    return true;
  } catch {
    return false;
  }
}

function trimIncompleteTail(bytes: Uint8Array): number {
  const end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back] ?? 0;
    if ((b & 0xc0) === 0xc0) return end - back;
    if ((b & 0x80) === 0) return end;
  }
  return end;
}

const SNIFF_BYTES = 64 * 1024;

/**
 * Decodes a byte stream to text chunks, detecting the encoding from its first 64 KiB. Streams: the
 * file is never held whole in memory.
 */
export async function* decodeText(input: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const head: Buffer[] = [];
  let headLength = 0;
  let decoder: ReturnType<typeof iconv.getDecoder> | undefined;
  const start = () => {
    const bytes = Buffer.concat(head);
    const { encoding, bomLength } = sniffEncoding(bytes);
    decoder = iconv.getDecoder(encoding, { stripBOM: false });
    return decoder.write(bytes.subarray(bomLength));
  };
  for await (const chunk of input) {
    if (decoder) {
      const text = decoder.write(Buffer.from(chunk));
      if (text) yield text;
      continue;
    }
    head.push(Buffer.from(chunk));
    headLength += chunk.length;
    if (headLength < SNIFF_BYTES) continue;
    const text = start();
    if (text) yield text;
  }
  if (!decoder) {
    const text = start();
    if (text) yield text;
  }
  const rest = decoder?.end();
  if (rest) yield rest;
}
