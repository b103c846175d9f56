/**
 * Ingest: a content item from a stream or a platform, accepted once per idempotency key and
 * queued for a worker. Accepted means durable: the item is in the store and its job in the queue
 * before the caller hears 202. Media sent as bytes is hashed here and dropped — the queue carries
 * only the item's id, the store only hashes; media sent as URLs is fetched by the worker. The AI
 * signal providers look at bytes here too, for the same reason: after this, they are gone.
 */
import type { JobQueue } from "../../queue/index.js";
import type { MediaInput } from "../../signals/index.js";
import type { IngestedItem, MediaRef, NewContentItem, Store } from "../../store/index.js";
import type { ContentAnalyser } from "./content-analysis.js";
import { hashesFromBytes, hashesFromSubmitted, type SubmittedHashes } from "./content-hashes.js";

export const CONTENT_TOPIC = "content";

export type IngestMedia =
  | { readonly url: string; readonly mimeType?: string }
  | { readonly bytes: Uint8Array; readonly mimeType?: string };

export interface IngestInput extends Omit<NewContentItem, "media" | "signals"> {
  readonly media?: readonly IngestMedia[];
  /** Hashes the platform computed itself (PDQ, MD5, SHA-256, vPDQ). */
  readonly hashes?: SubmittedHashes;
}

export interface IngestResult {
  readonly id: string;
  /** True when the idempotency key had been seen: the first item's id comes back. */
  readonly duplicate: boolean;
  readonly status: IngestedItem["status"];
}

/** The queue's idempotency key for an item's job: one job per item, however often it is sent. */
export function contentJobKey(itemId: string): string {
  return `item:${itemId}`;
}

export class IngestService {
  constructor(
    private readonly store: Store,
    private readonly queue: JobQueue,
    private readonly analyser?: ContentAnalyser,
  ) {}

  async accept(input: IngestInput): Promise<IngestResult> {
    // A repeat carrying media bytes is answered before they are hashed: retries of a large
    // upload cost nothing. Other repeats are found by the store's accept itself.
    const hasBytes = (input.media ?? []).some((part) => "bytes" in part);
    const seen =
      hasBytes && typeof input.idempotencyKey === "string"
        ? await this.store.items.getByKey(input.idempotencyKey)
        : null;
    if (seen) return this.answer(seen, false);
    const signals = [];
    const media: MediaRef[] = [];
    const bytes: MediaInput[] = [];
    if (input.hashes !== undefined)
      signals.push(...hashesFromSubmitted(input.hashes, false).signals);
    for (const [index, part] of (input.media ?? []).entries()) {
      // Every part keeps its place in the item's media list, so a signal's media index points
      // at the same part whether it was learned here or by the worker.
      const type = part.mimeType === undefined ? {} : { mimeType: part.mimeType };
      if ("bytes" in part) {
        signals.push(...(await hashesFromBytes(part.bytes, false)).signals);
        bytes.push({ index, bytes: part.bytes });
        media.push(type);
      } else media.push({ url: part.url, ...type });
    }
    const analysis =
      this.analyser && bytes.length > 0 ? await this.analyser.analyse({ media: bytes }) : [];
    const { item, created } = await this.store.items.accept({
      ...withoutMediaAndHashes(input),
      media,
      signals,
      analysis,
    });
    return this.answer(item, created);
  }

  private async answer(item: IngestedItem, created: boolean): Promise<IngestResult> {
    // A repeat of a still-queued item is queued again: if the first attempt stored the item but
    // died before its job was durable, this is what saves it (the queue drops a live duplicate).
    if (item.status === "queued") await this.enqueue(item.id);
    return { id: item.id, duplicate: !created, status: item.status };
  }

  enqueue(itemId: string): Promise<unknown> {
    return this.queue.enqueue(CONTENT_TOPIC, { itemId }, { idempotencyKey: contentJobKey(itemId) });
  }
}

function withoutMediaAndHashes(input: IngestInput): Omit<NewContentItem, "media" | "signals"> {
  const fields: Record<string, unknown> = { ...input };
  delete fields.media;
  delete fields.hashes;
  return fields as Omit<NewContentItem, "media" | "signals">;
}
