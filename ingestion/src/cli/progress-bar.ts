import { SingleBar } from 'cli-progress';
import type { IngestProgress } from '../pipeline/ingest';

/**
 * A progress bar on stderr, only when stderr is a terminal: stdout stays the one JSON line that
 * scripts read.
 */
export function terminalProgress(totalBytesByFile: ReadonlyMap<string, number>): {
  onProgress: (progress: IngestProgress) => void;
  stop: () => void;
} {
  if (!process.stderr.isTTY) return { onProgress: () => {}, stop: () => {} };
  const bar = new SingleBar({
    stream: process.stderr,
    format: '{phase} [{bar}] {percentage}% | {detail}',
    hideCursor: true,
    clearOnComplete: true,
  });
  const totalBytes = [...totalBytesByFile.values()].reduce((sum, size) => sum + size, 0);
  const doneBefore = new Map<string, number>();
  let phase = '';
  bar.start(100, 0, { phase: 'lecture', detail: '' });
  return {
    onProgress(progress) {
      if (progress.phase === 'read') {
        doneBefore.set(progress.file, progress.bytesRead);
        const read = [...doneBefore.values()].reduce((sum, bytes) => sum + bytes, 0);
        bar.update(Math.round((100 * read) / Math.max(totalBytes, 1)), {
          phase: 'read   ',
          detail: progress.file,
        });
        return;
      }
      if (phase !== progress.phase) phase = progress.phase;
      bar.update(Math.round((100 * progress.done) / Math.max(progress.total, 1)), {
        phase: progress.phase.padEnd(7),
        detail: `${progress.done}/${progress.total} offers`,
      });
    },
    stop: () => bar.stop(),
  };
}
