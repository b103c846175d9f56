/**
 * The TAKE IT DOWN log: every removal request under 47 U.S.C. 223a in the period, when its
 * clock ran out, when the notified content came down, how many identical copies were found and
 * removed (sec. 3(a)(3)(B)), and whether the 48 hours were kept. What an operator shows the FTC.
 */
import { inPeriod, type NoticeFact, type ReportInput } from "./report-input.js";
import { hoursBetween, median, round2 } from "./time.js";

export interface TakeItDownEntry {
  readonly noticeId: string;
  readonly receivedAt: string;
  readonly status: "complete" | "incomplete";
  readonly deadlineAt: string;
  readonly deadlineBasis: "statutory" | "target";
  /** The first removal of the content the request named; null while none. */
  readonly removedAt: string | null;
  readonly hoursToRemoval: number | null;
  /** Removed by the deadline; false when late or still up past it; null while the clock runs. */
  readonly metDeadline: boolean | null;
  readonly copiesRemoved: number;
}

export interface TakeItDownLog {
  readonly period: { readonly from: string; readonly to: string };
  readonly entries: readonly TakeItDownEntry[];
  readonly summary: {
    readonly notices: number;
    readonly complete: number;
    readonly removed: number;
    readonly removedInTime: number;
    readonly late: number;
    readonly medianHoursToRemoval: number | null;
    readonly copiesRemoved: number;
  };
}

/** `now` decides whether an open request is already late. */
export function takeItDownLog(input: ReportInput, now: Date): TakeItDownLog {
  const entries = input.notices
    .filter((n) => n.kind === "take-it-down" && inPeriod(n.receivedAt, input.period))
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt))
    .map((n) => entry(n, now));
  const removed = entries.filter((e) => e.removedAt !== null);
  return {
    period: input.period,
    entries,
    summary: {
      notices: entries.length,
      complete: entries.filter((e) => e.status === "complete").length,
      removed: removed.length,
      removedInTime: entries.filter((e) => e.metDeadline === true).length,
      late: entries.filter((e) => e.metDeadline === false).length,
      medianHoursToRemoval: nullable(median(removed.map((e) => e.hoursToRemoval!))),
      copiesRemoved: entries.reduce((sum, e) => sum + e.copiesRemoved, 0),
    },
  };
}

function entry(notice: NoticeFact, now: Date): TakeItDownEntry {
  const first =
    notice.removals
      .filter((r) => !r.copy)
      .map((r) => r.at)
      .sort()[0] ?? null;
  const deadline = Date.parse(notice.deadlineAt);
  const metDeadline =
    first !== null ? Date.parse(first) <= deadline : now.getTime() > deadline ? false : null;
  return {
    noticeId: notice.id,
    receivedAt: notice.receivedAt,
    status: notice.status,
    deadlineAt: notice.deadlineAt,
    deadlineBasis: notice.deadlineBasis,
    removedAt: first,
    hoursToRemoval: first === null ? null : round2(hoursBetween(notice.receivedAt, first)),
    metDeadline,
    copiesRemoved: notice.removals.filter((r) => r.copy).length,
  };
}

function nullable(value: number | null): number | null {
  return value === null ? null : round2(value);
}
