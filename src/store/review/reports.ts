/**
 * Reports, over SQL. Creating one opens the case for its content or joins the open one in the
 * same transaction, with one upsert on the partial unique index of open cases' group keys: on
 * PostgreSQL a second simultaneous report waits on that index and then joins; SQLite runs one
 * writer at a time.
 */
import type { CreateReportResult, NewReport, Report } from "./report-types.js";
import { REPORT_REASONS, REPORT_SEVERITY } from "./report-types.js";
import type { ReportRepository } from "./report-types.js";
import type { Page, PageOptions } from "../types.js";
import { newId } from "../ids.js";
import { checkLimit, checkOneOf, checkText, invalid } from "../validate.js";
import { nullableText, oneOf, text, timestamp } from "../sql/columns.js";
import { caseNotFound, decodeCase } from "./review-rows.js";
import type { RepositoryContext } from "../sql/context.js";
import { pageOf } from "../sql/context.js";
import type { Row } from "../sql/executor.js";
import { first } from "../sql/executor.js";

/** A B-tree key in PostgreSQL holds at most about 2700 bytes; the group key must fit. */
const MAX_CONTENT_REF_BYTES = 2000;
const CONTENT_HASH = /^(?:[0-9a-fA-F]{32}|[0-9a-fA-F]{64})$/;

const JOIN_CASE = `
  INSERT INTO cases (id, group_key, status, severity, report_count, created_at, updated_at)
  VALUES (?, ?, 'open', ?, 1, ?, ?)
  ON CONFLICT (group_key) WHERE status = 'open' AND appeal_id IS NULL DO UPDATE SET
    report_count = cases.report_count + 1,
    severity = CASE WHEN excluded.severity > cases.severity
      THEN excluded.severity ELSE cases.severity END,
    updated_at = excluded.updated_at
  RETURNING *`;

export class SqlReports implements ReportRepository {
  constructor(private readonly context: RepositoryContext) {}

  async create(input: NewReport): Promise<CreateReportResult> {
    const report = checkReport(input);
    const now = this.context.clock();
    const at = now.toISOString();
    const groupKey = report.contentHash ?? report.contentRef;
    const severity = REPORT_SEVERITY[report.reason];
    return this.context.db.transaction(async (tx) => {
      const caseRow = await first(tx, JOIN_CASE, [newId(now), groupKey, severity, at, at]);
      const joined = decodeCase(caseRow!);
      const reportRow = await first(
        tx,
        `INSERT INTO reports (id, case_id, content_ref, content_hash, reporter, reason, text,
           created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        [
          newId(now),
          joined.id,
          report.contentRef,
          report.contentHash,
          report.reporter,
          report.reason,
          report.text,
          at,
        ],
      );
      return {
        report: decodeReport(reportRow!),
        case: joined,
        caseCreated: joined.reportCount === 1,
      };
    });
  }

  async get(id: string): Promise<Report | null> {
    const row = await first(this.context.db, "SELECT * FROM reports WHERE id = ?", [id]);
    return row ? decodeReport(row) : null;
  }

  async listByCase(
    caseId: string,
    options: PageOptions<string> = {},
  ): Promise<Page<Report, string>> {
    const limit = checkLimit(options.limit);
    const after = options.after === undefined ? "" : checkText(options.after, "after", 64);
    const db = this.context.db;
    const rows = await db.all(
      "SELECT * FROM reports WHERE case_id = ? AND id > ? ORDER BY id LIMIT ?",
      [caseId, after, limit + 1],
    );
    if (
      rows.length === 0 &&
      !(await first(db, "SELECT 1 AS found FROM cases WHERE id = ?", [caseId]))
    ) {
      throw caseNotFound(caseId);
    }
    return pageOf(rows.map(decodeReport), limit, (report) => report.id);
  }
}

function checkReport(input: NewReport): Omit<Report, "id" | "caseId" | "createdAt"> {
  if (typeof input !== "object" || input === null) invalid("report", "expected an object");
  const contentRef = checkText(input.contentRef, "contentRef", MAX_CONTENT_REF_BYTES);
  if (new TextEncoder().encode(contentRef).length > MAX_CONTENT_REF_BYTES) {
    invalid("contentRef", `longer than ${MAX_CONTENT_REF_BYTES} bytes`);
  }
  let contentHash: string | null = null;
  if (input.contentHash !== undefined && input.contentHash !== null) {
    if (typeof input.contentHash !== "string" || !CONTENT_HASH.test(input.contentHash.trim())) {
      invalid("contentHash", "expected 32 or 64 hex digits");
    }
    contentHash = input.contentHash.trim().toLowerCase();
  }
  return {
    contentRef,
    contentHash,
    reporter: checkText(input.reporter, "reporter", 256),
    reason: checkOneOf(input.reason, "reason", REPORT_REASONS),
    text: checkText(input.text ?? "", "text", 10_000, { allowEmpty: true, multiline: true }),
  };
}

function decodeReport(row: Row): Report {
  return {
    id: text(row, "id"),
    caseId: text(row, "case_id"),
    contentRef: text(row, "content_ref"),
    contentHash: nullableText(row, "content_hash"),
    reporter: text(row, "reporter"),
    reason: oneOf(row, "reason", REPORT_REASONS),
    text: text(row, "text"),
    createdAt: timestamp(row, "created_at"),
  };
}
