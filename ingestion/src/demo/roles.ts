import type { Random } from './random';

/**
 * Gives distinct units (formations, rows, items) their special role: a defect, a cross-producer
 * duplicate, a prompt injection. One role per unit, so that each defect is counted exactly once
 * and ground-truth records carry no defect that would make the ingestion refuse them. The first
 * unit never gets a role: a duplicate always has a plain original before it.
 */
export function assignRoles<R extends string>(
  random: Random,
  unitCount: number,
  counts: readonly (readonly [R, number])[],
): Map<number, R> {
  const wanted = counts.reduce((sum, [, count]) => sum + count, 0);
  const units = random.sample(
    Array.from({ length: Math.max(0, unitCount - 1) }, (_, i) => i + 1),
    wanted,
  );
  const roles = new Map<number, R>();
  let next = 0;
  for (const [role, count] of counts) {
    for (let i = 0; i < count && next < units.length; i++) roles.set(units[next++] as number, role);
  }
  return roles;
}

/** How many of something at this scale: the full-scale count scaled, never less than `minimum`. */
export function scaled(fullScaleCount: number, scale: number, minimum = 1): number {
  return Math.max(minimum, Math.round(fullScaleCount * scale));
}

/** Adds one to a per-key counter. */
export function tally<K extends string>(counts: Partial<Record<K, number>>, key: K, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}
