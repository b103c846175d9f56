/** Bank entries, over SQL. Bulk adds live in entries-bulk.ts. */
import { VigilError } from "../../core/index.js";
import type {
  ActiveEntriesOptions,
  AddEntriesResult,
  AddEntryResult,
  BankEntry,
  EntryCounts,
  IndexableEntry,
  ListEntriesOptions,
  NewBankEntry,
} from "./bank-types.js";
import { ENTRY_STATUSES } from "./bank-types.js";
import type { EntryRepository } from "./bank-types.js";
import type { Page, SignalType } from "../types.js";
import { checkEntryId, checkInteger, checkLimit, checkOneOf } from "../validate.js";
import { checkSignalType, normaliseValue } from "../values.js";
import { checkBankId, requireBank } from "./banks.js";
import { int, text } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { nowIso, pageOf } from "../sql/context.js";
import { activePages } from "./entries-active.js";
import { addEntries } from "./entries-bulk.js";
import {
  checkNewEntry,
  decodeEntry,
  ENTRY_COLUMNS,
  entryValues,
  SKIP_ACTIVE_DUPLICATE,
} from "./entry-rows.js";
import { first } from "../sql/executor.js";

const FIND_ACTIVE =
  "SELECT * FROM bank_entries WHERE bank_id = ? AND signal_type = ? AND value_key = ? AND status = 'active'";
const WITHDRAW = "UPDATE bank_entries SET status = 'withdrawn', withdrawn_at = ?, updated_at = ?";

export class SqlEntries implements EntryRepository {
  constructor(private readonly context: RepositoryContext) {}

  async add(bankIdInput: string, input: NewBankEntry): Promise<AddEntryResult> {
    const bankId = checkBankId(bankIdInput);
    const entry = checkNewEntry(input);
    const key = [bankId, entry.signalType, entry.valueKey];
    return this.context.db.transaction(async (tx) => {
      await requireBank(tx, bankId);
      // Look first, so that adding a known value does not spend an id.
      const existing = await first(tx, FIND_ACTIVE, key);
      if (existing) return { entry: decodeEntry(existing), created: false };
      const columns = ENTRY_COLUMNS.join(", ");
      const inserted = await first(
        tx,
        `INSERT INTO bank_entries (${columns}) VALUES (${ENTRY_COLUMNS.map(() => "?").join(", ")})
         ${SKIP_ACTIVE_DUPLICATE} RETURNING *`,
        entryValues(bankId, entry, nowIso(this.context)),
      );
      if (inserted) return { entry: decodeEntry(inserted), created: true };
      // A concurrent writer added the same value between the look and the insert.
      const winner = await first(tx, FIND_ACTIVE, key);
      if (winner) return { entry: decodeEntry(winner), created: false };
      throw new VigilError("store/conflict", "The entry changed while it was added; try again.");
    });
  }

  addMany(bankId: string, entries: readonly NewBankEntry[]): Promise<AddEntriesResult> {
    return addEntries(this.context, bankId, entries);
  }

  async get(id: number): Promise<BankEntry | null> {
    const row = await first(this.context.db, "SELECT * FROM bank_entries WHERE id = ?", [
      checkEntryId(id),
    ]);
    return row ? decodeEntry(row) : null;
  }

  async list(bankId: string, options: ListEntriesOptions = {}): Promise<Page<BankEntry, number>> {
    const limit = checkLimit(options.limit);
    const after =
      options.after === undefined ? 0 : checkInteger(options.after, "after", 0, 2 ** 32);
    const status = options.status && checkOneOf(options.status, "status", ENTRY_STATUSES);
    const rows = await this.context.db.all(
      `SELECT * FROM bank_entries WHERE bank_id = ? ${status ? "AND status = ?" : ""}
       AND id > ? ORDER BY id LIMIT ?`,
      [bankId, ...(status ? [status] : []), after, limit + 1],
    );
    if (rows.length === 0) await requireBank(this.context.db, bankId);
    return pageOf(rows.map(decodeEntry), limit, (entry) => entry.id);
  }

  async count(bankId: string): Promise<EntryCounts> {
    const rows = await this.context.db.all(
      "SELECT status, count(*) AS n FROM bank_entries WHERE bank_id = ? GROUP BY status",
      [bankId],
    );
    if (rows.length === 0) await requireBank(this.context.db, bankId);
    const counts = { active: 0, withdrawn: 0 };
    for (const row of rows)
      counts[checkOneOf(text(row, "status"), "status", ENTRY_STATUSES)] = int(row, "n");
    return counts;
  }

  async find(bankId: string, signalType: SignalType, value: string): Promise<BankEntry[]> {
    const type = checkSignalType(signalType);
    const { valueKey } = normaliseValue(type, value);
    const rows = await this.context.db.all(
      "SELECT * FROM bank_entries WHERE bank_id = ? AND signal_type = ? AND value_key = ? ORDER BY id",
      [bankId, type, valueKey],
    );
    if (rows.length === 0) await requireBank(this.context.db, bankId);
    return rows.map(decodeEntry);
  }

  async withdraw(idInput: number): Promise<BankEntry> {
    const id = checkEntryId(idInput);
    const at = nowIso(this.context);
    const db = this.context.db;
    const row =
      (await first(db, `${WITHDRAW} WHERE id = ? AND status = 'active' RETURNING *`, [
        at,
        at,
        id,
      ])) ?? (await first(db, "SELECT * FROM bank_entries WHERE id = ?", [id]));
    if (!row) throw new VigilError("store/not-found", `There is no entry ${id}.`, { entryId: id });
    return decodeEntry(row);
  }

  async withdrawValue(
    bankId: string,
    signalType: SignalType,
    value: string,
  ): Promise<BankEntry | null> {
    const type = checkSignalType(signalType);
    const { valueKey } = normaliseValue(type, value);
    const at = nowIso(this.context);
    const row = await first(
      this.context.db,
      `${WITHDRAW} WHERE bank_id = ? AND signal_type = ? AND value_key = ? AND status = 'active'
       RETURNING *`,
      [at, at, bankId, type, valueKey],
    );
    if (!row) await requireBank(this.context.db, bankId);
    return row ? decodeEntry(row) : null;
  }

  iterateActive(options: ActiveEntriesOptions = {}): AsyncIterable<readonly IndexableEntry[]> {
    // Checked here, not in the generator, so a bad option fails at the call.
    const pageSize =
      options.pageSize === undefined
        ? 10_000
        : checkInteger(options.pageSize, "pageSize", 1, 50_000);
    const signalType =
      options.signalType === undefined ? undefined : checkSignalType(options.signalType);
    return activePages(this.context.db, pageSize, signalType);
  }
}
