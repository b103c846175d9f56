/**
 * The slice of better-sqlite3 (v12 — v13 crashes on Node 20) the embedded queue uses; the
 * compiler checks the real module against it where it is loaded (sqlite/open.ts).
 */

export interface SqliteStatement {
  all(...params: unknown[]): unknown[];
  get(...params: unknown[]): unknown;
  run(...params: unknown[]): { readonly changes: number };
}

export interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  exec(script: string): unknown;
  pragma(source: string): unknown;
  /** Wraps `work` in BEGIN IMMEDIATE … COMMIT when the result's `.immediate()` is called. */
  transaction<A extends unknown[], R>(work: (...args: A) => R): { immediate(...args: A): R };
  close(): unknown;
}

export type SqliteDatabaseConstructor = new (
  filename: string,
  options?: { readonly timeout?: number },
) => SqliteDatabase;
