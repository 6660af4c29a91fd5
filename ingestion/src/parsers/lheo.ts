import { SaxesParser, type SaxesTagNS } from 'saxes';
import { decodeText } from './decode';
import { formationEvents } from './lheo-formation';
import type { ParseEvent, Parser } from './source-record';
import type { XmlElement } from './xml-element';

/**
 * Blocks with staff names, phone numbers, e-mails and web pages: they are never read into memory,
 * so they cannot leak into a record.
 */
const CONTACT_ELEMENTS = new Set([
  'contact-formation',
  'contact-organisme',
  'coordonnees-organisme',
  'contact-formateur',
  'contact-session',
  'civilite',
  'nom',
  'prenom',
  'telfixe',
  'portable',
  'fax',
  'courriel',
  'web',
]);

/**
 * Real LHEO files nest about ten levels deep and a formation with all its actions weighs a few
 * hundred kilobytes. Past these a formation is skipped with its reason; past the depth or node
 * limits the file is no LHEO delivery and reading stops, since the XML reader's own buffers would
 * keep growing (an endless `<a><a><a>` or text node).
 */
export const MAX_XML_DEPTH = 64;
export const MAX_XML_NODE_CHARS = 8 * 1024 * 1024;
const MAX_FORMATION_CHARS = 8 * 1024 * 1024;
export const MAX_FORMATION_ELEMENTS = 50_000;
const WRITE_SLICE_CHARS = 4096;

/**
 * Streams an LHEO offer file (`lheo > offres > formation > action > session`, namespaces 2.2 and 2.3
 * or none): one record per action, one per formation without action. Only the formation being read
 * is held in memory; its records are yielded when it closes, because formation-level fields
 * (`organisme-formation-responsable`) come after the actions.
 */
export const parseLheo: Parser = (input, file) => readLheo(input, file);

async function* readLheo(input: AsyncIterable<Uint8Array>, file: string): AsyncGenerator<ParseEvent> {
  const reader = new LheoReader(file);
  try {
    for await (const text of decodeText(input)) {
      reader.write(text);
      yield* reader.drain();
      if (reader.stopped) return;
    }
    reader.close();
  } catch (error) {
    // Reading the bytes failed, or an unforeseen value broke a handler: the delivery is unusable
    // from here on, but what was already read stands.
    reader.stop(
      reader.here(),
      `could not read the file: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  yield* reader.drain();
}

class LheoReader {
  stopped = false;
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private readonly pending: ParseEvent[] = [];
  /** Local names of the open elements above the formation being read. */
  private readonly outer: string[] = [];
  /** The formation being read, from its root down to the innermost open element. */
  private readonly captured: XmlElement[] = [];
  /** Depth inside a contact block, or an oversized formation, being skipped; 0 when not in one. */
  private skipDepth = 0;
  /** The formation being skipped because it is too large, and why. */
  private oversized: { position: string; reason: string } | undefined;
  /** Size of the formation being read, to stop capturing one that is too large. */
  private formationChars = 0;
  private formationElements = 0;
  /** Characters written since the XML reader last reported a node. */
  private charsSinceNode = 0;
  private nodeReported = false;
  private rootSeen = false;
  private offresSeen = false;
  private formationIndex = 0;
  /** Position of the first record of each id, to refuse a later one with the same id. */
  private readonly positionById = new Map<string, string>();

  constructor(private readonly file: string) {
    this.parser.on('opentag', (tag) => this.reported(() => this.open(tag)));
    this.parser.on('closetag', () => this.reported(() => this.closeElement()));
    this.parser.on('text', (text) => this.reported(() => this.appendText(text)));
    this.parser.on('cdata', (text) => this.reported(() => this.appendText(text)));
    this.parser.on('comment', () => this.reported(() => {}));
    this.parser.on('error', (error) => {
      const message = error.message.replace(/^\d+:\d+: /, '');
      this.stop(this.here(), `the XML breaks at ${this.here()}: ${message}`);
    });
  }

  /**
   * Writes in small slices, checking the limits between them: past a limit, the reader stops
   * within a slice rather than after a whole chunk of, say, nested tags (whose namespace lookups
   * cost the square of the depth).
   */
  write(text: string): void {
    let start = 0;
    while (start < text.length && !this.stopped) {
      let end = Math.min(start + WRITE_SLICE_CHARS, text.length);
      // Never split a surrogate pair between two writes.
      if (end < text.length && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end++;
      this.nodeReported = false;
      this.parser.write(text.slice(start, end));
      this.checkNodeLength(end - start);
      start = end;
    }
  }

  /** A node (text, tag, comment) this long would be held whole by the XML reader: stop instead. */
  private checkNodeLength(written: number): void {
    this.charsSinceNode = this.nodeReported ? 0 : this.charsSinceNode + written;
    if (this.charsSinceNode > MAX_XML_NODE_CHARS) {
      this.stop(
        this.here(),
        `an XML node runs past ${MAX_XML_NODE_CHARS} characters: the rest of the file was not read`,
      );
    }
  }

  close(): void {
    if (this.stopped) return;
    this.parser.close();
    if (!this.stopped && !this.offresSeen) this.stop('end of file', 'no <offres> element under <lheo>');
  }

  *drain(): Generator<ParseEvent> {
    yield* this.pending.splice(0);
  }

  here(): string {
    return `line ${this.parser.line}, column ${this.parser.column}`;
  }

  /** Ends the reading: one quarantine entry for where and why, and the delivery marked incomplete. */
  stop(position: string, reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.pending.push({ type: 'quarantine', entry: { file: this.file, source: 'lheo', position, reason } });
    this.pending.push({ type: 'incomplete', reason: `${this.file}: ${reason}` });
  }

  private reported(handle: () => void): void {
    this.nodeReported = true;
    handle();
  }

  private open(tag: SaxesTagNS): void {
    if (this.stopped) return;
    const depth = this.outer.length + this.captured.length + this.skipDepth + 1;
    if (depth > MAX_XML_DEPTH) {
      this.stop(
        this.here(),
        `elements nested deeper than ${MAX_XML_DEPTH} levels: the rest of the file was not read`,
      );
      return;
    }
    if (!this.rootSeen) {
      this.rootSeen = true;
      if (tag.local !== 'lheo') {
        this.stop(this.here(), `not an LHEO offer file: the root element is <${tag.local}>, not <lheo>`);
        return;
      }
    }
    if (this.skipDepth > 0 || (this.captured.length > 0 && CONTACT_ELEMENTS.has(tag.local))) {
      this.skipDepth++;
      return;
    }
    const parent = this.captured.at(-1);
    if (parent) {
      const element = this.element(tag);
      parent.children.push(element);
      this.captured.push(element);
      this.formationElements++;
      this.formationChars += tag.local.length + Object.values(element.attrs).join('').length;
      this.limitFormation();
      return;
    }
    const path = this.outer.join('>');
    if (tag.local === 'offres' && path === 'lheo') this.offresSeen = true;
    if (tag.local === 'formation' && path === 'lheo>offres') {
      this.formationIndex++;
      this.formationChars = 0;
      this.formationElements = 0;
      this.captured.push(this.element(tag));
      return;
    }
    this.outer.push(tag.local);
  }

  private element(tag: SaxesTagNS): XmlElement {
    const attrs: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes)) attrs[attribute.local] = attribute.value;
    return { name: tag.local, attrs, children: [], text: '', line: this.parser.line };
  }

  private appendText(text: string): void {
    const current = this.captured.at(-1);
    if (!current || this.skipDepth > 0 || this.stopped) return;
    current.text += text;
    this.formationChars += text.length;
    this.limitFormation();
  }

  /** Drops the formation being read once it is too large, and skips the rest of it. */
  private limitFormation(): void {
    const formation = this.captured[0];
    if (!formation) return;
    const tooLarge =
      this.formationChars > MAX_FORMATION_CHARS
        ? `more than ${MAX_FORMATION_CHARS} characters`
        : this.formationElements > MAX_FORMATION_ELEMENTS
          ? `more than ${MAX_FORMATION_ELEMENTS} elements`
          : undefined;
    if (!tooLarge) return;
    this.oversized = {
      position: `formation ${this.formationIndex} (line ${formation.line})`,
      reason: `formation too large (${tooLarge}): not read`,
    };
    this.skipDepth += this.captured.length;
    this.captured.length = 0;
  }

  private closeElement(): void {
    if (this.stopped) return;
    if (this.skipDepth > 0) {
      this.skipDepth--;
      if (this.skipDepth === 0 && this.oversized) {
        const { position, reason } = this.oversized;
        this.oversized = undefined;
        this.pending.push({
          type: 'quarantine',
          entry: { file: this.file, source: 'lheo', position, reason },
        });
      }
      return;
    }
    const closed = this.captured.pop();
    if (!closed) {
      this.outer.pop();
      return;
    }
    if (this.captured.length === 0) this.emit(formationEvents(closed, this.formationIndex, this.file));
  }

  private emit(events: ParseEvent[]): void {
    for (const event of events) {
      if (event.type !== 'record') {
        this.pending.push(event);
        continue;
      }
      const { sourceId, position, title } = event.record;
      const first = this.positionById.get(sourceId);
      if (first === undefined) {
        this.positionById.set(sourceId, position);
        this.pending.push(event);
        continue;
      }
      this.pending.push({
        type: 'quarantine',
        entry: {
          file: this.file,
          source: 'lheo',
          position,
          reason: `duplicate id "${sourceId}": already read at ${first}`,
          excerpt: title,
        },
      });
    }
  }
}
