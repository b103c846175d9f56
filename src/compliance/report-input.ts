/**
 * What the transparency reports count: notices with what became of them, the restrictions made
 * (decision records), appeals, and the uploads compared before posting. Phase 2 reads these from
 * the store for a period; the reports themselves are pure functions of them, so a report's
 * numbers can be checked against the decisions that made them.
 */
import type { Appeal } from "../store/index.js";
import type { DecisionRecord } from "./decision-record.js";
import type { NoticeKind, SubmitterRole } from "./notice-kinds.js";
import type { NoticeReason } from "./notice-types.js";

/** A period: `from` inclusive, `to` exclusive, ISO 8601. */
export interface ReportPeriod {
  readonly from: string;
  readonly to: string;
}

export interface RemovalFact {
  readonly at: string;
  /** False for the content the notice named; true for an identical copy found by its hashes. */
  readonly copy: boolean;
}

export interface NoticeFact {
  readonly id: string;
  readonly kind: NoticeKind;
  readonly jurisdiction: string;
  readonly reason: NoticeReason;
  readonly submitterRole: SubmitterRole;
  readonly trustedFlagger: boolean;
  readonly receivedAt: string;
  readonly status: "complete" | "incomplete";
  readonly deadlineAt: string;
  readonly deadlineBasis: "statutory" | "target";
  /** URLs, platform ids and hashes it named: the template's "specific items of information". */
  readonly itemsNamed: number;
  /** When it was acted on (content removed, or a decision not to act); null while open. */
  readonly actedAt: string | null;
  readonly outcome: "removed" | "no-action" | "pending";
  /** What a removal rested on; null when nothing was removed. */
  readonly actionBasis: "law" | "terms" | null;
  /** Acted on by automated means alone (a hash match took it down, no person decided). */
  readonly automated: boolean;
  readonly removals: readonly RemovalFact[];
}

/** A user report (Korea counts reports with deletion requests). */
export interface UserReportFact {
  readonly receivedAt: string;
  readonly actedAt: string | null;
  readonly outcome: "removed" | "no-action" | "pending";
}

/** Uploads checked against the banks before they were posted, and what that stopped. */
export interface PrePostingFact {
  readonly compared: number;
  readonly matched: number;
  readonly blocked: number;
}

export interface ReportInput {
  readonly period: ReportPeriod;
  readonly notices: readonly NoticeFact[];
  readonly decisions: readonly DecisionRecord[];
  readonly appeals: readonly Appeal[];
  readonly userReports?: readonly UserReportFact[];
  readonly prePosting?: PrePostingFact;
}

export function inPeriod(at: string | null, period: ReportPeriod): boolean {
  if (at === null) return false;
  const t = Date.parse(at);
  return t >= Date.parse(period.from) && t < Date.parse(period.to);
}
