/**
 * IngestPort: how a post reaches the normal pipeline (hashes, banks, signals, policy). Phase 2
 * implements it over the engine's IngestService; the monitor only shapes the item. The shape
 * is the bot's (docs/TELEGRAM.md), with source `monitor`, so a message both the bot and the
 * monitor see is one item.
 */

export const MONITOR_SOURCE = "monitor";

/** Why a post's media was not sent: over the byte limit, not a picture, gone, or undecodable. */
export interface Unscanned {
  readonly reason: string;
  readonly kind: string;
  readonly size: number | null;
}

/** Kept with the item (phase 2: the item's monitor evidence fields), for the evidence package. */
export interface SightingEvidence {
  readonly link: string;
  readonly channelUsername: string;
  readonly channelTitle: string;
  readonly channelKind: "channel" | "group";
  /** When the monitor read it. */
  readonly seenAt: string;
}

export interface MonitorIngestInput {
  /** `telegram:<channel id as the Bot API writes it>:<message id>`, `:edit:<unix seconds>` for edits. */
  readonly idempotencyKey: string;
  readonly source: typeof MONITOR_SOURCE;
  readonly platform: "telegram";
  readonly channelId: string;
  readonly externalId: string;
  readonly authorId: string | null;
  readonly visibility: "public";
  readonly text: string | null;
  readonly postedAt: string;
  /** In memory only: hashed by the ingest service and dropped (never stored or queued). */
  readonly media: readonly { readonly bytes: Uint8Array; readonly mimeType?: string }[];
  readonly unscanned: Unscanned | null;
  readonly evidence: SightingEvidence;
}

export interface IngestPort {
  /** True when the key was accepted before: the post is not downloaded again. */
  seen(idempotencyKey: string): Promise<boolean>;
  /**
   * Accepts once per key. May throw a `media/*` VigilError for bytes that do not decode; the
   * monitor then sends the post again without media, as unscanned.
   */
  accept(
    input: MonitorIngestInput,
  ): Promise<{ readonly itemId: string; readonly duplicate: boolean }>;
}

/** One item per message version, however often it is read or pushed. */
export function postKey(channelId: string, messageId: number, editDate: string | null): string {
  const base = `telegram:${channelId}:${messageId}`;
  // The bot writes the edit time in Unix seconds: the same edit gets the same key from both.
  return editDate === null ? base : `${base}:edit:${Math.floor(Date.parse(editDate) / 1000)}`;
}
