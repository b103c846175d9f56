/**
 * Opens the embedded SQLite backend: better-sqlite3 (v12 — v13 crashes on Node 20), WAL so that
 * readers never wait for the writer, foreign keys on (SQLite leaves them off), and a busy timeout
 * for the moments another process (`vigil bank import` beside the server) holds the write lock.
 */
import type BetterSqlite3 from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { VigilError } from "../../core/index.js";
import type { SqlExecutor } from "../sql/executor.js";
import { SqliteConnection } from "./connection.js";
import type { SqliteDatabase, SqliteDatabaseConstructor } from "./driver.js";
import { translateSqliteError } from "./errors.js";
import { sqliteExecutor } from "./executor.js";
import { acquireFileLock, Lock } from "./lock.js";

export const SQLITE_MEMORY = ":memory:";

export interface SqliteOptions {
  /** A file path, or `:memory:` for a private database that ends with the store. */
  readonly file: string;
  readonly busyTimeoutMs: number;
}

export async function openSqlite({ file, busyTimeoutMs }: SqliteOptions): Promise<SqlExecutor> {
  // The module is `export =`; Node hands it to ESM as the default export, which its types do
  // not say. Assigning to our slice still checks that the real constructor fits it.
  const loaded = (await import("better-sqlite3")) as unknown as { default: typeof BetterSqlite3 };
  const Database: SqliteDatabaseConstructor = loaded.default;
  const memory = file === SQLITE_MEMORY;
  const path = memory ? file : resolve(file);
  const shared = memory ? { lock: new Lock(), release: () => undefined } : acquireFileLock(path);
  let db: SqliteDatabase;
  try {
    if (!memory) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: busyTimeoutMs });
  } catch (error) {
    shared.release();
    throw cannotOpen(error);
  }
  try {
    // WAL persists in the file; for :memory: SQLite keeps its own journal mode.
    if (!memory) db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // synchronous stays FULL (the default): a report or bank entry we said we stored must
    // survive a power cut, which NORMAL does not promise in WAL mode.
  } catch (error) {
    db.close();
    shared.release();
    throw cannotOpen(error);
  }
  return sqliteExecutor(new SqliteConnection(db), shared.lock, shared.release);
}

function cannotOpen(error: unknown): unknown {
  const translated = translateSqliteError(error);
  if (translated instanceof VigilError) return translated;
  return new VigilError(
    "store/unavailable",
    "The SQLite database cannot be opened.",
    { reason: error instanceof Error ? error.message : String(error) },
    { cause: error },
  );
}
