import { type Random, weightedChoice } from './random';

/**
 * Realistic lengths and prices per European level: long qualifying courses for certifications,
 * short modules otherwise. Hours are whole, prices rounded to ten euros as catalogues show them.
 */
const HOURS_BY_LEVEL: Readonly<Record<number, readonly [number, number]>> = {
  1: [70, 300],
  2: [100, 400],
  3: [400, 1100],
  4: [450, 1200],
  5: [500, 1400],
  6: [450, 1200],
  7: [400, 1100],
  8: [300, 900],
};

/** Certifications without a known level are mostly short certificates (Répertoire spécifique). */
const UNKNOWN_LEVEL_HOURS: readonly [number, number] = [21, 350];
const SHORT_MODULE_HOURS: readonly [number, number] = [7, 140];

export function trainingHours(random: Random, level: number | undefined, certifying: boolean): number {
  const [min, max] = certifying ? (HOURS_BY_LEVEL[level ?? 0] ?? UNKNOWN_LEVEL_HOURS) : SHORT_MODULE_HOURS;
  // Lengths cluster at the short end of each range: a power of a uniform draw skews them.
  const hours = min + (max - min) * random.next() ** 1.4;
  return hours < 70 ? Math.max(7, Math.round(hours / 7) * 7) : Math.round(hours / 5) * 5;
}

/** The share of a long course spent in a company, in hours (none for short ones). */
export function companyHours(random: Random, totalHours: number): number {
  if (totalHours < 300 || random.chance(0.25)) return 0;
  return Math.round((totalHours * random.int(12, 25)) / 100 / 35) * 35;
}

export function trainingPrice(random: Random, hours: number, level: number | undefined): number {
  const hourlyRate =
    level !== undefined && level >= 5
      ? random.int(12, 26)
      : hours < 70
        ? random.int(18, 45)
        : random.int(9, 19);
  return Math.max(10, Math.round((hours * hourlyRate) / 10) * 10);
}

/** Hours per week: most courses are full time (35 h), some part time or evening classes. */
export function weeklyHours(random: Random): number {
  return weightedChoice(random, [
    [35, 75],
    [28, 8],
    [21, 9],
    [10, 8],
  ] as const);
}

export function rhythmLabel(hoursPerWeek: number): string {
  if (hoursPerWeek >= 35) return 'Temps plein';
  if (hoursPerWeek >= 21) return 'Temps partiel';
  return 'Cours du soir et le samedi';
}

/** Calendar days a course of that length takes at that pace. */
export function calendarDays(hours: number, hoursPerWeek: number): number {
  return Math.max(1, Math.round((hours / hoursPerWeek) * 7));
}
