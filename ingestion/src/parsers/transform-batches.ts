import type { Duplex } from 'node:stream';

export type TransformBatch<T> = { type: 'items'; items: T[] } | { type: 'error'; error: Error };

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Feeds chunks through a Node transform (csv-parse, stream-json) one at a time and yields what it
 * emitted for each. Its error comes last as a value rather than a throw: everything the transform
 * produced before bad or cut content is kept, and the caller decides what the break means. One chunk
 * in flight at a time keeps memory flat whatever the file size.
 */
export async function* transformBatches<T>(
  input: AsyncIterable<string | Uint8Array>,
  transform: Duplex,
): AsyncGenerator<TransformBatch<T>> {
  let emitted: T[] = [];
  let failure: Error | undefined;
  let ended = false;
  transform.on('data', (item: T) => emitted.push(item));
  transform.on('error', (error: Error) => {
    failure = error;
  });
  transform.on('end', () => {
    ended = true;
  });
  const takeEmitted = (): TransformBatch<T> => {
    const items = emitted;
    emitted = [];
    return { type: 'items', items };
  };

  for await (const chunk of input) {
    transform.write(chunk);
    // A transform's output and error reach their listeners within the ticks after the write.
    await nextMacrotask();
    if (emitted.length > 0) yield takeEmitted();
    if (failure) {
      yield { type: 'error', error: failure };
      return;
    }
  }
  transform.end();
  while (!ended && !failure) await nextMacrotask();
  if (emitted.length > 0) yield takeEmitted();
  if (failure) yield { type: 'error', error: failure };
}
