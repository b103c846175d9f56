/** Where the dashboard's buckets start and which bucket a day falls in (UTC, ISO weeks). */
import type { StatsPeriod } from "./stats-types.js";

const DAY_MS = 86_400_000;

function midnight(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** The start of the bucket holding `at`. */
export function bucketStart(period: StatsPeriod, at: Date): Date {
  const day = midnight(at);
  if (period === "day") return day;
  if (period === "month") return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
  // ISO weeks start on Monday; getUTCDay() is 0 for Sunday.
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

/** The bucket `steps` buckets after `start` (which is a bucket start). */
export function addBuckets(period: StatsPeriod, start: Date, steps: number): Date {
  if (period === "day") return new Date(start.getTime() + steps * DAY_MS);
  if (period === "week") return new Date(start.getTime() + steps * 7 * DAY_MS);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + steps, 1));
}

export function bucketLabel(period: StatsPeriod, start: Date): string {
  const iso = start.toISOString();
  return period === "month" ? iso.slice(0, 7) : iso.slice(0, 10);
}

/** The labels of `buckets` buckets ending with the one holding `now`, oldest first. */
export function bucketLabels(period: StatsPeriod, buckets: number, now: Date): string[] {
  const first = addBuckets(period, bucketStart(period, now), 1 - buckets);
  return Array.from({ length: buckets }, (_, i) =>
    bucketLabel(period, addBuckets(period, first, i)),
  );
}

/** The label of the bucket holding a `YYYY-MM-DD` day. */
export function bucketOfDay(period: StatsPeriod, day: string): string {
  return bucketLabel(period, bucketStart(period, new Date(`${day}T00:00:00.000Z`)));
}
