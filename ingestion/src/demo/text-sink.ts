import { type FileHandle, open } from 'node:fs/promises';
import iconv from 'iconv-lite';

const FLUSH_CHARS = 1 << 20;

/**
 * Writes a text file piece by piece: pieces are gathered up to about a megabyte, then encoded and
 * written, so that a 30 MB catalogue never sits whole in memory and writes stay few.
 */
export class TextSink {
  private pending: string[] = [];
  private pendingChars = 0;
  private bytes = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly encoding: 'utf-8' | 'windows-1252',
  ) {}

  static async open(path: string, encoding: 'utf-8' | 'windows-1252' = 'utf-8'): Promise<TextSink> {
    return new TextSink(await open(path, 'w'), encoding);
  }

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= FLUSH_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    const buffer = this.encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'win1252');
    await this.handle.write(buffer);
    this.bytes += buffer.length;
  }

  /** Writes what is left and closes the file; resolves to the number of bytes written. */
  async close(): Promise<number> {
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
    return this.bytes;
  }
}
