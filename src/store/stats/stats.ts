/**
 * The dashboard's numbers and the console's case search, counted by the database. The SQL is
 * shared except where the dialects differ (the day of a time, a JSON array's elements, seconds
 * between two times), which `dialectSql` spells out once per backend.
 */
import type { StatsRepository } from "./stats-types.js";
import { STATS_PERIODS, type Stats, type StatsBucket, type StatsOptions } from "./stats-types.js";
import { checkInteger, checkOneOf, checkText } from "../validate.js";
import { int, text } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { first, type Dialect, type SqlExecutor } from "../sql/executor.js";
import { addBuckets, bucketLabels, bucketOfDay, bucketStart } from "./stats-buckets.js";

const HOUR_MS = 3_600_000;
const SEARCH_LIMIT = 50;
/** The keys the dashboard always shows, zero when nothing was counted. */
const SOURCES = ["scan", "stream", "telegram", "report", "victim"];
const LABELS = ["ncii", "deepfake", "minor"];

const DIALECT_SQL: Readonly<Record<Dialect, { day: string; labelJoin: string; seconds: string }>> =
  {
    sqlite: {
      day: "substr(i.created_at, 1, 10)",
      labelJoin: "JOIN json_each(b.labels) l",
      seconds: "(julianday(d.decided) - julianday(t.reported)) * 86400.0",
    },
    postgres: {
      day: "to_char(i.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
      labelJoin: "CROSS JOIN LATERAL jsonb_array_elements_text(b.labels) AS l(value)",
      seconds: "EXTRACT(EPOCH FROM (d.decided - t.reported))::float8",
    },
  };

export class SqlStats implements StatsRepository {
  constructor(private readonly context: RepositoryContext) {}

  async summary(options: StatsOptions): Promise<Stats> {
    const period = checkOneOf(options.period, "period", STATS_PERIODS);
    const buckets = checkInteger(options.buckets, "buckets", 1, 366);
    const now = this.context.clock();
    const since = addBuckets(period, bucketStart(period, now), 1 - buckets).toISOString();
    const { db } = this.context;
    return {
      period,
      since,
      series: await this.series(period, buckets, since, now),
      bySource: await bySource(db, since),
      byLabel: await byLabel(db, since),
      medianReportToDecisionSeconds: await medianReportToDecision(db, since),
      openCasesByAge: await openCasesByAge(db, now),
    };
  }

  /** Case ids (newest first) whose id, content hash or author is `q`. */
  async searchCases(q: string): Promise<string[]> {
    if (typeof q === "string" && q.trim() === "") return [];
    const query = checkText(q, "q", 200).trim();
    const hash = /^[0-9a-fA-F]{32}$|^[0-9a-fA-F]{64}$/.test(query) ? query.toLowerCase() : null;
    const rows = await this.context.db.all(
      `SELECT id FROM (
         SELECT id FROM cases WHERE id = ?
         UNION SELECT id FROM cases WHERE group_key = ?
         UNION SELECT case_id AS id FROM reports WHERE content_hash = ?
         UNION SELECT ci.case_id AS id FROM case_items ci
           JOIN content_signals s ON s.content_id = ci.item_id WHERE s.value = ?
         UNION SELECT ci.case_id AS id FROM case_items ci
           JOIN content_items i ON i.id = ci.item_id WHERE i.author_id = ?
       ) found ORDER BY id DESC LIMIT ${SEARCH_LIMIT}`,
      [query, hash ?? query, hash, hash, query],
    );
    return rows.map((row) => text(row, "id"));
  }

  private async series(
    period: StatsOptions["period"],
    buckets: number,
    since: string,
    now: Date,
  ): Promise<StatsBucket[]> {
    const { db } = this.context;
    const rows = await db.all(
      `SELECT ${DIALECT_SQL[db.dialect].day} AS d, COUNT(*) AS scanned,
         SUM(CASE WHEN EXISTS (SELECT 1 FROM match_results m WHERE m.content_id = i.id)
           THEN 1 ELSE 0 END) AS matched,
         SUM(CASE WHEN i.taken_down THEN 1 ELSE 0 END) AS removed
       FROM content_items i WHERE i.created_at >= ? GROUP BY d`,
      [since],
    );
    const totals = new Map(
      bucketLabels(period, buckets, now).map((bucket) => [
        bucket,
        { bucket, scanned: 0, matched: 0, removed: 0 },
      ]),
    );
    for (const row of rows) {
      const total = totals.get(bucketOfDay(period, text(row, "d")));
      if (!total) continue;
      total.scanned += int(row, "scanned");
      total.matched += int(row, "matched");
      total.removed += int(row, "removed");
    }
    return [...totals.values()];
  }
}

async function bySource(db: SqlExecutor, since: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(SOURCES.map((s) => [s, 0]));
  const rows = await db.all(
    "SELECT source, COUNT(*) AS n FROM content_items WHERE created_at >= ? GROUP BY source",
    [since],
  );
  for (const row of rows) counts[text(row, "source")] = int(row, "n");
  const reports = await first(db, "SELECT COUNT(*) AS n FROM reports WHERE created_at >= ?", [
    since,
  ]);
  const victim = await first(
    db,
    "SELECT COALESCE(SUM(images), 0) AS n FROM victim_cases WHERE created_at >= ?",
    [since],
  );
  counts.report = int(reports!, "n");
  counts.victim = int(victim!, "n");
  return counts;
}

async function byLabel(db: SqlExecutor, since: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = Object.fromEntries(LABELS.map((l) => [l, 0]));
  const rows = await db.all(
    `SELECT l.value AS label, COUNT(DISTINCT m.content_id) AS n
     FROM match_results m
       JOIN content_items i ON i.id = m.content_id
       JOIN banks b ON b.id = m.bank_id
       ${DIALECT_SQL[db.dialect].labelJoin}
     WHERE i.created_at >= ? GROUP BY l.value`,
    [since],
  );
  for (const row of rows) counts[text(row, "label")] = int(row, "n");
  return counts;
}

/** The median over cases first decided (escalations aside) since `since`, after a report. */
async function medianReportToDecision(db: SqlExecutor, since: string): Promise<number | null> {
  const durations = `
    WITH t AS (SELECT case_id, MIN(created_at) AS reported FROM reports GROUP BY case_id),
         d AS (SELECT case_id, MIN(created_at) AS decided FROM decisions
               WHERE decision <> 'escalate' GROUP BY case_id)
    SELECT ${DIALECT_SQL[db.dialect].seconds} AS seconds
    FROM t JOIN d ON d.case_id = t.case_id
    WHERE d.decided >= ? AND d.decided >= t.reported`;
  const counted = await first(db, `SELECT COUNT(*) AS n FROM (${durations}) x`, [since]);
  const n = int(counted!, "n");
  if (n === 0) return null;
  // The middle one (odd) or the middle two (even), without reading the rest.
  const middle = await db.all(
    `SELECT seconds FROM (${durations}) x ORDER BY seconds LIMIT ? OFFSET ?`,
    [since, n % 2 === 0 ? 2 : 1, Math.floor((n - 1) / 2)],
  );
  const values = middle.map((row) => Number(row.seconds));
  return Math.round(values.reduce((sum, v) => sum + v, 0) / values.length);
}

async function openCasesByAge(db: SqlExecutor, now: Date): Promise<Stats["openCasesByAge"]> {
  const day = new Date(now.getTime() - 24 * HOUR_MS).toISOString();
  const twoDays = new Date(now.getTime() - 48 * HOUR_MS).toISOString();
  const row = await first(
    db,
    `SELECT
       COALESCE(SUM(CASE WHEN created_at > ? THEN 1 ELSE 0 END), 0) AS under24h,
       COALESCE(SUM(CASE WHEN created_at <= ? AND created_at > ? THEN 1 ELSE 0 END), 0) AS under48h,
       COALESCE(SUM(CASE WHEN created_at <= ? THEN 1 ELSE 0 END), 0) AS older
     FROM cases WHERE status = 'open'`,
    [day, day, twoDays, twoDays],
  );
  return {
    under24h: int(row!, "under24h"),
    under48h: int(row!, "under48h"),
    older: int(row!, "older"),
  };
}
