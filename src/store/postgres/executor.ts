/**
 * The SqlExecutor over a `pg` pool. Outside a transaction each statement borrows any pooled
 * connection; a transaction holds one connection from BEGIN to COMMIT and hands its work an
 * executor bound to it.
 */
import type { InsertMany, Row, SqlExecutor } from "../sql/executor.js";
import type { PgPool, PgPoolClient, PgQueryable } from "./driver.js";
import { translatePgError } from "./errors.js";
import { numberPlaceholders } from "./placeholders.js";

/** PostgreSQL takes at most 65535 parameters per statement; 1000 rows keep statements small. */
const MAX_PARAMETERS = 65_535;
const MAX_ROWS_PER_INSERT = 1000;

export function postgresExecutor(pool: PgPool): SqlExecutor {
  let closed = false;
  const executor = boundExecutor(
    pool,
    () => closed,
    async (work) => {
      const client = await pool.connect().catch((error: unknown) => {
        throw translatePgError(error);
      });
      return inTransaction(client, work);
    },
  );
  return {
    ...executor,
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

async function inTransaction<T>(
  client: PgPoolClient,
  work: (tx: SqlExecutor) => Promise<T>,
): Promise<T> {
  let ended = false;
  const tx: SqlExecutor = boundExecutor(
    client,
    () => ended,
    (inner) => inner(tx),
  );
  let broken: Error | undefined;
  try {
    await query(client, "BEGIN");
    const result = await work(tx);
    await query(client, "COMMIT");
    return result;
  } catch (error) {
    // A failed ROLLBACK means the connection is unusable: tell the pool to drop it.
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    ended = true;
    client.release(broken);
  }
}

function boundExecutor(
  target: PgQueryable,
  isEnded: () => boolean,
  transaction: SqlExecutor["transaction"],
): SqlExecutor {
  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    if (isEnded()) throw new Error("The store or transaction has ended.");
    return work();
  };
  return {
    dialect: "postgres",
    all: (sql, params = []) =>
      guarded(async () => (await query(target, numberPlaceholders(sql), params)).rows),
    run: (sql, params = []) =>
      guarded(async () => (await query(target, numberPlaceholders(sql), params)).rowCount ?? 0),
    exec: (script) => guarded(async () => void (await query(target, script))),
    insertMany: (insert) => guarded(() => insertMany(target, insert)),
    transaction,
    close: () => Promise.reject(new Error("Close the store, not a transaction.")),
  };
}

async function query(target: PgQueryable, text: string, values?: readonly unknown[]) {
  try {
    return await target.query(text, values === undefined ? undefined : [...values]);
  } catch (error) {
    throw translatePgError(error);
  }
}

/** Multi-row INSERTs in batches, each bounded by the parameter limit. */
async function insertMany(target: PgQueryable, insert: InsertMany): Promise<Row[]> {
  const { table, columns, rows, onConflict, returning } = insert;
  const perStatement = Math.min(MAX_ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS / columns.length));
  const out: Row[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const slots = row.map((value) => `$${values.push(value)}`);
      return `(${slots.join(", ")})`;
    });
    const sql =
      `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${tuples.join(", ")} ${onConflict}` +
      (returning ? ` RETURNING ${returning}` : "");
    out.push(...(await query(target, sql, values)).rows);
  }
  return out;
}
