/**
 * The record of every policy evaluation, over SQL. One record per item (the first stands), with
 * a row per fired or shadow rule in `evaluation_rules` for counting; read back oldest first, a
 * page at a time, for backtests.
 */
import type {
  EvaluationRecord,
  IterateEvaluationsOptions,
  NewEvaluation,
  RuleCount,
} from "./policy-types.js";
import type { EvaluationRepository } from "./policy-types.js";
import type { IsoTimestamp } from "../types.js";
import { checkInteger, checkJsonObject, checkText, checkToken, invalid } from "../validate.js";
import { int, jsonObject, nullableInt, oneOf, text, timestamp } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { nowIso } from "../sql/context.js";
import type { Row, SqlExecutor } from "../sql/executor.js";
import { first } from "../sql/executor.js";
import type { JsonValue } from "../../core/index.js";

const MAX_FACTS_BYTES = 256 * 1024;
const MAX_FIRED_BYTES = 256 * 1024;
const VERDICT = /^[a-z][a-z_]{0,31}$/;
const MODES = ["live", "shadow"] as const;
const DEFAULT_PAGE_SIZE = 500;

export class SqlEvaluations implements EvaluationRepository {
  constructor(private readonly context: RepositoryContext) {}

  async record(
    evaluation: NewEvaluation,
  ): Promise<{ evaluation: EvaluationRecord; created: boolean }> {
    if (typeof evaluation !== "object" || evaluation === null) {
      invalid("evaluation", "expected an object");
    }
    const itemId = checkText(evaluation.itemId, "itemId", 256);
    const version =
      evaluation.policyVersion === null
        ? null
        : checkInteger(evaluation.policyVersion, "policyVersion", 1, 2_147_483_647);
    const facts = checkJsonObject(evaluation.facts, "facts", MAX_FACTS_BYTES);
    const verdict = checkToken(evaluation.verdict, "verdict", VERDICT, "expected a verdict name");
    const fired = checkFiredList(evaluation.fired, "fired");
    const shadow = checkFiredList(evaluation.shadow, "shadow");
    const at = nowIso(this.context);
    return this.context.db.transaction(async (tx) => {
      const row = await first(
        tx,
        `INSERT INTO evaluations (item_id, policy_version, facts, verdict, fired, shadow, at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id) DO NOTHING RETURNING *`,
        [itemId, version, facts, verdict, fired.json, shadow.json, at],
      );
      if (!row) {
        const existing = await first(tx, "SELECT * FROM evaluations WHERE item_id = ?", [itemId]);
        return { evaluation: decodeEvaluation(existing!), created: false };
      }
      const id = int(row, "id");
      const ruleRows = [
        ...fired.ruleIds.map((ruleId) => [id, ruleId, "live", at]),
        ...shadow.ruleIds.map((ruleId) => [id, ruleId, "shadow", at]),
      ];
      await tx.insertMany({
        table: "evaluation_rules",
        columns: ["evaluation_id", "rule_id", "mode", "at"],
        rows: ruleRows,
        onConflict: "",
        returning: "",
      });
      return { evaluation: decodeEvaluation(row), created: true };
    });
  }

  async get(itemId: string): Promise<EvaluationRecord | null> {
    const row = await first(this.context.db, "SELECT * FROM evaluations WHERE item_id = ?", [
      checkText(itemId, "itemId", 256),
    ]);
    return row ? decodeEvaluation(row) : null;
  }

  iterate(options: IterateEvaluationsOptions = {}): AsyncIterable<readonly EvaluationRecord[]> {
    const since = options.since === undefined ? undefined : checkSince(options.since);
    const limit =
      options.limit === undefined
        ? Number.MAX_SAFE_INTEGER
        : checkInteger(options.limit, "limit", 1, Number.MAX_SAFE_INTEGER);
    const pageSize =
      options.pageSize === undefined
        ? DEFAULT_PAGE_SIZE
        : checkInteger(options.pageSize, "pageSize", 1, 10_000);
    return evaluationPages(this.context.db, since, limit, pageSize);
  }

  async ruleCounts(options: { readonly since?: IsoTimestamp } = {}): Promise<RuleCount[]> {
    const since = options.since === undefined ? undefined : checkSince(options.since);
    const rows = await this.context.db.all(
      `SELECT rule_id, mode, COUNT(*) AS count FROM evaluation_rules
       ${since === undefined ? "" : "WHERE at >= ?"}
       GROUP BY rule_id, mode ORDER BY rule_id, mode`,
      since === undefined ? [] : [since],
    );
    return rows.map((row) => ({
      ruleId: text(row, "rule_id"),
      mode: oneOf(row, "mode", MODES),
      count: int(row, "count"),
    }));
  }
}

/**
 * Each page is its own query (`id > last`), so nothing is held open between pages; records
 * added meanwhile with higher ids appear. Ids follow insertion, hence "oldest first".
 */
async function* evaluationPages(
  db: SqlExecutor,
  since: string | undefined,
  limit: number,
  pageSize: number,
): AsyncGenerator<readonly EvaluationRecord[]> {
  let after = 0;
  let left = limit;
  while (left > 0) {
    const size = Math.min(pageSize, left);
    const rows = await db.all(
      `SELECT * FROM evaluations WHERE id > ? ${since === undefined ? "" : "AND at >= ?"}
       ORDER BY id LIMIT ?`,
      [after, ...(since === undefined ? [] : [since]), size],
    );
    const page = rows.map(decodeEvaluation);
    const last = page[page.length - 1];
    if (last === undefined) return;
    yield page;
    if (page.length < size) return;
    left -= page.length;
    after = last.id;
  }
}

/**
 * Times are compared as stored: SQLite compares ISO text, so the bound is written exactly as
 * the store writes times (UTC, milliseconds, `Z`), whatever form the caller gave.
 */
function checkSince(value: unknown): string {
  const millis = typeof value === "string" ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(millis)) invalid("since", "expected an ISO 8601 time");
  return new Date(millis).toISOString();
}

/** A list of fired-rule records as JSON, and the rule ids in it (each once). */
function checkFiredList(value: unknown, field: string): { json: string; ruleIds: string[] } {
  if (!Array.isArray(value)) invalid(field, "expected a list of fired rules");
  // checkJsonObject holds the JSON checks (round trip, NUL, size); a list is wrapped to use them.
  checkJsonObject({ [field]: value as JsonValue }, field, MAX_FIRED_BYTES);
  const ruleIds = value.map((fired: unknown, i) => {
    const ruleId =
      typeof fired === "object" && fired !== null
        ? (fired as Record<string, unknown>)["ruleId"]
        : undefined;
    return checkText(ruleId, `${field}[${i}].ruleId`, 64);
  });
  return { json: JSON.stringify(value), ruleIds: [...new Set(ruleIds)] };
}

function decodeEvaluation(row: Row): EvaluationRecord {
  return {
    id: int(row, "id"),
    itemId: text(row, "item_id"),
    policyVersion: nullableInt(row, "policy_version"),
    facts: jsonObject(row, "facts"),
    verdict: text(row, "verdict"),
    fired: jsonValue(row, "fired"),
    shadow: jsonValue(row, "shadow"),
    at: timestamp(row, "at"),
  };
}

function jsonValue(row: Row, column: string): JsonValue {
  const value = row[column];
  return (typeof value === "string" ? JSON.parse(value) : value) as JsonValue;
}
