/** Banks, over SQL. */
import { VigilError } from "../../core/index.js";
import type { Bank, BankPatch, NewBank } from "./bank-types.js";
import { BANK_ACTIONS, DEFAULT_MATCH_THRESHOLD, MAX_MATCH_THRESHOLD } from "./bank-types.js";
import type { BankRepository } from "./bank-types.js";
import {
  checkBoolean,
  checkInteger,
  checkLabels,
  checkOneOf,
  checkText,
  checkToken,
} from "../validate.js";
import { bool, int, oneOf, stringList, text, timestamp } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { nowIso } from "../sql/context.js";
import type { Row, SqlExecutor } from "../sql/executor.js";
import { first } from "../sql/executor.js";

const BANK_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function checkBankId(value: unknown, field = "bank id"): string {
  return checkToken(value, field, BANK_ID, "expected 1..64 of a-z, 0-9 and '-', not at the ends");
}

/** `store/not-found` unless the bank exists. */
export async function requireBank(db: SqlExecutor, id: string): Promise<void> {
  if (!(await first(db, "SELECT 1 AS found FROM banks WHERE id = ?", [id]))) throw bankNotFound(id);
}

export function bankNotFound(id: string): VigilError {
  return new VigilError("store/not-found", `There is no bank "${id}".`, { bankId: id });
}

/** Each patchable field: its column, and how its value is checked and written. */
const FIELDS: Readonly<Record<keyof BankPatch, { column: string; check(v: unknown): unknown }>> = {
  name: { column: "name", check: (v) => checkText(v, "name", 200) },
  description: {
    column: "description",
    check: (v) => checkText(v, "description", 4000, { allowEmpty: true, multiline: true }),
  },
  labels: { column: "labels", check: (v) => JSON.stringify(checkLabels(v)) },
  enabled: { column: "enabled", check: (v) => checkBoolean(v, "enabled") },
  matchThreshold: {
    column: "match_threshold",
    check: (v) => checkInteger(v, "matchThreshold", 0, MAX_MATCH_THRESHOLD),
  },
  action: { column: "action", check: (v) => checkOneOf(v, "action", BANK_ACTIONS) },
};

export class SqlBanks implements BankRepository {
  constructor(private readonly context: RepositoryContext) {}

  async create(bank: NewBank): Promise<Bank> {
    const id = checkBankId(bank.id);
    const values = [
      FIELDS.name.check(bank.name),
      FIELDS.description.check(bank.description ?? ""),
      FIELDS.labels.check(bank.labels ?? []),
      FIELDS.enabled.check(bank.enabled ?? true),
      FIELDS.matchThreshold.check(bank.matchThreshold ?? DEFAULT_MATCH_THRESHOLD),
      FIELDS.action.check(bank.action ?? "block"),
    ];
    const at = nowIso(this.context);
    const row = await first(
      this.context.db,
      `INSERT INTO banks (id, name, description, labels, enabled, match_threshold, action,
         created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING RETURNING *`,
      [id, ...values, at, at],
    );
    if (!row) {
      throw new VigilError("store/conflict", `A bank "${id}" already exists.`, { bankId: id });
    }
    return decodeBank(row);
  }

  async get(id: string): Promise<Bank | null> {
    const row = await first(this.context.db, "SELECT * FROM banks WHERE id = ?", [id]);
    return row ? decodeBank(row) : null;
  }

  async list(): Promise<Bank[]> {
    return (await this.context.db.all("SELECT * FROM banks ORDER BY id")).map(decodeBank);
  }

  async update(id: string, patch: BankPatch): Promise<Bank> {
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const key of Object.keys(FIELDS) as (keyof BankPatch)[]) {
      if (patch[key] === undefined) continue;
      sets.push(`${FIELDS[key].column} = ?`);
      params.push(FIELDS[key].check(patch[key]));
    }
    const row = await first(
      this.context.db,
      `UPDATE banks SET ${[...sets, "updated_at = ?"].join(", ")} WHERE id = ? RETURNING *`,
      [...params, nowIso(this.context), id],
    );
    if (!row) throw bankNotFound(id);
    return decodeBank(row);
  }

  async delete(id: string): Promise<{ readonly deletedEntries: number }> {
    return this.context.db.transaction(async (tx) => {
      const counted = await first(tx, "SELECT count(*) AS n FROM bank_entries WHERE bank_id = ?", [
        id,
      ]);
      // Entries go with the bank (ON DELETE CASCADE).
      if ((await tx.run("DELETE FROM banks WHERE id = ?", [id])) === 0) throw bankNotFound(id);
      return { deletedEntries: counted ? int(counted, "n") : 0 };
    });
  }
}

function decodeBank(row: Row): Bank {
  return {
    id: text(row, "id"),
    name: text(row, "name"),
    description: text(row, "description"),
    labels: stringList(row, "labels"),
    enabled: bool(row, "enabled"),
    matchThreshold: int(row, "match_threshold"),
    action: oneOf(row, "action", BANK_ACTIONS),
    createdAt: timestamp(row, "created_at"),
    updatedAt: timestamp(row, "updated_at"),
  };
}
