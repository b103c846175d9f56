/**
 * better-sqlite3's errors carry SQLite's extended result code as a string (`SQLITE_BUSY`,
 * `SQLITE_CONSTRAINT_UNIQUE`, …). The ones a caller can act on become VigilErrors; the rest are
 * bugs and pass through unchanged.
 */
import { VigilError } from "../../core/index.js";

export function translateSqliteError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string" || !code.startsWith("SQLITE_")) return error;
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY") {
    return new VigilError(
      "store/conflict",
      "A record with the same key already exists.",
      {},
      {
        cause: error,
      },
    );
  }
  if (code === "SQLITE_CONSTRAINT_FOREIGNKEY") {
    return new VigilError(
      "store/not-found",
      "A record it refers to does not exist.",
      {},
      {
        cause: error,
      },
    );
  }
  if (/^SQLITE_(BUSY|LOCKED|CANTOPEN|FULL|IOERR|READONLY|NOMEM)/.test(code)) {
    return new VigilError(
      "store/unavailable",
      "The database is unavailable or busy; try again.",
      { driverCode: code },
      { cause: error },
    );
  }
  return error;
}

/** Runs `work`, turning a driver error into what translateSqliteError makes of it. */
export function translated<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw translateSqliteError(error);
  }
}
