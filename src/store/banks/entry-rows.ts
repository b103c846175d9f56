/** Bank entries between domain objects and table rows: checked on the way in, decoded out. */
import type { BankEntry, IndexableEntry, NewBankEntry } from "./bank-types.js";
import { ENTRY_STATUSES } from "./bank-types.js";
import type { SignalType } from "../types.js";
import { SIGNAL_TYPES } from "../types.js";
import { checkLabels, checkList, checkText, checkToken, invalid } from "../validate.js";
import { checkQuality, checkSignalType, normaliseValue } from "../values.js";
import {
  int,
  nullableInt,
  nullableTimestamp,
  oneOf,
  stringList,
  text,
  timestamp,
} from "../sql/columns.js";
import type { Row } from "../sql/executor.js";

/** An entry to insert, checked and normalised. */
export interface CheckedEntry {
  readonly signalType: SignalType;
  readonly value: string;
  readonly valueKey: string;
  readonly quality: number | null;
  readonly source: string;
  readonly labels: string;
  readonly caseNumbers: string;
}

const SOURCE = /^[a-z0-9][a-z0-9._:-]{0,63}$/;

export function checkNewEntry(entry: NewBankEntry, field = "entry"): CheckedEntry {
  if (typeof entry !== "object" || entry === null) invalid(field, "expected an object");
  const signalType = checkSignalType(entry.signalType, `${field}.signalType`);
  const { value, valueKey } = normaliseValue(signalType, entry.value, `${field}.value`);
  const caseNumbers = checkList(entry.caseNumbers ?? [], `${field}.caseNumbers`, 32, (item, name) =>
    checkText(item, name, 128),
  );
  return {
    signalType,
    value,
    valueKey,
    quality: checkQuality(entry.quality, `${field}.quality`),
    source: checkToken(entry.source ?? "api", `${field}.source`, SOURCE, "expected a short name"),
    labels: JSON.stringify(checkLabels(entry.labels, `${field}.labels`)),
    caseNumbers: JSON.stringify(caseNumbers),
  };
}

/** Identifies a value within a bank: what deduplication compares. */
export function entryKey(signalType: string, valueKey: string): string {
  return `${signalType} ${valueKey}`;
}

export const ENTRY_COLUMNS = [
  "bank_id",
  "signal_type",
  "value",
  "value_key",
  "quality",
  "source",
  "labels",
  "case_numbers",
  "status",
  "created_at",
  "updated_at",
] as const;

export function entryValues(bankId: string, entry: CheckedEntry, at: string): unknown[] {
  const { signalType, value, valueKey, quality, source, labels, caseNumbers } = entry;
  return [
    bankId,
    signalType,
    value,
    valueKey,
    quality,
    source,
    labels,
    caseNumbers,
    "active",
    at,
    at,
  ];
}

/** Skips an insert whose value is already active in the bank (see bank_entries_active_value). */
export const SKIP_ACTIVE_DUPLICATE =
  "ON CONFLICT (bank_id, signal_type, value_key) WHERE status = 'active' DO NOTHING";

export function decodeEntry(row: Row): BankEntry {
  return {
    id: int(row, "id"),
    bankId: text(row, "bank_id"),
    signalType: oneOf(row, "signal_type", SIGNAL_TYPES),
    value: text(row, "value"),
    quality: nullableInt(row, "quality"),
    source: text(row, "source"),
    labels: stringList(row, "labels"),
    caseNumbers: stringList(row, "case_numbers"),
    status: oneOf(row, "status", ENTRY_STATUSES),
    createdAt: timestamp(row, "created_at"),
    updatedAt: timestamp(row, "updated_at"),
    withdrawnAt: nullableTimestamp(row, "withdrawn_at"),
  };
}

export function decodeIndexable(row: Row): IndexableEntry {
  return {
    id: int(row, "id"),
    bankId: text(row, "bank_id"),
    signalType: oneOf(row, "signal_type", SIGNAL_TYPES),
    value: text(row, "value"),
    quality: nullableInt(row, "quality"),
  };
}
