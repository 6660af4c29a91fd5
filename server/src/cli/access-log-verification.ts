import type { AccessLogRepository, ChainBreak } from '@reco/db';

const REASONS: Record<ChainBreak['reason'], string> = {
  content_changed: 'content changed: its content hashes to',
  chain_broken: 'chain broken: the entry before has hash',
};

/**
 * Walks the whole hash chain of the admins' access log and writes the verdict for an operator.
 * Exit status: 0 when every entry fits, 1 when any does not (each one listed).
 */
export async function verifyAccessLog(
  log: AccessLogRepository,
  write: (line: string) => void,
): Promise<0 | 1> {
  const { entries, lastHash, breaks } = await log.inspectChain();
  if (breaks.length === 0) {
    write(`access log intact: ${entries} entries, last hash ${lastHash}`);
    return 0;
  }
  const broken = new Set(breaks.map((entry) => entry.id)).size;
  write(`access log NOT intact: ${broken} of ${entries} entries do not fit the chain`);
  for (const { id, reason, expected, found } of breaks) {
    const stored = reason === 'content_changed' ? 'hash' : 'prev_hash';
    write(`entry ${id}: ${REASONS[reason]} ${expected}, stored ${stored} is ${found}`);
  }
  return 1;
}
