/**
 * Where a notice's clock stands, for the review queue (sorted by due time), the console's clock
 * and the alert to a lead before a deadline passes: `due-soon` once a quarter of the window is
 * left (at least an hour, at most `warnHours`), `overdue` once it has passed.
 */

export type DeadlineState = "open" | "due-soon" | "overdue";

export interface DeadlineStatus {
  readonly state: DeadlineState;
  /** Negative once overdue. */
  readonly msLeft: number;
}

export function deadlineStatus(
  deadline: { readonly at: string; readonly hours: number },
  now: Date,
  warnHours = 12,
): DeadlineStatus {
  const msLeft = Date.parse(deadline.at) - now.getTime();
  const warnMs = Math.min(warnHours, Math.max(1, deadline.hours / 4)) * 3_600_000;
  const state: DeadlineState = msLeft <= 0 ? "overdue" : msLeft <= warnMs ? "due-soon" : "open";
  return { state, msLeft };
}

/** Earliest deadline first; cases without a deadline after every case with one. */
export function compareByDue(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return Date.parse(a) - Date.parse(b);
}
