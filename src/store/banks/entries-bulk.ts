/**
 * Adding many entries at once (imports of 100k+ hashes), in one transaction. Values already
 * active in the bank are looked up first and not inserted, so re-running an import neither
 * duplicates entries nor burns ids; the ON CONFLICT clause still guards against a concurrent
 * writer on PostgreSQL.
 */
import type { AddEntriesResult, NewBankEntry } from "./bank-types.js";
import { invalid } from "../validate.js";
import { checkBankId, requireBank } from "./banks.js";
import { int, text } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { nowIso } from "../sql/context.js";
import {
  checkNewEntry,
  ENTRY_COLUMNS,
  entryKey,
  entryValues,
  SKIP_ACTIVE_DUPLICATE,
  type CheckedEntry,
} from "./entry-rows.js";
import type { SqlExecutor } from "../sql/executor.js";
import { inTexts } from "../sql/executor.js";

/** Values looked up and inserted per round trip. */
const CHUNK = 1000;

export async function addEntries(
  context: RepositoryContext,
  bankIdInput: string,
  inputs: readonly NewBankEntry[],
): Promise<AddEntriesResult> {
  const bankId = checkBankId(bankIdInput);
  if (!Array.isArray(inputs)) invalid("entries", "expected a list");
  // Check everything before writing anything: a bad line 90,000 must not leave half an import.
  const checked = inputs.map((entry, i) => checkNewEntry(entry, `entries[${i}]`));
  const unique = new Map<string, CheckedEntry>();
  for (const entry of checked) unique.set(entryKey(entry.signalType, entry.valueKey), entry);
  const at = nowIso(context);
  const ids = new Map<string, number>();
  let added = 0;
  await context.db.transaction(async (tx) => {
    await requireBank(tx, bankId);
    const all = [...unique.values()];
    for (let start = 0; start < all.length; start += CHUNK) {
      const chunk = all.slice(start, start + CHUNK);
      await findActive(tx, bankId, chunk, ids);
      const fresh = chunk.filter((e) => !ids.has(entryKey(e.signalType, e.valueKey)));
      if (fresh.length === 0) continue;
      const inserted = await tx.insertMany({
        table: "bank_entries",
        columns: ENTRY_COLUMNS,
        rows: fresh.map((entry) => entryValues(bankId, entry, at)),
        onConflict: SKIP_ACTIVE_DUPLICATE,
        returning: "id, signal_type, value_key",
      });
      for (const row of inserted) {
        ids.set(entryKey(text(row, "signal_type"), text(row, "value_key")), int(row, "id"));
      }
      added += inserted.length;
      // Fewer rows than asked: a concurrent writer added some of these values meanwhile.
      if (inserted.length < fresh.length) await findActive(tx, bankId, fresh, ids);
    }
  });
  return {
    ids: checked.map((entry) => {
      const id = ids.get(entryKey(entry.signalType, entry.valueKey));
      if (id === undefined) throw new Error("A bulk-added entry has no id; this is a bug.");
      return id;
    }),
    added,
    duplicates: checked.length - added,
  };
}

/** Records in `ids` the active entries of the bank holding any of these values. */
async function findActive(
  tx: SqlExecutor,
  bankId: string,
  entries: readonly CheckedEntry[],
  ids: Map<string, number>,
): Promise<void> {
  const byType = new Map<string, string[]>();
  for (const { signalType, valueKey } of entries) {
    const group = byType.get(signalType);
    if (group) group.push(valueKey);
    else byType.set(signalType, [valueKey]);
  }
  for (const [signalType, valueKeys] of byType) {
    const keys = inTexts(tx, "value_key", valueKeys);
    const rows = await tx.all(
      `SELECT id, value_key FROM bank_entries
       WHERE bank_id = ? AND signal_type = ? AND status = 'active' AND ${keys.sql}`,
      [bankId, signalType, keys.param],
    );
    for (const row of rows) ids.set(entryKey(signalType, text(row, "value_key")), int(row, "id"));
  }
}
