/**
 * Decisions and appeals, over SQL. Each change is one transaction: the case moves (closed,
 * escalated, reopened) by a conditional UPDATE that also checks who may move it, and the
 * decision or appeal row is written with it — so a decision by someone who lost the lease a
 * moment ago changes nothing.
 */
import type {
  Appeal,
  Decision,
  NewAppeal,
  NewAppealDecision,
  NewDecision,
  ReviewCase,
} from "./review-types.js";
import { APPEAL_OUTCOMES, CASE_DECISIONS, POLICY_REASONS } from "./review-types.js";
import type { AppealRepository, DecisionRepository } from "./review-types.js";
import { newId } from "../ids.js";
import {
  checkBoolean,
  checkEntryId,
  checkList,
  checkOneOf,
  checkText,
  invalid,
} from "../validate.js";
import { checkId, getReview, refusal } from "./case-queue.js";
import type { RepositoryContext } from "../sql/context.js";
import type { SqlExecutor } from "../sql/executor.js";
import { first } from "../sql/executor.js";
import { caseConflict, decodeAppeal, decodeDecision, decodeReviewCase } from "./review-rows.js";

const MAX_NOTE = 10_000;

/** Who may move an open case: its lease holder while the lease lasts, or a lead/admin. */
const MAY_DECIDE = "(? OR (assignee = ? AND lease_until > ?))";

export class SqlDecisions implements DecisionRepository {
  constructor(private readonly context: RepositoryContext) {}

  async record(input: NewDecision): Promise<{ decision: Decision; case: ReviewCase }> {
    if (typeof input !== "object" || input === null) invalid("decision", "expected an object");
    const caseId = checkId(input.caseId, "caseId");
    const moderatorId = checkId(input.moderatorId, "moderatorId");
    const kind = checkOneOf(input.decision, "decision", CASE_DECISIONS);
    const reason = checkOneOf(input.reason, "reason", POLICY_REASONS);
    const note = checkNote(input.note);
    const entryIds = checkList(input.addedEntryIds ?? [], "addedEntryIds", 10_000, (id, field) =>
      checkEntryId(id, field),
    );
    const privileged = checkBoolean(input.privileged ?? false, "privileged");
    const now = this.context.clock();
    const at = now.toISOString();
    const escalate = kind === "escalate";
    return this.context.db.transaction(async (tx) => {
      // Escalating keeps the case open for a lead and is not the final word: `decided_by`
      // (whom an appeal must avoid) stays as it was.
      const row = await first(
        tx,
        `UPDATE cases SET
           status = ?, closed_at = ?, escalated = ?, assignee = NULL, lease_until = NULL,
           last_decision = ?, decided_by = ${escalate ? "decided_by" : "?"}, updated_at = ?
         WHERE id = ? AND status = 'open' AND appeal_id IS NULL AND ${MAY_DECIDE}
         RETURNING *`,
        [
          escalate ? "open" : "closed",
          escalate ? null : at,
          escalate,
          kind,
          ...(escalate ? [] : [moderatorId]),
          at,
          caseId,
          privileged,
          moderatorId,
          at,
        ],
      );
      if (!row) {
        throw await refusal(tx, caseId, (found) =>
          found.status === "closed" ? "closed" : found.appealId ? "appeal-open" : "not-holder",
        );
      }
      const decision = await insertDecision(tx, {
        id: newId(now),
        caseId,
        moderatorId,
        decision: kind,
        reason,
        note,
        appealId: null,
        addedEntryIds: entryIds,
        createdAt: at,
      });
      return { decision, case: decodeReviewCase(row) };
    });
  }

  async recordAppeal(
    input: NewAppealDecision,
  ): Promise<{ decision: Decision; appeal: Appeal; case: ReviewCase }> {
    if (typeof input !== "object" || input === null) invalid("decision", "expected an object");
    const caseId = checkId(input.caseId, "caseId");
    const moderatorId = checkId(input.moderatorId, "moderatorId");
    const outcome = checkOneOf(input.outcome, "outcome", APPEAL_OUTCOMES);
    const note = checkNote(input.note);
    const privileged = checkBoolean(input.privileged ?? false, "privileged");
    const now = this.context.clock();
    const at = now.toISOString();
    const kind = outcome === "upheld" ? "uphold" : "overturn";
    return this.context.db.transaction(async (tx) => {
      const before = await getReview(tx, caseId);
      if (!before) throw await refusal(tx, caseId, () => "closed");
      if (before.appealId === null) {
        throw caseConflict(caseId, before.status === "closed" ? "closed" : "no-open-appeal");
      }
      if (before.decidedBy === moderatorId) throw caseConflict(caseId, "own-decision");
      const row = await first(
        tx,
        `UPDATE cases SET status = 'closed', closed_at = ?, appeal_id = NULL, assignee = NULL,
           lease_until = NULL, last_decision = ?, decided_by = ?, updated_at = ?
         WHERE id = ? AND status = 'open' AND appeal_id = ? AND ${MAY_DECIDE}
         RETURNING *`,
        [at, kind, moderatorId, at, caseId, before.appealId, privileged, moderatorId, at],
      );
      if (!row) throw caseConflict(caseId, "not-holder");
      const appealRow = await first(
        tx,
        `UPDATE appeals SET status = 'decided', outcome = ?, decided_by = ?, decided_at = ?
         WHERE id = ? AND status = 'open' RETURNING *`,
        [outcome, moderatorId, at, before.appealId],
      );
      if (!appealRow) throw caseConflict(caseId, "no-open-appeal");
      // The appeal is about the last final decision: its reason is the one upheld or overturned.
      const last = await first(
        tx,
        `SELECT reason FROM decisions WHERE case_id = ? AND appeal_id IS NULL
           AND decision <> 'escalate' ORDER BY id DESC LIMIT 1`,
        [caseId],
      );
      const decision = await insertDecision(tx, {
        id: newId(now),
        caseId,
        moderatorId,
        decision: kind,
        reason: last ? checkOneOf(last["reason"], "reason", POLICY_REASONS) : "other",
        note,
        appealId: before.appealId,
        addedEntryIds: [],
        createdAt: at,
      });
      return { decision, appeal: decodeAppeal(appealRow), case: decodeReviewCase(row) };
    });
  }

  async get(id: string): Promise<Decision | null> {
    const row = await first(this.context.db, "SELECT * FROM decisions WHERE id = ?", [
      checkId(id, "id"),
    ]);
    return row ? decodeDecision(row) : null;
  }

  async listByCase(caseId: string): Promise<Decision[]> {
    const rows = await this.context.db.all(
      "SELECT * FROM decisions WHERE case_id = ? ORDER BY id",
      [checkId(caseId, "caseId")],
    );
    return rows.map(decodeDecision);
  }
}

export class SqlAppeals implements AppealRepository {
  constructor(private readonly context: RepositoryContext) {}

  /** Files the appeal and reopens the decided case for review, in one transaction. */
  async create(input: NewAppeal): Promise<{ appeal: Appeal; case: ReviewCase }> {
    if (typeof input !== "object" || input === null) invalid("appeal", "expected an object");
    const caseId = checkId(input.caseId, "caseId");
    const appellant = checkText(input.appellant, "appellant", 256);
    const text = checkText(input.text ?? "", "text", MAX_NOTE, {
      allowEmpty: true,
      multiline: true,
    });
    const now = this.context.clock();
    const at = now.toISOString();
    const id = newId(now);
    return this.context.db.transaction(async (tx) => {
      // A closed case has no open appeal: reopening it is what guards "one open appeal".
      const row = await first(
        tx,
        `UPDATE cases SET status = 'open', closed_at = NULL, appeal_id = ?, escalated = ?,
           assignee = NULL, lease_until = NULL, updated_at = ?
         WHERE id = ? AND status = 'closed' RETURNING *`,
        [id, false, at, caseId],
      );
      if (!row) {
        throw await refusal(tx, caseId, (found) => (found.appealId ? "appeal-open" : "open"));
      }
      const appealRow = await first(
        tx,
        `INSERT INTO appeals (id, case_id, appellant, text, status, created_at)
         VALUES (?, ?, ?, ?, 'open', ?) RETURNING *`,
        [id, caseId, appellant, text, at],
      );
      return { appeal: decodeAppeal(appealRow!), case: decodeReviewCase(row) };
    });
  }

  async get(id: string): Promise<Appeal | null> {
    const row = await first(this.context.db, "SELECT * FROM appeals WHERE id = ?", [
      checkId(id, "id"),
    ]);
    return row ? decodeAppeal(row) : null;
  }

  async listByCase(caseId: string): Promise<Appeal[]> {
    const rows = await this.context.db.all("SELECT * FROM appeals WHERE case_id = ? ORDER BY id", [
      checkId(caseId, "caseId"),
    ]);
    return rows.map(decodeAppeal);
  }
}

function checkNote(note: unknown): string {
  return checkText(note ?? "", "note", MAX_NOTE, { allowEmpty: true, multiline: true });
}

async function insertDecision(db: SqlExecutor, decision: Decision): Promise<Decision> {
  const row = await first(
    db,
    `INSERT INTO decisions (id, case_id, moderator_id, decision, reason, note, appeal_id,
       created_at, added_entry_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    [
      decision.id,
      decision.caseId,
      decision.moderatorId,
      decision.decision,
      decision.reason,
      decision.note,
      decision.appealId,
      decision.createdAt,
      JSON.stringify(decision.addedEntryIds),
    ],
  );
  return decodeDecision(row!);
}
