/** The audit log, over SQL: append to the hash chain, list newest first, verify. */
import { auditEventHash } from "./audit-hash.js";
import type {
  AuditEvent,
  AuditVerification,
  ListAuditOptions,
  NewAuditEvent,
} from "./audit-types.js";
import type { AuditRepository } from "./audit-types.js";
import type { Page } from "../types.js";
import {
  checkInteger,
  checkJsonObject,
  checkLimit,
  checkOptionalText,
  checkText,
  invalid,
} from "../validate.js";
import { advanceChainHead, chainedFields, lockChainHead } from "./audit-chain.js";
import { verifyAuditChain } from "./audit-verify.js";
import { int, jsonObject, nullableText, text, timestamp } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { nowIso, pageOf } from "../sql/context.js";
import type { Row } from "../sql/executor.js";
import { first } from "../sql/executor.js";

const MAX_DETAILS_BYTES = 16_384;

export class SqlAudit implements AuditRepository {
  constructor(private readonly context: RepositoryContext) {}

  async append(event: NewAuditEvent): Promise<AuditEvent> {
    if (typeof event !== "object" || event === null) invalid("event", "expected an object");
    const values = [
      checkText(event.actor, "actor", 256),
      checkText(event.action, "action", 128),
      checkOptionalText(event.subjectType, "subjectType", 64),
      checkOptionalText(event.subjectId, "subjectId", 256),
      checkJsonObject(event.details ?? {}, "details", MAX_DETAILS_BYTES),
    ];
    // The id comes from the database, so the row is inserted first and hashed as read back;
    // the head lock held until commit keeps every other appender out meanwhile.
    return this.context.db.transaction(async (tx) => {
      const head = await lockChainHead(tx);
      const row = await first(
        tx,
        `INSERT INTO audit_events (at, actor, action, subject_type, subject_id, details, prev_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [nowIso(this.context), ...values, head.hash],
      );
      const fields = chainedFields(row!, head.hash);
      const hash = auditEventHash(fields);
      await tx.run("UPDATE audit_events SET hash = ? WHERE id = ?", [hash, fields.id]);
      await advanceChainHead(tx, { lastId: fields.id, hash });
      return decodeEvent({ ...row!, hash });
    });
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

  async verify(options: { readonly pageSize?: number } = {}): Promise<AuditVerification> {
    const pageSize =
      options.pageSize === undefined
        ? undefined
        : checkInteger(options.pageSize, "pageSize", 1, 100_000);
    return verifyAuditChain(this.context.db, pageSize);
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
    prevHash: text(row, "prev_hash"),
    hash: text(row, "hash"),
  };
}
