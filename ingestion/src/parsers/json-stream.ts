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
  /** The document is cut or malformed here: what came before it was already yielded. */
  | { type: 'broken'; reason: string };

type WalkState = 'root' | 'object' | 'elements' | 'done';

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
  let building: { assembler: Assembler; as: 'field' | 'element' } | undefined;

  const finish = (value: unknown, as: 'field' | 'element'): JsonDocumentEvent =>
    as === 'field' ? { type: 'field', key, value } : { type: 'element', index: index++, value };

  const tokens = transformBatches<JsonToken>(decodeText(input), StreamJson.parser({ streamValues: false }));
  for await (const batch of tokens) {
    if (batch.type === 'error') {
      yield { type: 'broken', reason: batch.error.message };
      return;
    }
    for (const token of batch.items) {
      if (building) {
        building.assembler.consume(token);
        if (building.assembler.done) {
          yield finish(building.assembler.current as unknown, building.as);
          building = undefined;
        }
        continue;
      }
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
      else building = { assembler, as };
    }
  }
  yield state === 'done'
    ? { type: 'end' }
    : { type: 'broken', reason: 'the file ends before its JSON closes' };
}
