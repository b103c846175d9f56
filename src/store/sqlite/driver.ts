/**
 * The slice of better-sqlite3 the SQLite backend uses, declared here as kysely declares its
 * drivers: the backend depends on these few members, and the compiler checks the real module
 * against them where it is loaded (sqlite/open.ts).
 */

export interface SqliteRunResult {
  readonly changes: number;
}

export interface SqliteStatement {
  /** Whether the statement returns rows (SELECT, or RETURNING). */
  readonly reader: boolean;
  all(params: readonly unknown[]): unknown[];
  run(params: readonly unknown[]): SqliteRunResult;
}

export interface SqliteDatabase {
  readonly inTransaction: boolean;
  prepare(sql: string): SqliteStatement;
  exec(script: string): unknown;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  close(): unknown;
}

export interface SqliteDatabaseOptions {
  /** Milliseconds to wait for another connection's lock before SQLITE_BUSY (busy_timeout). */
  readonly timeout?: number;
}

export type SqliteDatabaseConstructor = new (
  filename: string,
  options?: SqliteDatabaseOptions,
) => SqliteDatabase;
