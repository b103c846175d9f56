/**
 * How long each kind of record is kept, and why (docs/COMPLIANCE.md has the long form). Days
 * are counted from the moment the record stopped being needed for its own purpose: a scan from
 * when it was made, a case from when it closed, a notice from when it was acted on.
 *
 * - scans, 90 days: hashes and matches of uploads checked before posting. Backtests and the
 *   odd dispute look back weeks, not years; the yearly reports need counts, which phase 2 keeps
 *   as daily counters rather than as scan rows.
 * - items, 180 days: content Vigil streamed and decided. DSA art. 20(1) lets a decision be
 *   challenged for at least six months, so the record behind it must outlive that; items linked
 *   to a case live as long as the case.
 * - cases, 730 days after closing (with their reports, decisions, appeals, notices and
 *   statements): two years covers the six-month complaint window, out-of-court settlement
 *   (art. 21), the calendar-year reports published two months (EU) or one month (Korea) after
 *   the year ends, and an inquiry about them. A case with an open notice or appeal, or on legal
 *   hold, is never purged.
 * - evidence, 365 days after the package was made: the copy Vigil keeps for re-download; the
 *   recipient has theirs. Held cases keep theirs.
 * - audit, forever by default: the hash chain is verified from its first event, so deleting
 *   events breaks `vigil audit verify`, and the chain is what proves the rest. Its events hold
 *   ids and decisions, never content. An operator who must delete old events can anchor
 *   instead: events older than N days are replaced by one anchor naming the last removed event's
 *   id and hash (signed, and published like any head), and verification starts from it.
 */
import { at, readerFor, type Reader } from "./read.js";

export const RETENTION_KINDS = [
  "scans",
  "items",
  "cases",
  "notices",
  "statements",
  "evidence",
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

export type AuditRetention =
  { readonly mode: "forever" } | { readonly mode: "anchor"; readonly afterDays: number };

export interface RetentionSettings {
  /** Days to keep each kind; null keeps it forever. */
  readonly days: Readonly<Record<RetentionKind, number | null>>;
  readonly audit: AuditRetention;
}

export const DEFAULT_RETENTION: RetentionSettings = Object.freeze({
  days: Object.freeze({
    scans: 90,
    items: 180,
    cases: 730,
    notices: 730,
    statements: 730,
    evidence: 365,
  }),
  audit: Object.freeze({ mode: "forever" }),
});

/** Six months: DSA art. 20(1)'s complaint window; no kind that backs a decision may go sooner. */
const MIN_DECISION_DAYS = 183;
const read: Reader = readerFor("compliance/invalid-settings");

export function parseRetentionSettings(value: unknown): RetentionSettings {
  const fields = read.object(value, "", [], [...RETENTION_KINDS, "audit"]);
  const days = { ...DEFAULT_RETENTION.days };
  for (const kind of RETENTION_KINDS) {
    if (fields[kind] === undefined) continue;
    days[kind] =
      fields[kind] === null
        ? null
        : wholeDays(
            fields[kind],
            kind,
            kind === "scans" || kind === "evidence" ? 1 : MIN_DECISION_DAYS,
          );
  }
  return Object.freeze({
    days: Object.freeze(days),
    audit: fields.audit === undefined ? DEFAULT_RETENTION.audit : readAudit(fields.audit),
  });
}

function readAudit(value: unknown): AuditRetention {
  if (value === "forever") return { mode: "forever" };
  const audit = read.object(value, "audit", ["anchorAfterDays"]);
  // Anchoring never reaches into the cases still kept: it must not be shorter than they are.
  return {
    mode: "anchor",
    afterDays: wholeDays(audit.anchorAfterDays, at("audit", "anchorAfterDays"), 730),
  };
}

function wholeDays(value: unknown, path: string, min: number): number {
  const n = read.number(value, path, min, 36_500);
  if (!Number.isInteger(n)) read.fail(path, "must be a whole number of days");
  return n;
}
