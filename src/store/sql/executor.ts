/**
 * The port between the repositories and a database driver. The repositories are written once,
 * in the SQL both SQLite and PostgreSQL accept, with `?` placeholders; each backend supplies an
 * executor that runs them (renumbering placeholders, binding values, translating errors).
 */

export type Dialect = "sqlite" | "postgres";

/** A row as the driver returns it; the decoders in rows.ts turn it into a domain object. */
export type Row = Readonly<Record<string, unknown>>;

/** One bulk insert: a row of values per entry, in `columns` order. */
export interface InsertMany {
  readonly table: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
  /** E.g. `ON CONFLICT (…) DO NOTHING`, or "". */
  readonly onConflict: string;
  /** The column list of the RETURNING clause. */
  readonly returning: string;
}

export interface SqlExecutor {
  readonly dialect: Dialect;
  /** Runs a statement that returns rows (SELECT, or anything with RETURNING). */
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a statement and says how many rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Inserts many rows as fast as the backend allows (SQLite: one prepared statement in a loop;
   * PostgreSQL: multi-row INSERTs in batches) and returns the RETURNING rows of those inserted,
   * in no promised order. Call it inside a transaction to make it all or nothing.
   */
  insertMany(insert: InsertMany): Promise<Row[]>;
  /**
   * Runs `work` in a transaction and commits when it resolves, rolls back when it throws. Inside,
   * use only the executor it is given; a transaction inside a transaction joins the outer one.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The first row, or undefined. */
export async function first(
  db: SqlExecutor,
  sql: string,
  params?: readonly unknown[],
): Promise<Row | undefined> {
  const rows = await db.all(sql, params);
  return rows[0];
}

/**
 * A condition `column IN (the given texts)` with one parameter, so the statement text does not
 * vary with the number of values (PostgreSQL: an array; SQLite: a JSON array read by json_each).
 */
export function inTexts(
  db: SqlExecutor,
  column: string,
  values: readonly string[],
): { sql: string; param: unknown } {
  return db.dialect === "postgres"
    ? { sql: `${column} = ANY(?::text[])`, param: values }
    : { sql: `${column} IN (SELECT value FROM json_each(?))`, param: JSON.stringify(values) };
}
