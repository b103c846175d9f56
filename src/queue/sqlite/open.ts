/**
 * Opens the queue's own SQLite file (not the store's: the store holds its write lock across
 * awaits, and a queue connection waiting on it in busy_timeout would block the very thread the
 * store needs to finish). WAL lets the stats and dead-letter reads run beside the writer; the
 * default synchronous=FULL keeps an acknowledged enqueue through a power cut.
 */
import type BetterSqlite3 from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { VigilError } from "../../core/index.js";
import type { SqliteDatabase, SqliteDatabaseConstructor } from "./driver.js";
import { migrateQueue } from "./schema.js";

export async function openQueueDatabase(
  file: string,
  busyTimeoutMs: number,
): Promise<{ db: SqliteDatabase; path: string }> {
  // The module is `export =`, which Node hands to ESM as the default export.
  const loaded = (await import("better-sqlite3")) as unknown as { default: typeof BetterSqlite3 };
  const Database: SqliteDatabaseConstructor = loaded.default;
  const memory = file === ":memory:";
  const path = memory ? file : resolve(file);
  let db: SqliteDatabase | undefined;
  try {
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: busyTimeoutMs });
    if (!memory) db.pragma("journal_mode = WAL");
    migrateQueue(db);
    return { db, path };
  } catch (error) {
    db?.close();
    throw new VigilError(
      "queue/unavailable",
      "The queue's SQLite database cannot be opened.",
      { reason: error instanceof Error ? error.message : String(error) },
      { cause: error },
    );
  }
}

/** Runs `work`; a busy, locked or failing database becomes `queue/unavailable` (retry later). */
export function translated<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (
      typeof code === "string" &&
      /^SQLITE_(BUSY|LOCKED|CANTOPEN|FULL|IOERR|READONLY)/.test(code)
    ) {
      throw new VigilError(
        "queue/unavailable",
        "The queue database is unavailable or busy; try again.",
        { driverCode: code },
        { cause: error },
      );
    }
    throw error;
  }
}
