import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { postgresTestUrl } from "../../../test/helpers/store-backends.js";
import { MIGRATIONS } from "../migrations/list.js";
import { openPostgres } from "../postgres/open.js";
import { migrate } from "../sql/migrate.js";
import { sqlStore } from "../sql/sql-store.js";
import type { SqlExecutor } from "../sql/executor.js";
import { openSqlite, SQLITE_MEMORY } from "../sqlite/open.js";

/**
 * Migration 9 on a database that already holds cases and reports: SQLite rebuilds both tables,
 * PostgreSQL alters them. Nothing may be lost, and the foreign key must still cascade.
 */
const clock = () => new Date("2030-01-01T00:00:00.000Z");
const CASE = "0190a000-0000-7000-8000-000000000001";

async function seeded(db: SqlExecutor): Promise<void> {
  await migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 6),
    clock,
  );
  await db.run(
    `INSERT INTO cases (id, group_key, status, severity, report_count, created_at, updated_at)
     VALUES (?, 'key', 'open', 2, 2, ?, ?)`,
    [CASE, clock().toISOString(), clock().toISOString()],
  );
  for (const id of ["r1", "r2"]) {
    await db.run(
      `INSERT INTO reports (id, case_id, content_ref, reporter, reason, text, created_at)
       VALUES (?, ?, 'm', 'u', 'ncii', '', ?)`,
      [id, CASE, clock().toISOString()],
    );
  }
}

async function check(db: SqlExecutor): Promise<void> {
  await migrate(db, MIGRATIONS, clock);
  const store = sqlStore(db, clock);
  expect(await store.cases.getReview(CASE)).toMatchObject({
    reportCount: 2,
    itemCount: 0,
    escalated: false,
    assignee: null,
  });
  expect((await store.reports.listByCase(CASE)).items.map((r) => r.id)).toEqual(["r1", "r2"]);
  const joined = await store.reports.create({ contentRef: "m", reporter: "u", reason: "other" });
  expect(joined.case.id).not.toBe(CASE);
  await db.run("DELETE FROM cases WHERE id = ?", [CASE]);
  expect(await db.all("SELECT id FROM reports WHERE case_id = ?", [CASE])).toEqual([]);
}

describe("migration 9 (review queue) over existing data", () => {
  const closing: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closing.splice(0)) await close();
  });

  it("keeps cases and reports on SQLite", async () => {
    const db = await openSqlite({ file: SQLITE_MEMORY, busyTimeoutMs: 1000 });
    closing.push(() => db.close());
    await seeded(db);
    await check(db);
  });

  const url = postgresTestUrl();
  it.skipIf(url === undefined)("keeps cases and reports on PostgreSQL", async () => {
    const schema = `vigil_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Pool({ connectionString: url, max: 1 });
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const db = await openPostgres({ url: url!, schema, poolSize: 2, connectTimeoutMs: 5000 });
    closing.push(async () => {
      await db.close();
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    });
    await seeded(db);
    await check(db);
  });
});
