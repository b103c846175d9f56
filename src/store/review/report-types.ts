/**
 * User reports and the cases that group them. Reports of the same content (same hash, else the
 * same reference) join the one open case for it, so 50 reports of one image are one case.
 */
import type { IsoTimestamp, PageOptions } from "../types.js";
import type {
  CaseItem,
  ClaimOptions,
  ListReviewCasesOptions,
  OpenForItem,
  QueueOptions,
  ReviewCase,
} from "./review-types.js";
import type { Page } from "../types.js";

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

export interface ReportRepository {
  /**
   * Stores the report and, atomically, opens a case for its content or joins the open one:
   * simultaneous reports of the same content end up in one case on both backends.
   */
  create(report: NewReport): Promise<CreateReportResult>;
  get(id: string): Promise<Report | null>;
  /** Oldest first; `after` is the last id of the previous page. */
  listByCase(caseId: string, options?: PageOptions<string>): Promise<Page<Report, string>>;
}

export interface CaseRepository {
  get(id: string): Promise<Case | null>;
  /** The open case for a group key (a content hash, else a content reference). */
  findOpen(groupKey: string): Promise<Case | null>;
  /** Oldest first; `after` is the last id of the previous page. */
  list(options?: ListCasesOptions): Promise<Page<Case, string>>;
  /** Closing a closed case changes nothing. Later reports of the content open a new case. */
  close(id: string): Promise<Case>;
  /**
   * Opens the case for the group key or joins the open one, atomically (simultaneous calls give
   * one case on both backends), keeps the highest severity and links the item once: calling
   * again with a linked item changes nothing (delivery is at least once).
   */
  openForItem(input: OpenForItem): Promise<{ case: ReviewCase; created: boolean }>;
  /** The items linked to a case, in the order they were added. */
  items(caseId: string): Promise<CaseItem[]>;
  /** The case with its review state (lease, escalation, last decision, open appeal). */
  getReview(id: string): Promise<ReviewCase | null>;
  /** Oldest first, with review state; `after` is the last id of the previous page. */
  listReview(options?: ListReviewCasesOptions): Promise<Page<ReviewCase, string>>;
  /** Open cases by severity (highest first), then age; escalated and appealed ones only for leads and admins. */
  queue(options: QueueOptions): Promise<ReviewCase[]>;
  /** Atomically leases the first open case that is unleased or whose lease ran out; null when none. */
  claimNext(moderatorId: string, options: ClaimOptions): Promise<ReviewCase | null>;
  /** Leases this case (or renews one's own lease); `store/conflict` with `details.reason` when not. */
  claim(caseId: string, moderatorId: string, options: ClaimOptions): Promise<ReviewCase>;
  renewLease(caseId: string, moderatorId: string, leaseMs: number): Promise<ReviewCase>;
  /** Gives the case back to the queue; `privileged` releases someone else's lease. */
  release(caseId: string, moderatorId: string, privileged?: boolean): Promise<ReviewCase>;
}
