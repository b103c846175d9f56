/** Decoding the review tables' rows (cases and their review state, items, decisions, appeals, moderators). */
import { VigilError } from "../../core/index.js";
import type { Case } from "./report-types.js";
import { CASE_STATUSES } from "./report-types.js";
import type { Appeal, CaseItem, Decision, Moderator, ReviewCase } from "./review-types.js";
import {
  APPEAL_OUTCOMES,
  APPEAL_STATUSES,
  DECISION_KINDS,
  MODERATOR_ROLES,
  POLICY_REASONS,
} from "./review-types.js";
import {
  bool,
  int,
  nullableText,
  nullableTimestamp,
  oneOf,
  text,
  timestamp,
} from "../sql/columns.js";
import type { Row } from "../sql/executor.js";

export function caseNotFound(id: string): VigilError {
  return new VigilError("store/not-found", `There is no case "${id}".`, { caseId: id });
}

export function decodeCase(row: Row): Case {
  return {
    id: text(row, "id"),
    groupKey: text(row, "group_key"),
    status: oneOf(row, "status", CASE_STATUSES),
    severity: int(row, "severity"),
    reportCount: int(row, "report_count"),
    createdAt: timestamp(row, "created_at"),
    updatedAt: timestamp(row, "updated_at"),
    closedAt: nullableTimestamp(row, "closed_at"),
  };
}

export function decodeReviewCase(row: Row): ReviewCase {
  const lastDecision = nullableText(row, "last_decision");
  return {
    ...decodeCase(row),
    itemCount: int(row, "item_count"),
    assignee: nullableText(row, "assignee"),
    leaseUntil: nullableTimestamp(row, "lease_until"),
    escalated: bool(row, "escalated"),
    lastDecision: lastDecision === null ? null : oneOf(row, "last_decision", DECISION_KINDS),
    decidedBy: nullableText(row, "decided_by"),
    appealId: nullableText(row, "appeal_id"),
  };
}

export function decodeCaseItem(row: Row): CaseItem {
  return {
    caseId: text(row, "case_id"),
    itemId: text(row, "item_id"),
    ruleId: nullableText(row, "rule_id"),
    addedAt: timestamp(row, "added_at"),
  };
}

export function decodeDecision(row: Row): Decision {
  const raw = row["added_entry_ids"];
  const ids: unknown = typeof raw === "string" ? JSON.parse(raw) : raw;
  if (!Array.isArray(ids) || !ids.every((id) => Number.isSafeInteger(id))) {
    throw new Error("Unexpected value in column added_entry_ids");
  }
  return {
    id: text(row, "id"),
    caseId: text(row, "case_id"),
    moderatorId: text(row, "moderator_id"),
    decision: oneOf(row, "decision", DECISION_KINDS),
    reason: oneOf(row, "reason", POLICY_REASONS),
    note: text(row, "note"),
    appealId: nullableText(row, "appeal_id"),
    addedEntryIds: ids as number[],
    createdAt: timestamp(row, "created_at"),
  };
}

export function decodeAppeal(row: Row): Appeal {
  const outcome = nullableText(row, "outcome");
  return {
    id: text(row, "id"),
    caseId: text(row, "case_id"),
    appellant: text(row, "appellant"),
    text: text(row, "text"),
    status: oneOf(row, "status", APPEAL_STATUSES),
    outcome: outcome === null ? null : oneOf(row, "outcome", APPEAL_OUTCOMES),
    decidedBy: nullableText(row, "decided_by"),
    createdAt: timestamp(row, "created_at"),
    decidedAt: nullableTimestamp(row, "decided_at"),
  };
}

export function decodeModerator(row: Row): Moderator {
  return {
    id: text(row, "id"),
    name: text(row, "name"),
    role: oneOf(row, "role", MODERATOR_ROLES),
    createdAt: timestamp(row, "created_at"),
    disabledAt: nullableTimestamp(row, "disabled_at"),
  };
}

/** Why a case could not be claimed or decided, as `store/conflict` details.reason says it. */
export type CaseRefusal =
  | "closed"
  | "open"
  | "leased"
  | "not-holder"
  | "escalated"
  | "appeal-open"
  | "no-open-appeal"
  | "own-decision";

const MESSAGES: Readonly<Record<CaseRefusal, string>> = {
  closed: "The case is closed.",
  open: "The case is still open: only a decided case can be appealed.",
  leased: "Another moderator holds this case.",
  "not-holder": "Only the moderator holding the case (or a lead) may do this; claim it first.",
  escalated: "The case is escalated (or under appeal): only a lead or an admin may take it.",
  "appeal-open": "The case is under appeal: decide the appeal instead.",
  "no-open-appeal": "The case has no open appeal.",
  "own-decision": "An appeal goes to a moderator other than the one who decided the case.",
};

export function caseConflict(caseId: string, reason: CaseRefusal): VigilError {
  return new VigilError("store/conflict", MESSAGES[reason], { caseId, reason });
}
