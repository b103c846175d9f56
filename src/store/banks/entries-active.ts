/**
 * Every active entry of every bank, a page at a time, in id order: what a worker builds its
 * in-memory indexes from at start-up. Each page is its own query (`id > last`), so nothing is
 * held open between pages and millions of entries never sit in memory at once.
 */
import type { IndexableEntry } from "./bank-types.js";
import type { SignalType } from "../types.js";
import { decodeIndexable } from "./entry-rows.js";
import type { SqlExecutor } from "../sql/executor.js";

export async function* activePages(
  db: SqlExecutor,
  pageSize: number,
  signalType: SignalType | undefined,
): AsyncGenerator<readonly IndexableEntry[]> {
  let after = 0;
  for (;;) {
    const rows = await db.all(
      `SELECT id, bank_id, signal_type, value, quality FROM bank_entries
       WHERE status = 'active' ${signalType ? "AND signal_type = ?" : ""} AND id > ?
       ORDER BY id LIMIT ?`,
      [...(signalType ? [signalType] : []), after, pageSize],
    );
    const page = rows.map(decodeIndexable);
    const last = page[page.length - 1];
    if (last === undefined) return;
    yield page;
    if (page.length < pageSize) return;
    after = last.id;
  }
}
