/** Policy versions, over SQL: each save is the next version; the newest is in force. */
import type { ListPoliciesOptions, NewPolicyVersion, StoredPolicy } from "./policy-types.js";
import type { PolicyRepository } from "./policy-types.js";
import type { Page } from "../types.js";
import {
  checkInteger,
  checkJsonObject,
  checkLimit,
  checkOptionalText,
  checkText,
  invalid,
} from "../validate.js";
import { int, jsonObject, nullableText, text, timestamp } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { nowIso, pageOf } from "../sql/context.js";
import type { Row } from "../sql/executor.js";
import { first } from "../sql/executor.js";

/** A rule set of 1000 large rules stays well under this. */
const MAX_RULE_SET_BYTES = 4 * 1024 * 1024;
/** The first key of the advisory lock that orders saves on PostgreSQL: "VPOL" in ASCII. */
const SAVE_LOCK = 0x56504f4c;

export class SqlPolicies implements PolicyRepository {
  constructor(private readonly context: RepositoryContext) {}

  async save(input: NewPolicyVersion): Promise<StoredPolicy> {
    if (typeof input !== "object" || input === null) invalid("policy", "expected an object");
    const ruleSet = checkJsonObject(input.ruleSet, "ruleSet", MAX_RULE_SET_BYTES);
    const createdBy = checkText(input.createdBy, "createdBy", 256);
    const comment = checkOptionalText(input.comment, "comment", 2000);
    // Two saves at once must not both read the same newest version: SQLite's BEGIN IMMEDIATE
    // already admits one writer at a time; PostgreSQL takes an advisory lock for the transaction.
    return this.context.db.transaction(async (tx) => {
      if (tx.dialect === "postgres") {
        await tx.all("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))", [SAVE_LOCK]);
      }
      const row = await first(
        tx,
        // VALUES rather than INSERT … SELECT: PostgreSQL types the parameters by their columns.
        `INSERT INTO policy_versions (version, rule_set, created_at, created_by, comment)
         VALUES ((SELECT COALESCE(MAX(version), 0) + 1 FROM policy_versions), ?, ?, ?, ?)
         RETURNING *`,
        [ruleSet, nowIso(this.context), createdBy, comment],
      );
      return decodePolicy(row!);
    });
  }

  async current(): Promise<StoredPolicy | null> {
    const row = await first(
      this.context.db,
      "SELECT * FROM policy_versions ORDER BY version DESC LIMIT 1",
    );
    return row ? decodePolicy(row) : null;
  }

  async get(version: number): Promise<StoredPolicy | null> {
    const checked = checkInteger(version, "version", 1, 2_147_483_647);
    const row = await first(this.context.db, "SELECT * FROM policy_versions WHERE version = ?", [
      checked,
    ]);
    return row ? decodePolicy(row) : null;
  }

  async list(options: ListPoliciesOptions = {}): Promise<Page<StoredPolicy, number>> {
    const limit = checkLimit(options.limit);
    const before =
      options.before === undefined
        ? null
        : checkInteger(options.before, "before", 1, 2_147_483_647);
    const rows = await this.context.db.all(
      `SELECT * FROM policy_versions ${before === null ? "" : "WHERE version < ?"}
       ORDER BY version DESC LIMIT ?`,
      [...(before === null ? [] : [before]), limit + 1],
    );
    return pageOf(rows.map(decodePolicy), limit, (p) => p.version);
  }
}

function decodePolicy(row: Row): StoredPolicy {
  return {
    version: int(row, "version"),
    ruleSet: jsonObject(row, "rule_set"),
    createdAt: timestamp(row, "created_at"),
    createdBy: text(row, "created_by"),
    comment: nullableText(row, "comment"),
  };
}
