/**
 * `openStore`: the one place that picks a backend, from the database URL in the configuration.
 * It opens the connection, applies pending migrations, brings older audit events into the hash
 * chain, and returns the Store; if any step fails the connection is closed again and the error
 * (a VigilError) says why.
 */
import { MIGRATIONS } from "./migrations/list.js";
import { openPostgres } from "./postgres/open.js";
import { chainAuditHistory } from "./audit/audit-history.js";
import { migrate } from "./sql/migrate.js";
import { sqlStore } from "./sql/sql-store.js";
import type { SqlExecutor } from "./sql/executor.js";
import { openSqlite } from "./sqlite/open.js";
import type { Store } from "./store.js";
import { parseStoreUrl } from "./url.js";

export interface OpenStoreOptions {
  /** See url.ts for the forms: a SQLite file or `:memory:`, or a PostgreSQL URL. */
  readonly url: string;
  /** PostgreSQL only: the schema to use (created when missing) instead of `public`. */
  readonly schema?: string;
  /** The time the store stamps records with; tests pass a fixed clock. */
  readonly clock?: () => Date;
  /** PostgreSQL: most connections in the pool (default 10). */
  readonly poolSize?: number;
  /** PostgreSQL: how long to wait for a connection (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** SQLite: how long to wait for another process's write lock (default 5 s). */
  readonly busyTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const location = parseStoreUrl(options.url);
  const clock = options.clock ?? (() => new Date());
  if (options.schema !== undefined && location.backend !== "postgres") {
    throw new RangeError("The schema option applies to PostgreSQL only.");
  }
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new RangeError(`Schema name must match ${SCHEMA_NAME}.`);
  }
  const db: SqlExecutor =
    location.backend === "sqlite"
      ? await openSqlite({
          file: location.file,
          busyTimeoutMs: positiveInteger(options.busyTimeoutMs, 5000, "busyTimeoutMs"),
        })
      : await openPostgres({
          url: location.url,
          schema: options.schema,
          poolSize: positiveInteger(options.poolSize, 10, "poolSize"),
          connectTimeoutMs: positiveInteger(options.connectTimeoutMs, 10_000, "connectTimeoutMs"),
        });
  try {
    await migrate(db, MIGRATIONS, clock);
    // Events written before the chain existed (migration 006) join it before anyone appends.
    await chainAuditHistory(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return sqlStore(db, clock);
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}.`);
  }
  return value;
}
