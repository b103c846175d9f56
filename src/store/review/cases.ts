/** Cases, over SQL. Reports open and join them (reports.ts). */
import type { Case, ListCasesOptions } from "./report-types.js";
import type {
  CaseItem,
  ClaimOptions,
  ListReviewCasesOptions,
  OpenForItem,
  QueueOptions,
  ReviewCase,
} from "./review-types.js";
import { CASE_STATUSES } from "./report-types.js";
import type { CaseRepository } from "./report-types.js";
import type { Page } from "../types.js";
import { checkLimit, checkOneOf, checkText } from "../validate.js";
import type { RepositoryContext } from "../sql/context.js";
import { nowIso, pageOf } from "../sql/context.js";
import { first } from "../sql/executor.js";
import * as review from "./case-queue.js";
import { caseNotFound, decodeCase } from "./review-rows.js";

export class SqlCases implements CaseRepository {
  constructor(private readonly context: RepositoryContext) {}

  async get(id: string): Promise<Case | null> {
    const row = await first(this.context.db, "SELECT * FROM cases WHERE id = ?", [id]);
    return row ? decodeCase(row) : null;
  }

  async findOpen(groupKey: string): Promise<Case | null> {
    const row = await first(
      this.context.db,
      "SELECT * FROM cases WHERE group_key = ? AND status = 'open'",
      [groupKey],
    );
    return row ? decodeCase(row) : null;
  }

  async list(options: ListCasesOptions = {}): Promise<Page<Case, string>> {
    const limit = checkLimit(options.limit);
    const after = options.after === undefined ? "" : checkText(options.after, "after", 64);
    const status = options.status && checkOneOf(options.status, "status", CASE_STATUSES);
    const rows = await this.context.db.all(
      `SELECT * FROM cases WHERE id > ? ${status ? "AND status = ?" : ""} ORDER BY id LIMIT ?`,
      [after, ...(status ? [status] : []), limit + 1],
    );
    return pageOf(rows.map(decodeCase), limit, (item) => item.id);
  }

  async close(id: string): Promise<Case> {
    const at = nowIso(this.context);
    const db = this.context.db;
    const row =
      (await first(
        db,
        `UPDATE cases SET status = 'closed', closed_at = ?, updated_at = ?, assignee = NULL,
           lease_until = NULL
         WHERE id = ? AND status = 'open' RETURNING *`,
        [at, at, id],
      )) ?? (await first(db, "SELECT * FROM cases WHERE id = ?", [id]));
    if (!row) throw caseNotFound(id);
    return decodeCase(row);
  }

  // The review queue (case-queue.ts).
  openForItem(input: OpenForItem): Promise<{ case: ReviewCase; created: boolean }> {
    return review.openForItem(this.context, input);
  }

  items(caseId: string): Promise<CaseItem[]> {
    return review.caseItems(this.context, caseId);
  }

  getReview(id: string): Promise<ReviewCase | null> {
    return review.getReview(this.context.db, id);
  }

  listReview(options?: ListReviewCasesOptions): Promise<Page<ReviewCase, string>> {
    return review.listReview(this.context, options);
  }

  queue(options: QueueOptions): Promise<ReviewCase[]> {
    return review.queue(this.context, options);
  }

  claimNext(moderatorId: string, options: ClaimOptions): Promise<ReviewCase | null> {
    return review.claimNext(this.context, moderatorId, options);
  }

  claim(caseId: string, moderatorId: string, options: ClaimOptions): Promise<ReviewCase> {
    return review.claim(this.context, caseId, moderatorId, options);
  }

  renewLease(caseId: string, moderatorId: string, leaseMs: number): Promise<ReviewCase> {
    return review.renewLease(this.context, caseId, moderatorId, leaseMs);
  }

  release(caseId: string, moderatorId: string, privileged?: boolean): Promise<ReviewCase> {
    return review.release(this.context, caseId, moderatorId, privileged);
  }
}
