/**
 * Opens the PostgreSQL backend: a `pg` pool, optionally confined to one schema (created when
 * missing) through `search_path`, so several Vigils — or parallel test runs — share a database.
 */
import type { SqlExecutor } from "../sql/executor.js";
import type { PgPool, PgPoolConstructor } from "./driver.js";
import { translatePgError } from "./errors.js";
import { postgresExecutor } from "./executor.js";

export interface PostgresOptions {
  readonly url: string;
  /** A plain lower-case identifier; checked by the caller. */
  readonly schema: string | undefined;
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
}

export async function openPostgres(options: PostgresOptions): Promise<SqlExecutor> {
  const { default: pg } = await import("pg");
  const Pool: PgPoolConstructor = pg.Pool;
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: "vigil",
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle connection the server drops emits here; unheard, it would end the process. The pool
  // discards that connection, and the next query reports any lasting problem.
  pool.on("error", () => undefined);
  try {
    if (options.schema !== undefined) await createSchema(pool, options.schema);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw translatePgError(error);
  }
  return postgresExecutor(pool);
}

async function createSchema(pool: PgPool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    // Two processes creating it at once: one of them loses the race, and the schema exists.
    const code = (error as { code?: unknown }).code;
    if (code !== "23505" && code !== "42P06") throw error;
  }
}
