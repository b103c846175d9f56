/**
 * The review queue: moderator accounts, the review state of a case (lease, escalation, the last
 * decision), the content items linked to a case, decisions and appeals (docs/REVIEW.md).
 */
import type { Case } from "./report-types.js";
import type { IsoTimestamp, PageOptions } from "../types.js";

export const MODERATOR_ROLES = ["moderator", "lead", "admin"] as const;
export type ModeratorRole = (typeof MODERATOR_ROLES)[number];

/** What a moderator may decide about a case; `escalate` keeps it open for a lead. */
export const CASE_DECISIONS = ["remove", "remove_and_ban", "no_violation", "escalate"] as const;
export type CaseDecision = (typeof CASE_DECISIONS)[number];

/** What deciding an appeal records as the decision. */
export const APPEAL_DECISIONS = ["uphold", "overturn"] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

export type DecisionKind = CaseDecision | AppealDecision;
export const DECISION_KINDS: readonly DecisionKind[] = [...CASE_DECISIONS, ...APPEAL_DECISIONS];

/** The policy reasons a decision quotes. Plain data: the schema's CHECK repeats this list. */
export const POLICY_REASONS = ["ncii", "deepfake", "minor", "harassment", "other"] as const;
export type PolicyReason = (typeof POLICY_REASONS)[number];

export const APPEAL_STATUSES = ["open", "decided"] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const APPEAL_OUTCOMES = ["upheld", "overturned"] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export interface Moderator {
  /** A time-ordered UUID (v7). */
  readonly id: string;
  /** Unique; a handle, not necessarily a legal name. */
  readonly name: string;
  readonly role: ModeratorRole;
  readonly createdAt: IsoTimestamp;
  /** A disabled moderator's keys stop working; the account stays for the record. */
  readonly disabledAt: IsoTimestamp | null;
}

export interface NewModerator {
  readonly name: string;
  readonly role: ModeratorRole;
}

export interface ModeratorPatch {
  readonly role?: ModeratorRole;
  readonly disabled?: boolean;
}

/**
 * A case as the review queue sees it: the report-facing fields of `Case` and its review state.
 * `Case` itself keeps its shape (what report callers have always been given).
 */
export interface ReviewCase extends Case {
  /** How many content items (scanned or streamed) a rule linked to the case. */
  readonly itemCount: number;
  /** The moderator holding the lease, while it lasts (an expired lease may still be shown). */
  readonly assignee: string | null;
  readonly leaseUntil: IsoTimestamp | null;
  /** Escalated cases are for leads and admins only. */
  readonly escalated: boolean;
  readonly lastDecision: DecisionKind | null;
  /** Who made the last final decision: an appeal must go to someone else. */
  readonly decidedBy: string | null;
  /** The open appeal the case was reopened for, if any. */
  readonly appealId: string | null;
}

export interface OpenForItem {
  /** The content hash (else a reference) that groups items and reports into one case. */
  readonly groupKey: string;
  /** A stored content item (`scans.get` finds its signals). */
  readonly itemId: string;
  /** 1 (other) .. 3 (minor), as REPORT_SEVERITY; the case keeps the highest. */
  readonly severity: number;
  readonly ruleId?: string | null;
}

export interface CaseItem {
  readonly caseId: string;
  readonly itemId: string;
  readonly ruleId: string | null;
  readonly addedAt: IsoTimestamp;
}

export interface ClaimOptions {
  readonly leaseMs: number;
  /** Moderators never get escalated or appealed cases; leads and admins do. */
  readonly role: ModeratorRole;
  /** Skip appealed cases this moderator decided (default true). */
  readonly excludeDecidedBy?: boolean;
}

export interface QueueOptions {
  readonly role: ModeratorRole;
  readonly limit?: number;
}

export interface ListReviewCasesOptions extends PageOptions<string> {
  readonly status?: "open" | "closed";
}

export interface Decision {
  readonly id: string;
  readonly caseId: string;
  readonly moderatorId: string;
  readonly decision: DecisionKind;
  readonly reason: PolicyReason;
  /** Free text; may hold personal data, so it never leaves in events or the audit log. */
  readonly note: string;
  /** Set when the decision settles an appeal. */
  readonly appealId: string | null;
  /** The confirmed-bank entries this decision added. */
  readonly addedEntryIds: readonly number[];
  readonly createdAt: IsoTimestamp;
}

export interface NewDecision {
  readonly caseId: string;
  readonly moderatorId: string;
  readonly decision: CaseDecision;
  readonly reason: PolicyReason;
  readonly note?: string;
  readonly addedEntryIds?: readonly number[];
  /** Leads and admins may decide a case leased by someone else, or by no one. */
  readonly privileged?: boolean;
}

export interface NewAppealDecision {
  readonly caseId: string;
  readonly moderatorId: string;
  readonly outcome: AppealOutcome;
  readonly note?: string;
  readonly privileged?: boolean;
}

export interface Appeal {
  readonly id: string;
  readonly caseId: string;
  /** Who appeals: the content's author, as the platform names them. */
  readonly appellant: string;
  readonly text: string;
  readonly status: AppealStatus;
  readonly outcome: AppealOutcome | null;
  readonly decidedBy: string | null;
  readonly createdAt: IsoTimestamp;
  readonly decidedAt: IsoTimestamp | null;
}

export interface NewAppeal {
  readonly caseId: string;
  readonly appellant: string;
  readonly text?: string;
}

export interface DecisionRepository {
  /**
   * Closes (or, for `escalate`, escalates) the case and records the decision, in one
   * transaction; only the lease holder, or a `privileged` lead/admin, may.
   */
  record(input: NewDecision): Promise<{ decision: Decision; case: ReviewCase }>;
  /** Settles the case's open appeal (uphold or overturn) and closes the case again. */
  recordAppeal(
    input: NewAppealDecision,
  ): Promise<{ decision: Decision; appeal: Appeal; case: ReviewCase }>;
  get(id: string): Promise<Decision | null>;
  /** Oldest first. */
  listByCase(caseId: string): Promise<Decision[]>;
}

export interface AppealRepository {
  /** Files an appeal of a closed case and reopens it for review; one open appeal per case. */
  create(input: NewAppeal): Promise<{ appeal: Appeal; case: ReviewCase }>;
  get(id: string): Promise<Appeal | null>;
  /** Oldest first. */
  listByCase(caseId: string): Promise<Appeal[]>;
}

export interface ModeratorRepository {
  /** `store/conflict` when the name is taken. */
  create(moderator: NewModerator): Promise<Moderator>;
  get(id: string): Promise<Moderator | null>;
  /** Every account, oldest first, disabled ones too. */
  list(): Promise<Moderator[]>;
  update(id: string, patch: ModeratorPatch): Promise<Moderator>;
  /** The account by name (disabled too) with its password hash (null: none set). */
  findCredentials(
    name: string,
  ): Promise<{ moderator: Moderator; passwordHash: string | null } | null>;
  /** Sets (or, with null, clears) the password hash; `store/not-found` when there is no such moderator. */
  setPasswordHash(id: string, passwordHash: string | null): Promise<void>;
}
