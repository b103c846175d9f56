/**
 * Synchronous statements on one better-sqlite3 connection, with a cache of prepared statements:
 * the repositories' SQL is a fixed set of strings, so each is compiled once.
 */
import { VigilError } from "../../core/index.js";
import type { InsertMany, Row } from "../sql/executor.js";
import type { SqliteDatabase, SqliteStatement } from "./driver.js";
import { translated } from "./errors.js";

/** More distinct statements than this means generated SQL; start the cache over. */
const MAX_CACHED_STATEMENTS = 500;

export class SqliteConnection {
  readonly #db: SqliteDatabase;
  readonly #statements = new Map<string, SqliteStatement>();

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  all(sql: string, params: readonly unknown[]): Row[] {
    return translated(() => this.#prepare(sql).all(bind(params)) as Row[]);
  }

  run(sql: string, params: readonly unknown[]): number {
    return translated(() => this.#prepare(sql).run(bind(params)).changes);
  }

  exec(script: string): void {
    translated(() => this.#db.exec(script));
  }

  /** One prepared single-row INSERT, run once per row: SQLite's fastest bulk path. */
  insertMany({ table, columns, rows, onConflict, returning }: InsertMany): Row[] {
    const placeholders = columns.map(() => "?").join(", ");
    const sql =
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${placeholders}) ${onConflict}` +
      (returning ? ` RETURNING ${returning}` : "");
    return translated(() => {
      const statement = this.#prepare(sql);
      const out: Row[] = [];
      for (const row of rows) {
        if (returning) out.push(...(statement.all(bind(row)) as Row[]));
        else statement.run(bind(row));
      }
      return out;
    });
  }

  get inTransaction(): boolean {
    return this.#db.inTransaction;
  }

  close(): void {
    this.#statements.clear();
    this.#db.close();
  }

  #prepare(sql: string): SqliteStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      if (this.#statements.size >= MAX_CACHED_STATEMENTS) this.#statements.clear();
      statement = this.#db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}

/**
 * better-sqlite3 binds numbers, strings, bigints, buffers and null; SQLite has no booleans. A NUL
 * in a string is refused as PostgreSQL refuses it, so both backends answer alike.
 */
function bind(params: readonly unknown[]): unknown[] {
  return params.map((value) => {
    if (typeof value === "boolean") return value ? 1 : 0;
    if (typeof value === "string" && value.includes("\u0000")) {
      throw new VigilError("store/invalid", "A value is not valid for the database.", {
        driverCode: "NUL",
      });
    }
    if (value === undefined) throw new TypeError("undefined cannot be bound to an SQL parameter");
    return value;
  });
}
