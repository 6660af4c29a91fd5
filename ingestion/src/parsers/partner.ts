import type { z } from 'zod';
import { jsonDocumentEvents } from './json-stream';
import { PartnerFeedHeader, PartnerFeedItem, partnerRecordFromItem } from './partner-item';
import type { ParseEvent, Parser } from './source-record';

/** Partner feeds are small; anything near this size is not one and must not fill the memory. */
export const PARTNER_FEED_MAX_BYTES = 50 * 1024 * 1024;

/**
 * The partner JSON feed v1 (docs/catalogue-sources.md §3). Items are streamed; the feed's header
 * (`schemaVersion`, `partner`) is checked before any item is read, wherever it sits in the object.
 * A feed in another version, or with a bad header, is refused whole. A bad item is quarantined with
 * the path and message of each problem and the other items go on.
 */
export function createPartnerFeedParser(options: { maxBytes: number }): Parser {
  return async function* parsePartner(input, file) {
    const limited = { overflow: false };
    const items = itemReader(file);
    const header: Record<string, unknown> = {};
    let feed: PartnerFeedHeader | undefined;
    let pending: { index: number; value: unknown }[] = [];
    let itemsOpened = false;
    let itemsRead = 0;

    for await (const event of jsonDocumentEvents(capped(input, options.maxBytes, limited), 'items')) {
      if (event.type === 'root' && event.shape !== 'object') {
        yield* refuse(file, 'not a partner feed: the document is not a JSON object');
        return;
      }
      if (event.type === 'streamed') itemsOpened = true;
      if (event.type === 'field') {
        if (event.key === 'items') {
          yield* refuse(file, 'items: not an array');
          return;
        }
        header[event.key] = event.value;
        if (event.key === 'schemaVersion' && event.value !== 1) {
          yield* refuse(
            file,
            `unsupported schemaVersion ${JSON.stringify(event.value)}: this reader knows version 1`,
          );
          return;
        }
        if (!feed && 'schemaVersion' in header && 'partner' in header) {
          const checked = PartnerFeedHeader.safeParse(header);
          if (!checked.success) {
            yield* refuse(file, issuesText(checked.error));
            return;
          }
          feed = checked.data;
          for (const item of pending) yield items(feed, item.index, item.value);
          pending = [];
        }
      }
      if (event.type === 'oversized') {
        if (event.as === 'field') {
          yield* refuse(file, `${event.key}: ${event.reason}`);
          return;
        }
        itemsRead = event.index + 1;
        yield quarantine(file, `item ${itemsRead}`, `item ${event.reason}`);
      }
      if (event.type === 'element') {
        itemsRead = event.index + 1;
        if (feed) yield items(feed, event.index, event.value);
        // Keys of an object come in any order: items written before the header wait for it.
        else pending.push(event);
      }
      if (event.type === 'broken') {
        const reason = limited.overflow
          ? `feed larger than ${options.maxBytes} bytes: nothing after that was read`
          : `JSON cut or malformed after item ${itemsRead}: ${event.reason}`;
        yield* refuse(file, reason);
        return;
      }
      if (event.type === 'end') {
        if (!feed) {
          const missing = ['schemaVersion', 'partner'].filter((key) => !(key in header));
          yield* refuse(file, `${missing.join(', ')}: missing`);
        } else if (!itemsOpened) {
          yield* refuse(file, 'items: missing');
        }
      }
    }
  };
}

export const parsePartnerFeed: Parser = createPartnerFeedParser({ maxBytes: PARTNER_FEED_MAX_BYTES });

/** Checks and maps items, refusing a second item with a ref already read: the first one stands. */
function itemReader(file: string): (feed: PartnerFeedHeader, index: number, value: unknown) => ParseEvent {
  const seenRefs = new Set<string>();
  return (feed, index, value) => {
    const writtenRef = isObject(value) && typeof value.ref === 'string' ? value.ref : undefined;
    const position = writtenRef === undefined ? `item ${index + 1}` : `item ${index + 1} (ref ${writtenRef})`;
    const excerpt = isObject(value) ? JSON.stringify({ ref: value.ref, title: value.title }) : undefined;
    const checked = PartnerFeedItem.safeParse(value);
    if (!checked.success) return quarantine(file, position, issuesText(checked.error), excerpt);
    if (seenRefs.has(checked.data.ref))
      return quarantine(file, position, `duplicate ref ${checked.data.ref}`, excerpt);
    seenRefs.add(checked.data.ref);
    return { type: 'record', record: partnerRecordFromItem(feed, checked.data, position) };
  };
}

/**
 * Passes chunks on up to `maxBytes`, then stops: the JSON reader sees a cut document, and
 * `limited.overflow` tells the parser why.
 */
async function* capped(
  input: AsyncIterable<Uint8Array>,
  maxBytes: number,
  limited: { overflow: boolean },
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of input) {
    if (total + chunk.length > maxBytes) {
      limited.overflow = true;
      yield chunk.subarray(0, maxBytes - total);
      return;
    }
    total += chunk.length;
    yield chunk;
  }
}

function refuse(file: string, reason: string): ParseEvent[] {
  return [quarantine(file, 'feed', reason), { type: 'incomplete', reason }];
}

function issuesText(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(whole)'}: ${issue.message}`).join('; ');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quarantine(file: string, position: string, reason: string, excerpt?: string): ParseEvent {
  return { type: 'quarantine', entry: { file, source: 'partner', position, reason, excerpt } };
}
