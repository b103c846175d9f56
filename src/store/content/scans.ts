/** Scan records (content item, signals, matches), over SQL. */
import type { ContentSignal, MatchResult, NewScan, ScanRecord } from "./scan-types.js";
import type { ScanRepository } from "./scan-types.js";
import { SIGNAL_TYPES } from "../types.js";
import { newId } from "../ids.js";
import { checkEntryId, checkList, checkOptionalText, checkToken, invalid } from "../validate.js";
import { checkQuality, checkSignalType, normaliseValue } from "../values.js";
import { checkBankId } from "../banks/banks.js";
import { int, nullableInt, nullableText, oneOf, real, text, timestamp } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import type { Row, SqlExecutor } from "../sql/executor.js";
import { first } from "../sql/executor.js";

const SOURCE = /^[a-z0-9][a-z0-9._:-]{0,63}$/;

export class SqlScans implements ScanRepository {
  constructor(private readonly context: RepositoryContext) {}

  async record(scan: NewScan): Promise<ScanRecord> {
    if (typeof scan !== "object" || scan === null) invalid("scan", "expected an object");
    const source = checkToken(scan.source ?? "scan", "source", SOURCE, "expected a short name");
    const platform = checkOptionalText(scan.platform, "platform", 128);
    const externalId = checkOptionalText(scan.externalId, "externalId", 2048);
    const signals = checkList(scan.signals, "signals", 256, checkSignal);
    const matches = checkList(scan.matches, "matches", 1000, checkMatch);
    const now = this.context.clock();
    const id = newId(now);
    return this.context.db.transaction(async (tx) => {
      const item = await first(
        tx,
        `INSERT INTO content_items (id, source, platform, external_id, created_at)
         VALUES (?, ?, ?, ?, ?) RETURNING *`,
        [id, source, platform, externalId, now.toISOString()],
      );
      await tx.insertMany({
        table: "content_signals",
        columns: ["content_id", "position", "signal_type", "value", "quality"],
        rows: signals.map((s, i) => [id, i, s.signalType, s.value, s.quality]),
        onConflict: "",
        returning: "",
      });
      await tx.insertMany({
        table: "match_results",
        columns: ["content_id", "position", "bank_id", "entry_id", "signal_type", "distance"],
        rows: matches.map((m, i) => [id, i, m.bankId, m.entryId, m.signalType, m.distance]),
        onConflict: "",
        returning: "",
      });
      return { item: decodeItem(item!), signals, matches };
    });
  }

  async get(contentId: string): Promise<ScanRecord | null> {
    const db = this.context.db;
    const item = await first(db, "SELECT * FROM content_items WHERE id = ?", [contentId]);
    if (!item) return null;
    return { item: decodeItem(item), ...(await signalsAndMatches(db, contentId)) };
  }
}

/** A content item's signals and matches, each in the order recorded. */
export async function signalsAndMatches(
  db: SqlExecutor,
  contentId: string,
): Promise<{ signals: ContentSignal[]; matches: MatchResult[] }> {
  const signals = await db.all(
    "SELECT * FROM content_signals WHERE content_id = ? ORDER BY position",
    [contentId],
  );
  const matches = await db.all(
    "SELECT * FROM match_results WHERE content_id = ? ORDER BY position",
    [contentId],
  );
  return { signals: signals.map(decodeSignal), matches: matches.map(decodeMatch) };
}

export function checkSignal(input: unknown, field: string): ContentSignal {
  if (typeof input !== "object" || input === null) invalid(field, "expected an object");
  const { signalType, value, quality } = input as Record<string, unknown>;
  const type = checkSignalType(signalType, `${field}.signalType`);
  return {
    signalType: type,
    value: normaliseValue(type, value, `${field}.value`).value,
    quality: checkQuality(quality, `${field}.quality`),
  };
}

export function checkMatch(input: unknown, field: string): MatchResult {
  if (typeof input !== "object" || input === null) invalid(field, "expected an object");
  const { bankId, entryId, signalType, distance } = input as Record<string, unknown>;
  if (typeof distance !== "number" || !Number.isFinite(distance) || distance < 0) {
    invalid(`${field}.distance`, "expected a non-negative number");
  }
  return {
    bankId: checkBankId(bankId, `${field}.bankId`),
    entryId: checkEntryId(entryId, `${field}.entryId`),
    signalType: checkSignalType(signalType, `${field}.signalType`),
    distance,
  };
}

function decodeItem(row: Row): ScanRecord["item"] {
  return {
    id: text(row, "id"),
    source: text(row, "source"),
    platform: nullableText(row, "platform"),
    externalId: nullableText(row, "external_id"),
    createdAt: timestamp(row, "created_at"),
  };
}

function decodeSignal(row: Row): ContentSignal {
  return {
    signalType: oneOf(row, "signal_type", SIGNAL_TYPES),
    value: text(row, "value"),
    quality: nullableInt(row, "quality"),
  };
}

function decodeMatch(row: Row): MatchResult {
  return {
    bankId: text(row, "bank_id"),
    entryId: int(row, "entry_id"),
    signalType: oneOf(row, "signal_type", SIGNAL_TYPES),
    distance: real(row, "distance"),
  };
}
