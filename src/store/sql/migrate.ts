/**
 * Versioned schema migrations, run when a store opens. Each migration carries its SQL for both
 * dialects side by side, so the schemas cannot drift apart. Applied versions are recorded in
 * `schema_migrations`; opening an up-to-date database runs nothing. The whole run is one
 * transaction under a lock (PostgreSQL: an advisory lock per schema; SQLite: BEGIN IMMEDIATE),
 * so two processes starting at once do not both migrate.
 */
import { VigilError } from "../../core/index.js";
import type { AppliedMigration } from "../store.js";
import { int, text, timestamp } from "./columns.js";
import type { Dialect, SqlExecutor } from "./executor.js";

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sqlite: string;
  readonly postgres: string;
}

/** An arbitrary constant: the first key of the advisory lock, "VIGL" in ASCII. */
const MIGRATION_LOCK = 0x5649474c;

const TIME_TYPE: Readonly<Record<Dialect, string>> = { sqlite: "TEXT", postgres: "timestamptz" };

/** Applies the pending migrations; returns the versions it applied. */
export async function migrate(
  db: SqlExecutor,
  migrations: readonly Migration[],
  now: () => Date,
): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (tx.dialect === "postgres") {
      await tx.all("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))", [MIGRATION_LOCK]);
    }
    await tx.exec(
      `CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, ` +
        `name text NOT NULL, applied_at ${TIME_TYPE[tx.dialect]} NOT NULL)`,
    );
    const applied = new Set(
      (await tx.all("SELECT version FROM schema_migrations")).map((row) => int(row, "version")),
    );
    const newestKnown = Math.max(0, ...migrations.map((m) => m.version));
    const newestApplied = Math.max(0, ...applied);
    if (newestApplied > newestKnown) {
      throw new VigilError(
        "store/schema-too-new",
        `The database schema (version ${newestApplied}) is newer than this Vigil knows ` +
          `(version ${newestKnown}); run a newer Vigil.`,
        { databaseVersion: newestApplied, knownVersion: newestKnown },
      );
    }
    const done: number[] = [];
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration[tx.dialect]);
      await tx.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", [
        migration.version,
        migration.name,
        now().toISOString(),
      ]);
      done.push(migration.version);
    }
    return done;
  });
}

export async function appliedMigrations(db: SqlExecutor): Promise<AppliedMigration[]> {
  const rows = await db.all(
    "SELECT version, name, applied_at FROM schema_migrations ORDER BY version",
  );
  return rows.map((row) => ({
    version: int(row, "version"),
    name: text(row, "name"),
    appliedAt: timestamp(row, "applied_at"),
  }));
}
