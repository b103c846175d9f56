/**
 * Instants and durations as compliance uses them: ISO 8601 in and out, hours as the unit every
 * deadline and every "time to action" figure is stated in, dates (YYYY-MM-DD, UTC) as the
 * Transparency Database wants them. Nothing here reads the clock: callers pass `now`.
 */

const HOUR_MS = 3_600_000;
/** An instant with a date, a time and an offset (`Z` or `±hh:mm`): what we accept from outside. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The instant, or null when `text` is not an ISO 8601 instant with an offset. */
export function parseInstant(text: string): Date | null {
  if (!ISO_INSTANT.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function addHours(at: Date, hours: number): Date {
  return new Date(at.getTime() + hours * HOUR_MS);
}

export function hoursBetween(from: Date | string, to: Date | string): number {
  return (new Date(to).getTime() - new Date(from).getTime()) / HOUR_MS;
}

/** `YYYY-MM-DD` of the instant in UTC. */
export function utcDate(at: Date | string): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Midnight UTC opening that `YYYY-MM-DD` date, or null when it is not a real calendar date. */
export function parseDate(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const date = new Date(`${text}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && utcDate(date) === text ? date : null;
}

/** The median of the values (the mean of the middle two for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Two decimals: hours reported to the minute or so, without float noise in reports. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
