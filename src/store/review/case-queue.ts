/**
 * The review queue over SQL: cases rules open for items, and leases on cases. A lease is the
 * assignee and an expiry on the case row, taken by one conditional UPDATE, so two moderators
 * claiming at once never get the same case: on PostgreSQL the candidate row is locked with
 * `FOR UPDATE SKIP LOCKED` (the second claimer takes the next case instead of waiting); SQLite
 * runs one writer at a time.
 */
import type {
  CaseItem,
  ClaimOptions,
  ListReviewCasesOptions,
  ModeratorRole,
  OpenForItem,
  QueueOptions,
  ReviewCase,
} from "./review-types.js";
import { MODERATOR_ROLES } from "./review-types.js";
import type { Page } from "../types.js";
import { newId } from "../ids.js";
import {
  checkBoolean,
  checkInteger,
  checkLimit,
  checkOneOf,
  checkOptionalText,
  checkText,
  invalid,
} from "../validate.js";
import type { RepositoryContext } from "../sql/context.js";
import { pageOf } from "../sql/context.js";
import type { SqlExecutor } from "../sql/executor.js";
import { first } from "../sql/executor.js";
import type { CaseRefusal } from "./review-rows.js";
import { caseConflict, caseNotFound, decodeCaseItem, decodeReviewCase } from "./review-rows.js";

const MAX_LEASE_MS = 24 * 60 * 60 * 1000;
const MAX_GROUP_KEY_BYTES = 2000;

/** Same conflict target as reports.create: the open, non-appeal case of the group key. */
const OPEN_CASE = `
  INSERT INTO cases (id, group_key, status, severity, report_count, item_count, created_at,
    updated_at)
  VALUES (?, ?, 'open', ?, 0, 0, ?, ?)
  ON CONFLICT (group_key) WHERE status = 'open' AND appeal_id IS NULL DO UPDATE SET
    severity = CASE WHEN excluded.severity > cases.severity
      THEN excluded.severity ELSE cases.severity END,
    updated_at = excluded.updated_at
  RETURNING *`;

/** Leads and admins see escalated and appealed cases; moderators do not. */
function roleFilter(role: ModeratorRole): string {
  return role === "moderator" ? "AND NOT escalated AND appeal_id IS NULL" : "";
}

const QUEUE_ORDER = "ORDER BY severity DESC, created_at, id";

export function checkId(value: unknown, field: string): string {
  return checkText(value, field, 64);
}

function checkClaim(options: ClaimOptions): Required<ClaimOptions> {
  if (typeof options !== "object" || options === null) invalid("options", "expected an object");
  return {
    leaseMs: checkInteger(options.leaseMs, "leaseMs", 1, MAX_LEASE_MS),
    role: checkOneOf(options.role, "role", MODERATOR_ROLES),
    excludeDecidedBy: checkBoolean(options.excludeDecidedBy ?? true, "excludeDecidedBy"),
  };
}

export async function openForItem(
  context: RepositoryContext,
  input: OpenForItem,
): Promise<{ case: ReviewCase; created: boolean }> {
  if (typeof input !== "object" || input === null) invalid("input", "expected an object");
  const groupKey = checkText(input.groupKey, "groupKey", MAX_GROUP_KEY_BYTES);
  if (new TextEncoder().encode(groupKey).length > MAX_GROUP_KEY_BYTES) {
    invalid("groupKey", `longer than ${MAX_GROUP_KEY_BYTES} bytes`);
  }
  const itemId = checkId(input.itemId, "itemId");
  const severity = checkInteger(input.severity, "severity", 1, 100);
  const ruleId = checkOptionalText(input.ruleId, "ruleId", 200);
  const now = context.clock();
  const at = now.toISOString();
  return context.db.transaction(async (tx) => {
    // Delivery is at least once: an item already linked to a case of this key changes nothing.
    const linked = await first(
      tx,
      `SELECT c.* FROM case_items i JOIN cases c ON c.id = i.case_id
       WHERE i.item_id = ? AND c.group_key = ? ORDER BY c.id DESC LIMIT 1`,
      [itemId, groupKey],
    );
    if (linked) return { case: decodeReviewCase(linked), created: false };
    const id = newId(now);
    const opened = decodeReviewCase(
      (await first(tx, OPEN_CASE, [id, groupKey, severity, at, at]))!,
    );
    const added = await tx.run(
      `INSERT INTO case_items (case_id, item_id, rule_id, added_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (case_id, item_id) DO NOTHING`,
      [opened.id, itemId, ruleId, at],
    );
    const row =
      added > 0
        ? await first(tx, "UPDATE cases SET item_count = item_count + 1 WHERE id = ? RETURNING *", [
            opened.id,
          ])
        : undefined;
    // A fresh id comes back only when this call inserted the row.
    return { case: row ? decodeReviewCase(row) : opened, created: opened.id === id };
  });
}

export async function caseItems(context: RepositoryContext, caseId: string): Promise<CaseItem[]> {
  const rows = await context.db.all(
    "SELECT * FROM case_items WHERE case_id = ? ORDER BY added_at, item_id",
    [checkId(caseId, "caseId")],
  );
  return rows.map(decodeCaseItem);
}

export async function getReview(db: SqlExecutor, caseId: string): Promise<ReviewCase | null> {
  const row = await first(db, "SELECT * FROM cases WHERE id = ?", [checkId(caseId, "caseId")]);
  return row ? decodeReviewCase(row) : null;
}

export async function listReview(
  context: RepositoryContext,
  options: ListReviewCasesOptions = {},
): Promise<Page<ReviewCase, string>> {
  const limit = checkLimit(options.limit);
  const after = options.after === undefined ? "" : checkId(options.after, "after");
  const status = options.status && checkOneOf(options.status, "status", ["open", "closed"]);
  const rows = await context.db.all(
    `SELECT * FROM cases WHERE id > ? ${status ? "AND status = ?" : ""} ORDER BY id LIMIT ?`,
    [after, ...(status ? [status] : []), limit + 1],
  );
  return pageOf(rows.map(decodeReviewCase), limit, (item) => item.id);
}

export async function queue(
  context: RepositoryContext,
  options: QueueOptions,
): Promise<ReviewCase[]> {
  const role = checkOneOf(options?.role, "role", MODERATOR_ROLES);
  const rows = await context.db.all(
    `SELECT * FROM cases WHERE status = 'open' ${roleFilter(role)} ${QUEUE_ORDER} LIMIT ?`,
    [checkLimit(options.limit)],
  );
  return rows.map(decodeReviewCase);
}

export async function claimNext(
  context: RepositoryContext,
  moderatorId: string,
  options: ClaimOptions,
): Promise<ReviewCase | null> {
  const moderator = checkId(moderatorId, "moderatorId");
  const { leaseMs, role, excludeDecidedBy } = checkClaim(options);
  const now = context.clock();
  const at = now.toISOString();
  const lock = context.db.dialect === "postgres" ? "FOR UPDATE SKIP LOCKED" : "";
  const own = excludeDecidedBy
    ? "AND (appeal_id IS NULL OR decided_by IS NULL OR decided_by <> ?)"
    : "";
  const row = await first(
    context.db,
    `UPDATE cases SET assignee = ?, lease_until = ?, updated_at = ?
     WHERE id = (
       SELECT id FROM cases
       WHERE status = 'open' AND (assignee IS NULL OR lease_until <= ?) ${roleFilter(role)} ${own}
       ${QUEUE_ORDER} LIMIT 1 ${lock})
     AND status = 'open' AND (assignee IS NULL OR lease_until <= ?)
     RETURNING *`,
    [
      moderator,
      new Date(now.getTime() + leaseMs).toISOString(),
      at,
      at,
      ...(excludeDecidedBy ? [moderator] : []),
      at,
    ],
  );
  return row ? decodeReviewCase(row) : null;
}

/** Takes this case (or renews one's own lease on it). */
export async function claim(
  context: RepositoryContext,
  caseId: string,
  moderatorId: string,
  options: ClaimOptions,
): Promise<ReviewCase> {
  const id = checkId(caseId, "caseId");
  const moderator = checkId(moderatorId, "moderatorId");
  const { leaseMs, role } = checkClaim(options);
  const now = context.clock();
  const at = now.toISOString();
  const row = await first(
    context.db,
    `UPDATE cases SET assignee = ?, lease_until = ?, updated_at = ?
     WHERE id = ? AND status = 'open' AND (assignee IS NULL OR lease_until <= ? OR assignee = ?)
       AND (appeal_id IS NULL OR decided_by IS NULL OR decided_by <> ?) ${roleFilter(role)}
     RETURNING *`,
    [moderator, new Date(now.getTime() + leaseMs).toISOString(), at, id, at, moderator, moderator],
  );
  if (row) return decodeReviewCase(row);
  throw await refusal(context.db, id, (found) =>
    found.status === "closed"
      ? "closed"
      : role === "moderator" && (found.escalated || found.appealId !== null)
        ? "escalated"
        : found.appealId !== null && found.decidedBy === moderator
          ? "own-decision"
          : "leased",
  );
}

export async function renewLease(
  context: RepositoryContext,
  caseId: string,
  moderatorId: string,
  leaseMs: number,
): Promise<ReviewCase> {
  const id = checkId(caseId, "caseId");
  const moderator = checkId(moderatorId, "moderatorId");
  const now = context.clock();
  const until = new Date(now.getTime() + checkInteger(leaseMs, "leaseMs", 1, MAX_LEASE_MS));
  const row = await first(
    context.db,
    `UPDATE cases SET lease_until = ?, updated_at = ?
     WHERE id = ? AND status = 'open' AND assignee = ? AND lease_until > ? RETURNING *`,
    [until.toISOString(), now.toISOString(), id, moderator, now.toISOString()],
  );
  if (row) return decodeReviewCase(row);
  throw await refusal(context.db, id, (found) =>
    found.status === "closed" ? "closed" : "not-holder",
  );
}

/** Gives the case back to the queue; `privileged` (a lead) may release anyone's lease. */
export async function release(
  context: RepositoryContext,
  caseId: string,
  moderatorId: string,
  privileged = false,
): Promise<ReviewCase> {
  const id = checkId(caseId, "caseId");
  const moderator = checkId(moderatorId, "moderatorId");
  const at = context.clock().toISOString();
  const row = await first(
    context.db,
    `UPDATE cases SET assignee = NULL, lease_until = NULL, updated_at = ?
     WHERE id = ? AND (assignee = ? OR ? OR assignee IS NULL) RETURNING *`,
    [at, id, moderator, checkBoolean(privileged, "privileged")],
  );
  if (row) return decodeReviewCase(row);
  throw await refusal(context.db, id, () => "not-holder");
}

/** The error for a conditional update that changed nothing: not found, or why not. */
export async function refusal(
  db: SqlExecutor,
  caseId: string,
  why: (found: ReviewCase) => CaseRefusal,
): Promise<Error> {
  const found = await getReview(db, caseId);
  return found ? caseConflict(caseId, why(found)) : caseNotFound(caseId);
}
