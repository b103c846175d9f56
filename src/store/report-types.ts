/**
 * User reports and the cases that group them. Reports of the same content (same hash, else the
 * same reference) join the one open case for it, so 50 reports of one image are one case.
 */
import type { IsoTimestamp, PageOptions } from "./types.js";

export const REPORT_REASONS = ["ncii", "deepfake", "minor", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/**
 * Severity each reason gives a case; a case takes the highest of its reports. A sexual deepfake
 * harms the person shown as real intimate imagery does; anything involving a minor is highest.
 */
export const REPORT_SEVERITY: Readonly<Record<ReportReason, number>> = {
  other: 1,
  ncii: 2,
  deepfake: 2,
  minor: 3,
};

export const CASE_STATUSES = ["open", "closed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface Report {
  /** A time-ordered UUID (v7). */
  readonly id: string;
  readonly caseId: string;
  /** The platform's reference for the content (message id, URL). */
  readonly contentRef: string;
  /** Lower-case hex PDQ / SHA-256 (64) or MD5 (32) of the content, when known. */
  readonly contentHash: string | null;
  /** Who reported: a user id on the platform, `portal`, an API key's name, … */
  readonly reporter: string;
  readonly reason: ReportReason;
  readonly text: string;
  readonly createdAt: IsoTimestamp;
}

export interface NewReport {
  readonly contentRef: string;
  readonly contentHash?: string | null;
  readonly reporter: string;
  readonly reason: ReportReason;
  /** Defaults to "". */
  readonly text?: string;
}

export interface Case {
  /** A time-ordered UUID (v7): safe to give a victim to follow, not guessable. */
  readonly id: string;
  /** The content hash when a report gave one, else its contentRef. */
  readonly groupKey: string;
  readonly status: CaseStatus;
  readonly severity: number;
  readonly reportCount: number;
  readonly createdAt: IsoTimestamp;
  readonly updatedAt: IsoTimestamp;
  readonly closedAt: IsoTimestamp | null;
}

export interface CreateReportResult {
  readonly report: Report;
  readonly case: Case;
  /** True when this report opened the case, false when it joined an open one. */
  readonly caseCreated: boolean;
}

export interface ListCasesOptions extends PageOptions<string> {
  readonly status?: CaseStatus;
}
