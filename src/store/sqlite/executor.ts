/**
 * The SqlExecutor over one SQLite connection. Outside a transaction each call takes the lock
 * for one statement; a transaction takes it from BEGIN to COMMIT, and the executor it hands to
 * its work runs statements directly, since it already holds the lock.
 */
import type { InsertMany, Row, SqlExecutor } from "../sql/executor.js";
import type { SqliteConnection } from "./connection.js";
import type { Lock } from "./lock.js";

export function sqliteExecutor(
  connection: SqliteConnection,
  lock: Lock,
  onClose: () => void,
): SqlExecutor {
  let closed = false;
  const locked = <T>(work: () => T | Promise<T>): Promise<T> => {
    if (closed) return Promise.reject(new Error("The store is closed."));
    return lock.run(work);
  };
  return {
    dialect: "sqlite",
    all: (sql, params = []) => locked(() => connection.all(sql, params)),
    run: (sql, params = []) => locked(() => connection.run(sql, params)),
    exec: (script) => locked(() => connection.exec(script)),
    insertMany: (insert) => locked(() => connection.insertMany(insert)),
    transaction: (work) => locked(() => inTransaction(connection, work)),
    close: () => {
      if (closed) return Promise.resolve();
      // Calls already waiting still run; calls from now on are refused.
      const closing = lock.run(() => {
        connection.close();
        onClose();
      });
      closed = true;
      return closing;
    },
  };
}

async function inTransaction<T>(
  connection: SqliteConnection,
  work: (tx: SqlExecutor) => Promise<T>,
): Promise<T> {
  // IMMEDIATE takes the write lock now, so another process cannot make this transaction fail
  // half-way when it first writes; busy_timeout makes the wait for that lock bounded.
  connection.exec("BEGIN IMMEDIATE");
  const tx = transactionExecutor(connection);
  try {
    const result = await work(tx.executor);
    connection.exec("COMMIT");
    return result;
  } catch (error) {
    if (connection.inTransaction) connection.exec("ROLLBACK");
    throw error;
  } finally {
    tx.end();
  }
}

function transactionExecutor(connection: SqliteConnection): {
  executor: SqlExecutor;
  end(): void;
} {
  let open = true;
  const direct = async <T>(work: () => T): Promise<T> => {
    if (!open) throw new Error("The transaction has ended; use the store instead.");
    return work();
  };
  const executor: SqlExecutor = {
    dialect: "sqlite",
    all: (sql: string, params: readonly unknown[] = []): Promise<Row[]> =>
      direct(() => connection.all(sql, params)),
    run: (sql, params = []) => direct(() => connection.run(sql, params)),
    exec: (script) => direct(() => connection.exec(script)),
    insertMany: (insert: InsertMany) => direct(() => connection.insertMany(insert)),
    transaction: (work) => work(executor),
    close: () => Promise.reject(new Error("Close the store, not a transaction.")),
  };
  return {
    executor,
    end: () => {
      open = false;
    },
  };
}
