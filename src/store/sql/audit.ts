/** The audit log, over SQL: append and list, newest first. */
import type { AuditEvent, ListAuditOptions, NewAuditEvent } from "../audit-types.js";
import type { AuditRepository } from "../store.js";
import type { Page } from "../types.js";
import {
  checkInteger,
  checkJsonObject,
  checkLimit,
  checkOptionalText,
  checkText,
  invalid,
} from "../validate.js";
import { int, jsonObject, nullableText, text, timestamp } from "./columns.js";
import type { RepositoryContext } from "./context.js";
import { nowIso, pageOf } from "./context.js";
import type { Row } from "./executor.js";
import { first } from "./executor.js";

const MAX_DETAILS_BYTES = 16_384;

export class SqlAudit implements AuditRepository {
  constructor(private readonly context: RepositoryContext) {}

  async append(event: NewAuditEvent): Promise<AuditEvent> {
    if (typeof event !== "object" || event === null) invalid("event", "expected an object");
    const row = await first(
      this.context.db,
      `INSERT INTO audit_events (at, actor, action, subject_type, subject_id, details)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
      [
        nowIso(this.context),
        checkText(event.actor, "actor", 256),
        checkText(event.action, "action", 128),
        checkOptionalText(event.subjectType, "subjectType", 64),
        checkOptionalText(event.subjectId, "subjectId", 256),
        checkJsonObject(event.details ?? {}, "details", MAX_DETAILS_BYTES),
      ],
    );
    return decodeEvent(row!);
  }

  async list(options: ListAuditOptions = {}): Promise<Page<AuditEvent, number>> {
    const limit = checkLimit(options.limit);
    const conditions: string[] = [];
    const params: unknown[] = [];
    if (options.subjectType !== undefined) {
      conditions.push("subject_type = ?");
      params.push(checkText(options.subjectType, "subjectType", 64));
    }
    if (options.subjectId !== undefined) {
      conditions.push("subject_id = ?");
      params.push(checkText(options.subjectId, "subjectId", 256));
    }
    if (options.before !== undefined) {
      conditions.push("id < ?");
      params.push(checkInteger(options.before, "before", 1, Number.MAX_SAFE_INTEGER));
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(" AND ")}` : "";
    const rows = await this.context.db.all(
      `SELECT * FROM audit_events ${where} ORDER BY id DESC LIMIT ?`,
      [...params, limit + 1],
    );
    return pageOf(rows.map(decodeEvent), limit, (event) => event.id);
  }
}

function decodeEvent(row: Row): AuditEvent {
  return {
    id: int(row, "id"),
    at: timestamp(row, "at"),
    actor: text(row, "actor"),
    action: text(row, "action"),
    subjectType: nullableText(row, "subject_type"),
    subjectId: nullableText(row, "subject_id"),
    details: jsonObject(row, "details"),
  };
}
