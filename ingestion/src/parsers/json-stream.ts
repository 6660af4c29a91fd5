import StreamJson from 'stream-json';
import Assembler from 'stream-json/Assembler.js';
import { decodeText } from './decode';
import { transformBatches } from './transform-batches';

interface JsonToken {
  name: string;
  value?: string;
}

export type JsonDocumentEvent =
  | { type: 'root'; shape: 'array' | 'object' | 'scalar' }
  /** The streamed member's array opens: its elements follow. */
  | { type: 'streamed'; key: string }
  /** A member of the root object, assembled whole. */
  | { type: 'field'; key: string; value: unknown }
  /** An element of the root array, or of the streamed member's array; index from 0. */
  | { type: 'element'; index: number; value: unknown }
  | { type: 'end' }
  /** An element or member too large or too deeply nested to assemble: skipped, not read. */
  | { type: 'oversized'; as: 'field'; key: string; reason: string }
  | { type: 'oversized'; as: 'element'; index: number; reason: string }
  /** The document is cut or malformed here: what came before it was already yielded. */
  | { type: 'broken'; reason: string };

type WalkState = 'root' | 'object' | 'elements' | 'done';

/**
 * No catalogue item comes near these (a Mon Compte Formation row or a partner item is a few KB,
 * three levels deep): an element past them is skipped with its reason, so that one bad item never
 * holds the memory, and a value nested deeper never reaches a recursive reader.
 */
export const MAX_JSON_ELEMENT_CHARS = 1024 * 1024;
export const MAX_JSON_DEPTH = 32;
/**
 * Past this, one element (or one string) is no defect but a different kind of file: reading stops
 * there, since even skipping it would keep the reader's buffers growing.
 */
export const MAX_JSON_VALUE_CHARS = 4 * 1024 * 1024;

/** Characters fed to the tokenizer, and where the value being read started. */
interface Meter {
  fed: number;
  valueStart: number;
  overflow: boolean;
}

/**
 * Streams a JSON document: the elements of a root array one at a time, or, for a root object, its
 * members whole except `streamedKey`, whose array elements come one at a time (a feed's `items`).
 * Only one element is ever assembled in memory, and a cut file still yields every complete element
 * before the cut.
 */
export async function* jsonDocumentEvents(
  input: AsyncIterable<Uint8Array>,
  streamedKey?: string,
): AsyncGenerator<JsonDocumentEvent> {
  let state: WalkState = 'root';
  let stateAfterElements: WalkState = 'done';
  let key = '';
  let index = 0;
  let building: { assembler: Assembler; as: 'field' | 'element'; depth: number } | undefined;
  let skipping: { as: 'field' | 'element'; depth: number; reason: string } | undefined;
  const meter: Meter = { fed: 0, valueStart: 0, overflow: false };

  const finish = (value: unknown, as: 'field' | 'element'): JsonDocumentEvent =>
    as === 'field' ? { type: 'field', key, value } : { type: 'element', index: index++, value };
  const skipped = (as: 'field' | 'element', reason: string): JsonDocumentEvent =>
    as === 'field'
      ? { type: 'oversized', as, key, reason }
      : { type: 'oversized', as, index: index++, reason };
  const broken = (reason: string): JsonDocumentEvent => ({
    type: 'broken',
    reason: meter.overflow
      ? `a single value runs past ${MAX_JSON_VALUE_CHARS} characters: nothing after it was read`
      : reason,
  });

  const tokens = transformBatches<JsonToken>(
    metered(decodeText(input), meter),
    StreamJson.parser({ streamValues: false }),
  );
  for await (const batch of tokens) {
    if (batch.type === 'error') {
      yield broken(batch.error.message);
      return;
    }
    for (const token of batch.items) {
      if (skipping) {
        skipping.depth += depthChange(token);
        if (skipping.depth === 0) {
          yield skipped(skipping.as, skipping.reason);
          skipping = undefined;
        }
        continue;
      }
      if (building) {
        building.depth += depthChange(token);
        const reason = oversizeReason(building.depth, meter.fed - meter.valueStart);
        if (reason) {
          skipping = { as: building.as, depth: building.depth, reason };
          building = undefined;
          continue;
        }
        building.assembler.consume(token);
        if (building.assembler.done) {
          yield finish(building.assembler.current as unknown, building.as);
          building = undefined;
        }
        continue;
      }
      meter.valueStart = meter.fed;
      if (state === 'root') {
        const shape =
          token.name === 'startArray' ? 'array' : token.name === 'startObject' ? 'object' : 'scalar';
        yield { type: 'root', shape };
        if (shape === 'scalar') return;
        state = shape === 'array' ? 'elements' : 'object';
        continue;
      }
      if (state === 'done') continue;
      if (state === 'object' && token.name === 'keyValue') {
        key = token.value ?? '';
        continue;
      }
      if (state === 'object' && token.name === 'endObject') {
        state = 'done';
        continue;
      }
      if (state === 'object' && token.name === 'startArray' && key === streamedKey) {
        state = 'elements';
        stateAfterElements = 'object';
        yield { type: 'streamed', key };
        continue;
      }
      if (state === 'elements' && token.name === 'endArray') {
        state = stateAfterElements;
        continue;
      }
      const assembler = new Assembler().consume(token);
      const as = state === 'elements' ? 'element' : 'field';
      if (assembler.done) yield finish(assembler.current as unknown, as);
      else building = { assembler, as, depth: depthChange(token) };
    }
  }
  yield state === 'done' ? { type: 'end' } : broken('the file ends before its JSON closes');
}

function depthChange(token: JsonToken): number {
  if (token.name === 'startObject' || token.name === 'startArray') return 1;
  if (token.name === 'endObject' || token.name === 'endArray') return -1;
  return 0;
}

function oversizeReason(depth: number, chars: number): string | undefined {
  if (depth > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels: not read`;
  if (chars > MAX_JSON_ELEMENT_CHARS) return `larger than ${MAX_JSON_ELEMENT_CHARS} characters: not read`;
  return undefined;
}

/** Counts the characters fed to the tokenizer, and ends the input once one value runs too long. */
async function* metered(text: AsyncIterable<string>, meter: Meter): AsyncGenerator<string> {
  for await (const chunk of text) {
    if (meter.fed - meter.valueStart > MAX_JSON_VALUE_CHARS) {
      meter.overflow = true;
      return;
    }
    meter.fed += chunk.length;
    yield chunk;
  }
}
