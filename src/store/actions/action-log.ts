/**
 * The action log, over SQL. `record` inserts with ON CONFLICT (key) DO NOTHING and reads the
 * winner back when it lost: on both databases a concurrent second writer of the same key gets
 * the first writer's record, never a second row and never an error.
 */
import { VigilError } from "../../core/index.js";
import type { ActionPatch, ActionRecord, ListActionsOptions, NewAction } from "./action-types.js";
import { ACTION_OUTCOMES } from "./action-types.js";
import type { ActionLogRepository } from "./action-types.js";
import type { Page } from "../types.js";
import {
  checkInteger,
  checkJsonObject,
  checkLimit,
  checkOneOf,
  checkOptionalText,
  checkText,
  invalid,
} from "../validate.js";
import { int, jsonObject, nullableText, oneOf, text, timestamp } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { nowIso, pageOf } from "../sql/context.js";
import type { Row } from "../sql/executor.js";
import { first } from "../sql/executor.js";

/** Room for a webhook event (the queue caps those at 64 KiB) and the attempts beside it. */
const MAX_DETAIL_BYTES = 96 * 1024;
const MAX_ATTEMPTS = 1_000_000;

export class SqlActionLog implements ActionLogRepository {
  constructor(private readonly context: RepositoryContext) {}

  async record(action: NewAction): Promise<{ action: ActionRecord; created: boolean }> {
    if (typeof action !== "object" || action === null) invalid("action", "expected an object");
    const key = checkKey(action.key);
    const values = [
      checkText(action.kind, "kind", 128),
      checkOptionalText(action.subjectType, "subjectType", 64),
      checkOptionalText(action.subjectId, "subjectId", 256),
      checkOptionalText(action.target, "target", 256),
      checkOneOf(action.outcome, "outcome", ACTION_OUTCOMES),
      checkJsonObject(action.detail ?? {}, "detail", MAX_DETAIL_BYTES),
      checkInteger(action.attempts ?? 0, "attempts", 0, MAX_ATTEMPTS),
    ];
    const inserted = await first(
      this.context.db,
      `INSERT INTO action_log (at, key, kind, subject_type, subject_id, target, outcome, detail,
         attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING RETURNING *`,
      [nowIso(this.context), key, ...values],
    );
    if (inserted) return { action: decodeAction(inserted), created: true };
    const existing = await this.getByKey(key);
    // Only a delete between the two statements could get here, and nothing deletes actions.
    if (!existing) throw new Error(`The action "${key}" vanished while being recorded.`);
    return { action: existing, created: false };
  }

  async update(key: string, patch: ActionPatch): Promise<ActionRecord> {
    if (typeof patch !== "object" || patch === null) invalid("patch", "expected an object");
    const sets = ["outcome = ?", "at = ?"];
    const params: unknown[] = [
      checkOneOf(patch.outcome, "outcome", ACTION_OUTCOMES),
      nowIso(this.context),
    ];
    if (patch.detail !== undefined) {
      sets.push("detail = ?");
      params.push(checkJsonObject(patch.detail, "detail", MAX_DETAIL_BYTES));
    }
    if (patch.attempts !== undefined) {
      sets.push("attempts = ?");
      params.push(checkInteger(patch.attempts, "attempts", 0, MAX_ATTEMPTS));
    }
    const row = await first(
      this.context.db,
      `UPDATE action_log SET ${sets.join(", ")} WHERE key = ? RETURNING *`,
      [...params, checkKey(key)],
    );
    if (!row) {
      throw new VigilError("store/not-found", `There is no action "${key}".`, { actionKey: key });
    }
    return decodeAction(row);
  }

  async save(action: NewAction): Promise<void> {
    const { created } = await this.record(action);
    if (created) return;
    await this.update(action.key, {
      outcome: action.outcome,
      ...(action.detail === undefined ? {} : { detail: action.detail }),
      ...(action.attempts === undefined ? {} : { attempts: action.attempts }),
    });
  }

  async getByKey(key: string): Promise<ActionRecord | null> {
    const row = await first(this.context.db, "SELECT * FROM action_log WHERE key = ?", [key]);
    return row ? decodeAction(row) : null;
  }

  async list(options: ListActionsOptions = {}): Promise<Page<ActionRecord, number>> {
    const limit = checkLimit(options.limit);
    const conditions: string[] = [];
    const params: unknown[] = [];
    const where = (condition: string, value: unknown) => {
      conditions.push(condition);
      params.push(value);
    };
    if (options.kind !== undefined) where("kind = ?", checkText(options.kind, "kind", 128));
    if (options.subjectType !== undefined) {
      where("subject_type = ?", checkText(options.subjectType, "subjectType", 64));
    }
    if (options.subjectId !== undefined) {
      where("subject_id = ?", checkText(options.subjectId, "subjectId", 256));
    }
    if (options.outcome !== undefined) {
      where("outcome = ?", checkOneOf(options.outcome, "outcome", ACTION_OUTCOMES));
    }
    if (options.before !== undefined) {
      where("id < ?", checkInteger(options.before, "before", 1, Number.MAX_SAFE_INTEGER));
    }
    const filter = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
    const rows = await this.context.db.all(
      `SELECT * FROM action_log ${filter} ORDER BY id DESC LIMIT ?`,
      [...params, limit + 1],
    );
    return pageOf(rows.map(decodeAction), limit, (action) => action.id);
  }
}

function checkKey(value: unknown): string {
  return checkText(value, "key", 256);
}

function decodeAction(row: Row): ActionRecord {
  return {
    id: int(row, "id"),
    at: timestamp(row, "at"),
    key: text(row, "key"),
    kind: text(row, "kind"),
    subjectType: nullableText(row, "subject_type"),
    subjectId: nullableText(row, "subject_id"),
    target: nullableText(row, "target"),
    outcome: oneOf(row, "outcome", ACTION_OUTCOMES),
    detail: jsonObject(row, "detail"),
    attempts: int(row, "attempts"),
  };
}
