/**
 * Calendar arithmetic on whole days (days since 1970-01-01, UTC), so that dates never depend on the
 * machine's time zone or clock.
 */
const MS_PER_DAY = 86_400_000;

export function dayOfIsoDate(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`expected a YYYY-MM-DD date, got "${iso}"`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`"${iso}" is not a real date`);
  }
  return Math.round(time / MS_PER_DAY);
}

export function isoDateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** LHEO's date format. */
export function yyyymmddOfDay(day: number): string {
  return isoDateOfDay(day).replaceAll('-', '');
}

export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** 0 = Sunday .. 6 = Saturday. */
export function weekdayOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCDay();
}

/** The same day when it is a weekday, else the Monday after: trainings and events start on weekdays. */
export function onWeekday(day: number): number {
  const weekday = weekdayOfDay(day);
  if (weekday === 6) return day + 2;
  if (weekday === 0) return day + 1;
  return day;
}

function lastSundayOf(year: number, monthIndex: number): number {
  const lastDay = Math.round(Date.UTC(year, monthIndex + 1, 0) / MS_PER_DAY);
  return lastDay - weekdayOfDay(lastDay);
}

/** Metropolitan France's UTC offset on that day: summer time from the last Sunday of March to that of October. */
export function parisOffset(day: number): '+01:00' | '+02:00' {
  const year = yearOfDay(day);
  return day >= lastSundayOf(year, 2) && day < lastSundayOf(year, 9) ? '+02:00' : '+01:00';
}

/** An ISO 8601 local date-time in Paris, with its offset: `2027-02-11T09:00:00+01:00`. */
export function parisDateTime(day: number, hour: number, minute = 0): string {
  const hh = String(hour).padStart(2, '0');
  const mm = String(minute).padStart(2, '0');
  return `${isoDateOfDay(day)}T${hh}:${mm}:00${parisOffset(day)}`;
}
