/**
 * Ingested content: what a platform streams to `/v1/content` (a message in a public channel, a
 * post in a group), accepted once per idempotency key, then processed by a worker. The record
 * holds references and hashes — a media URL, the PDQ of the image — never the media itself.
 */
import type { ContentItem, ContentSignal, MatchResult, NewContentSignal } from "./scan-types.js";
import type { IsoTimestamp } from "../types.js";
import type { JsonObject } from "../../core/index.js";

export const VISIBILITIES = ["public", "private"] as const;
export type ItemVisibility = (typeof VISIBILITIES)[number];

export const ITEM_STATUSES = ["queued", "done", "failed"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export interface MediaRef {
  /** Where the worker fetches it (under the fetch limits); absent once hashed at ingest. */
  readonly url?: string;
  /** The MIME type the platform gave, when it gave one. */
  readonly mimeType?: string;
}

export interface NewContentItem {
  /** How it reached us: `stream`, `telegram`, … (a short name). */
  readonly source: string;
  /** A repeat of this key is accepted once: the first item comes back. */
  readonly idempotencyKey?: string | null;
  readonly platform?: string | null;
  readonly channelId?: string | null;
  /** The platform's id of the message or post. */
  readonly externalId?: string | null;
  readonly authorId?: string | null;
  readonly visibility?: ItemVisibility | null;
  readonly text?: string | null;
  /** Media still to fetch and hash. */
  readonly media?: readonly MediaRef[];
  /** Hashes known at ingest (submitted, or computed from bytes sent with the item). */
  readonly signals?: readonly NewContentSignal[];
  /** Signal records learned at ingest (media sent as bytes): nudity, faces, provenance. */
  readonly analysis?: readonly JsonObject[];
  readonly postedAt?: IsoTimestamp | null;
}

export interface IngestedItem extends ContentItem {
  readonly idempotencyKey: string | null;
  readonly channelId: string | null;
  readonly authorId: string | null;
  readonly visibility: ItemVisibility | null;
  readonly text: string | null;
  readonly media: readonly MediaRef[];
  readonly postedAt: IsoTimestamp | null;
  readonly status: ItemStatus;
  /** Set when done: `allow`, `review`, `block`, `remove`, `remove_and_ban`. */
  readonly verdict: string | null;
  /** The verdict's reasons, in words a moderator can read. */
  readonly reasons: readonly string[];
  readonly processedAt: IsoTimestamp | null;
  /** Why processing failed (status `failed`): the last error's message. */
  readonly error: string | null;
  /** What the signal providers learned (plain signal records; never embeddings or media). */
  readonly analysis: readonly JsonObject[];
}

export interface AcceptResult {
  readonly item: IngestedItem;
  /** False when the idempotency key had been seen: nothing new was stored. */
  readonly created: boolean;
}

export interface IngestedRecord {
  readonly item: IngestedItem;
  readonly signals: readonly ContentSignal[];
  readonly matches: readonly MatchResult[];
}

export interface ItemOutcome {
  /** Signals the worker computed (fetched media), appended after those from ingest. */
  readonly signals: readonly NewContentSignal[];
  readonly matches: readonly MatchResult[];
  /** The item's whole analysis (ingest's and the worker's), replacing what was stored. */
  readonly analysis?: readonly JsonObject[];
  readonly verdict: string;
  readonly reasons: readonly string[];
}

export interface ItemCounts {
  readonly queued: number;
  readonly done: number;
  readonly failed: number;
}

export interface ItemRepository {
  /**
   * Stores an ingested item (status `queued`) with the hashes known at ingest. A repeat of its
   * idempotency key — also from another process at the same moment — returns the first item.
   */
  accept(item: NewContentItem): Promise<AcceptResult>;
  get(id: string): Promise<IngestedRecord | null>;
  getByKey(idempotencyKey: string): Promise<IngestedItem | null>;
  /**
   * Records the outcome and marks the item done, in one transaction. An item already done is
   * returned unchanged with `completed: false`: a redelivered job must not record twice.
   */
  complete(id: string, outcome: ItemOutcome): Promise<{ item: IngestedItem; completed: boolean }>;
  /** Marks a not-yet-done item failed with the error's message. */
  fail(id: string, error: string): Promise<IngestedItem>;
  /** Items still queued that were accepted before `before`, oldest first (default limit 1000). */
  listQueued(options: {
    readonly before: string;
    readonly limit?: number;
  }): Promise<IngestedItem[]>;
  counts(): Promise<ItemCounts>;
  /**
   * Marks items taken down by a moderator (true), or clears that after an overturned appeal
   * (false: items whose own verdict took them down stay taken down).
   */
  setTakenDown(ids: readonly string[], takenDown: boolean): Promise<void>;
  /**
   * The author's other items on this platform that were taken down — by their verdict, or by a
   * moderator's removal not overturned — counted up to 1000 (`excludeId` aside).
   */
  authorTakedowns(platform: string | null, authorId: string, excludeId?: string): Promise<number>;
}
