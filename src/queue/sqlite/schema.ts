/**
 * The queue's tables, versioned like the store's migrations (append, never edit one that has
 * shipped). Times are integers of epoch milliseconds: the hot query compares them on every poll.
 * Acked jobs stay as `done` rows, payload emptied, for the duplicate window, so a repeated
 * idempotency key is still recognised after its job ran.
 */
import type { SqliteDatabase } from "./driver.js";

interface QueueMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATIONS: readonly QueueMigration[] = [
  {
    version: 1,
    name: "jobs",
    sql: `
      CREATE TABLE queue_jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        topic TEXT NOT NULL,
        payload TEXT NOT NULL CHECK (json_valid(payload)),
        idempotency_key TEXT,
        status TEXT NOT NULL CHECK (status IN ('ready', 'running', 'done', 'dead')),
        attempts INTEGER NOT NULL CHECK (attempts >= 0),
        available_at INTEGER NOT NULL,
        lease_until INTEGER,
        lease_token TEXT,
        last_error TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        CHECK ((status = 'running') = (lease_token IS NOT NULL))
      ) STRICT;
      CREATE UNIQUE INDEX queue_jobs_idempotency ON queue_jobs (topic, idempotency_key)
        WHERE idempotency_key IS NOT NULL;
      CREATE INDEX queue_jobs_by_status ON queue_jobs (topic, status, available_at, id);
      CREATE INDEX queue_jobs_finished ON queue_jobs (status, finished_at);
    `,
  },
];

/** Applies pending migrations in one BEGIN IMMEDIATE, so two processes never both migrate. */
export function migrateQueue(db: SqliteDatabase): void {
  db.transaction(() => {
    db.exec(
      "CREATE TABLE IF NOT EXISTS queue_migrations (version INTEGER PRIMARY KEY, " +
        "name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT",
    );
    const rows = db.prepare("SELECT version FROM queue_migrations").all() as { version: number }[];
    const applied = new Set(rows.map((row) => row.version));
    const newest = Math.max(0, ...MIGRATIONS.map((m) => m.version));
    if (Math.max(0, ...applied) > newest) {
      throw new Error(`The queue schema is newer than this Vigil knows (version ${newest}).`);
    }
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      db.exec(migration.sql);
      db.prepare("INSERT INTO queue_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    }
  }).immediate();
}
