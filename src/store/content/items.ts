/** Ingested content items over SQL: accepted once per key, completed once, failed visibly. */
import { VigilError } from "../../core/index.js";
import type {
  AcceptResult,
  IngestedItem,
  IngestedRecord,
  ItemCounts,
  ItemOutcome,
  MediaRef,
  NewContentItem,
} from "./item-types.js";
import { ITEM_STATUSES, VISIBILITIES } from "./item-types.js";
import { newId } from "../ids.js";
import type { ItemRepository } from "./item-types.js";
import {
  checkInteger,
  checkList,
  checkOneOf,
  checkOptionalText,
  checkText,
  checkToken,
  invalid,
} from "../validate.js";
import {
  int,
  jsonArray,
  nullableText,
  nullableTimestamp,
  oneOf,
  text,
  timestamp,
} from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { nowIso } from "../sql/context.js";
import type { Row, SqlExecutor } from "../sql/executor.js";
import { first } from "../sql/executor.js";
import { checkMatch, checkSignal, signalsAndMatches } from "./scans.js";
import type { JsonObject } from "../../core/index.js";

const SOURCE = /^[a-z0-9][a-z0-9._:-]{0,63}$/;
const MAX_TEXT = 16_384;
const MAX_MEDIA = 32;
const MAX_ERROR = 2000;
/** Verdicts that took content down: what an author's history counts. */
const TAKEDOWN_VERDICTS = ["block", "remove", "remove_and_ban"];
const TAKEDOWN_SQL = `(COALESCE(verdict, '') IN (${TAKEDOWN_VERDICTS.map((v) => `'${v}'`).join(", ")}))`;
/** Past this many, an author's history is "at least this many": the count stays cheap. */
export const MAX_COUNTED_TAKEDOWNS = 1000;

export class SqlItems implements ItemRepository {
  constructor(private readonly context: RepositoryContext) {}

  async accept(input: NewContentItem): Promise<AcceptResult> {
    const item = checkNewItem(input);
    const now = this.context.clock();
    const id = newId(now);
    return this.context.db.transaction(async (tx) => {
      // A repeated key — also one another API process is inserting at this moment — inserts
      // nothing: the row that holds the key is the answer.
      const row = await first(
        tx,
        `INSERT INTO content_items (id, source, platform, external_id, created_at, idempotency_key,
           channel_id, author_id, visibility, text, media, analysis, posted_at, status)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued')
         ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
         RETURNING *`,
        [
          id,
          item.source,
          item.platform,
          item.externalId,
          now.toISOString(),
          item.idempotencyKey,
          item.channelId,
          item.authorId,
          item.visibility,
          item.text,
          JSON.stringify(item.media),
          item.analysis,
          item.postedAt,
        ],
      );
      if (!row) {
        const winner = await first(tx, "SELECT * FROM content_items WHERE idempotency_key = ?", [
          item.idempotencyKey,
        ]);
        return { item: decodeItem(winner!), created: false };
      }
      await insertSignals(tx, id, 0, item.signals);
      return { item: decodeItem(row), created: true };
    });
  }

  async get(id: string): Promise<IngestedRecord | null> {
    const db = this.context.db;
    const item = await first(db, "SELECT * FROM content_items WHERE id = ?", [id]);
    return item ? { item: decodeItem(item), ...(await signalsAndMatches(db, id)) } : null;
  }

  async getByKey(idempotencyKey: string): Promise<IngestedItem | null> {
    const row = await first(
      this.context.db,
      "SELECT * FROM content_items WHERE idempotency_key = ?",
      [idempotencyKey],
    );
    return row ? decodeItem(row) : null;
  }

  async complete(
    id: string,
    outcome: ItemOutcome,
  ): Promise<{ item: IngestedItem; completed: boolean }> {
    const signals = checkList(outcome.signals, "signals", 256, checkSignal);
    const matches = checkList(outcome.matches, "matches", 1000, checkMatch);
    const verdict = checkText(outcome.verdict, "verdict", 32);
    const reasons = checkList(outcome.reasons, "reasons", 100, (r, f) => checkText(r, f, 2000));
    const analysis =
      outcome.analysis === undefined ? null : checkAnalysis(outcome.analysis, "analysis");
    const at = nowIso(this.context);
    return this.context.db.transaction(async (tx) => {
      // Only a queued item moves: a redelivered job finds it done and changes nothing.
      const row = await first(
        tx,
        `UPDATE content_items SET status = 'done', verdict = ?, reasons = ?, processed_at = ?,
           error = NULL, taken_down = ?, analysis = COALESCE(?, analysis)
         WHERE id = ? AND status <> 'done' RETURNING *`,
        [verdict, JSON.stringify(reasons), at, TAKEDOWN_VERDICTS.includes(verdict), analysis, id],
      );
      if (!row) {
        const current = await first(tx, "SELECT * FROM content_items WHERE id = ?", [id]);
        if (!current) throw itemNotFound(id);
        return { item: decodeItem(current), completed: false };
      }
      const counted = await first(
        tx,
        "SELECT count(*) AS n FROM content_signals WHERE content_id = ?",
        [id],
      );
      await insertSignals(tx, id, int(counted!, "n"), signals);
      await tx.run("DELETE FROM match_results WHERE content_id = ?", [id]);
      await tx.insertMany({
        table: "match_results",
        columns: ["content_id", "position", "bank_id", "entry_id", "signal_type", "distance"],
        rows: matches.map((m, i) => [id, i, m.bankId, m.entryId, m.signalType, m.distance]),
        onConflict: "",
        returning: "",
      });
      return { item: decodeItem(row), completed: true };
    });
  }

  async fail(id: string, error: string): Promise<IngestedItem> {
    const message = typeof error === "string" ? error.slice(0, MAX_ERROR) : "unknown error";
    const at = nowIso(this.context);
    const row =
      (await first(
        this.context.db,
        `UPDATE content_items SET status = 'failed', error = ?, processed_at = ?
         WHERE id = ? AND status <> 'done' RETURNING *`,
        [message, at, id],
      )) ?? (await first(this.context.db, "SELECT * FROM content_items WHERE id = ?", [id]));
    if (!row) throw itemNotFound(id);
    return decodeItem(row);
  }

  async listQueued(options: { before: string; limit?: number }): Promise<IngestedItem[]> {
    const limit =
      options.limit === undefined ? 1000 : checkInteger(options.limit, "limit", 1, 10_000);
    const rows = await this.context.db.all(
      `SELECT * FROM content_items WHERE status = 'queued' AND created_at < ?
       ORDER BY created_at LIMIT ?`,
      [new Date(checkText(options.before, "before", 40)).toISOString(), limit],
    );
    return rows.map(decodeItem);
  }

  async counts(): Promise<ItemCounts> {
    const rows = await this.context.db.all(
      "SELECT status, count(*) AS n FROM content_items GROUP BY status",
    );
    const counts = { queued: 0, done: 0, failed: 0 };
    for (const row of rows) counts[oneOf(row, "status", ITEM_STATUSES)] = int(row, "n");
    return counts;
  }

  async setTakenDown(ids: readonly string[], takenDown: boolean): Promise<void> {
    const checked = checkList(ids, "ids", 10_000, (id, field) => checkText(id, field, 64));
    if (checked.length === 0) return;
    // Clearing keeps the items whose own verdict took them down: an overturned removal does
    // not undo what a bank match did.
    await this.context.db.run(
      `UPDATE content_items SET taken_down = ${takenDown ? "TRUE" : TAKEDOWN_SQL}
       WHERE id IN (${checked.map(() => "?").join(", ")})`,
      checked,
    );
  }

  async authorTakedowns(
    platform: string | null,
    authorId: string,
    excludeId?: string,
  ): Promise<number> {
    const row = await first(
      this.context.db,
      `SELECT count(*) AS n FROM (
         SELECT 1 FROM content_items
         WHERE taken_down AND author_id = ? AND ${platform === null ? "platform IS NULL" : "platform = ?"}
           AND id <> ?
         LIMIT ${MAX_COUNTED_TAKEDOWNS}) AS taken`,
      [authorId, ...(platform === null ? [] : [platform]), excludeId ?? ""],
    );
    return int(row!, "n");
  }
}

async function insertSignals(
  tx: SqlExecutor,
  id: string,
  offset: number,
  signals: readonly { signalType: string; value: string; quality: number | null }[],
): Promise<void> {
  await tx.insertMany({
    table: "content_signals",
    columns: ["content_id", "position", "signal_type", "value", "quality"],
    rows: signals.map((s, i) => [id, offset + i, s.signalType, s.value, s.quality]),
    onConflict: "",
    returning: "",
  });
}

interface CheckedItem {
  readonly source: string;
  readonly idempotencyKey: string | null;
  readonly platform: string | null;
  readonly channelId: string | null;
  readonly externalId: string | null;
  readonly authorId: string | null;
  readonly visibility: string | null;
  readonly text: string | null;
  readonly media: MediaRef[];
  readonly signals: ReturnType<typeof checkSignal>[];
  /** The analysis records as JSON text. */
  readonly analysis: string;
  readonly postedAt: string | null;
}

function checkNewItem(input: NewContentItem): CheckedItem {
  if (typeof input !== "object" || input === null) invalid("item", "expected an object");
  return {
    source: checkToken(input.source, "source", SOURCE, "expected a short name"),
    idempotencyKey: checkOptionalText(input.idempotencyKey, "idempotencyKey", 256),
    platform: checkOptionalText(input.platform, "platform", 128),
    channelId: checkOptionalText(input.channelId, "channelId", 256),
    externalId: checkOptionalText(input.externalId, "externalId", 2048),
    authorId: checkOptionalText(input.authorId, "authorId", 256),
    visibility:
      input.visibility === undefined || input.visibility === null
        ? null
        : checkOneOf(input.visibility, "visibility", VISIBILITIES),
    text: checkOptionalText(input.text, "text", MAX_TEXT),
    media: checkList(input.media ?? [], "media", MAX_MEDIA, checkMedia),
    signals: checkList(input.signals ?? [], "signals", 256, checkSignal),
    analysis: checkAnalysis(input.analysis ?? [], "analysis"),
    postedAt: checkPostedAt(input.postedAt),
  };
}

function checkMedia(value: unknown, field: string): MediaRef {
  if (typeof value !== "object" || value === null) invalid(field, "expected an object");
  const { url, mimeType } = value as Record<string, unknown>;
  const checkedUrl = checkOptionalText(url, `${field}.url`, 2048);
  const checkedType = checkOptionalText(mimeType, `${field}.mimeType`, 128);
  return {
    ...(checkedUrl === null ? {} : { url: checkedUrl }),
    ...(checkedType === null ? {} : { mimeType: checkedType }),
  };
}

/** Signal records are small; a few hundred per item at most, 256 KiB of JSON in all. */
const MAX_ANALYSIS_RECORDS = 512;
const MAX_ANALYSIS_BYTES = 256 * 1024;

/** An item's analysis as JSON text, after checking it is a bounded list of plain objects. */
function checkAnalysis(value: unknown, field: string): string {
  const records = checkList(value, field, MAX_ANALYSIS_RECORDS, (record, at) => {
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      invalid(at, "expected an object");
    }
    return record;
  });
  const json = JSON.stringify(records);
  if (json.length > MAX_ANALYSIS_BYTES) invalid(field, `longer than ${MAX_ANALYSIS_BYTES} bytes`);
  return json;
}

function checkPostedAt(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const raw = checkText(value, "postedAt", 40);
  const date = new Date(raw);
  if (Number.isNaN(date.getTime())) invalid("postedAt", "expected an ISO 8601 time");
  return date.toISOString();
}

function decodeItem(row: Row): IngestedItem {
  return {
    id: text(row, "id"),
    source: text(row, "source"),
    platform: nullableText(row, "platform"),
    externalId: nullableText(row, "external_id"),
    createdAt: timestamp(row, "created_at"),
    idempotencyKey: nullableText(row, "idempotency_key"),
    channelId: nullableText(row, "channel_id"),
    authorId: nullableText(row, "author_id"),
    visibility: row.visibility === null ? null : oneOf(row, "visibility", VISIBILITIES),
    text: nullableText(row, "text"),
    media: jsonArray(row, "media") as MediaRef[],
    postedAt: nullableTimestamp(row, "posted_at"),
    status: oneOf(row, "status", ITEM_STATUSES),
    verdict: nullableText(row, "verdict"),
    reasons: jsonArray(row, "reasons") as string[],
    processedAt: nullableTimestamp(row, "processed_at"),
    error: nullableText(row, "error"),
    analysis: jsonArray(row, "analysis") as JsonObject[],
  };
}

function itemNotFound(id: string): VigilError {
  return new VigilError("store/not-found", `There is no content item "${id}".`, { itemId: id });
}
