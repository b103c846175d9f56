/**
 * One post → one item through the IngestPort. Media is downloaded only when the pipeline can
 * hash it and it is within the byte limit; the bytes go to the port in memory and are not kept
 * here. A post whose media is skipped (too large, not a picture, deleted meanwhile, or bytes that
 * do not decode) still becomes an item, with its text and the reason, as the bot does.
 */
import { isVigilError } from "../../../core/index.js";
import type { CallGate } from "./call-gate.js";
import type { MonitorClient } from "./client.js";
import { isMonitorError } from "./errors.js";
import {
  MONITOR_SOURCE,
  postKey,
  type IngestPort,
  type MonitorIngestInput,
  type Unscanned,
} from "./ingest-port.js";
import { isScannable, type MonitorChannel, type MonitorPost } from "./types.js";

export interface IngestPostDeps {
  readonly client: MonitorClient;
  readonly ingest: IngestPort;
  readonly gate: CallGate;
  readonly maxMediaBytes: number;
  readonly clock?: () => Date;
}

export interface IngestOutcome {
  readonly key: string;
  /** Null when the key had been seen and nothing was sent. */
  readonly itemId: string | null;
  readonly duplicate: boolean;
  readonly media: "scanned" | "skipped" | "none";
}

export async function ingestMonitorPost(
  post: MonitorPost,
  channel: MonitorChannel,
  deps: IngestPostDeps,
): Promise<IngestOutcome> {
  if (post.link === null)
    throw new RangeError("A post needs its channel's username to be ingested.");
  const key = postKey(post.channelId, post.messageId, post.editDate);
  // A post read twice (pushed, then polled) is downloaded once.
  if (await deps.ingest.seen(key)) return { key, itemId: null, duplicate: true, media: "none" };
  const fetched = await fetchMedia(post, channel, deps);
  const input: MonitorIngestInput = {
    idempotencyKey: key,
    source: MONITOR_SOURCE,
    platform: "telegram",
    channelId: post.channelId,
    externalId: String(post.messageId),
    authorId: post.authorId,
    visibility: "public",
    text: post.text.length > 0 ? post.text : null,
    postedAt: post.date,
    media: fetched.media,
    unscanned: fetched.unscanned,
    evidence: {
      link: post.link,
      channelUsername: channel.username,
      channelTitle: channel.title,
      channelKind: channel.kind,
      seenAt: (deps.clock?.() ?? new Date()).toISOString(),
    },
  };
  let result;
  let skipped = fetched.unscanned !== null;
  try {
    result = await deps.ingest.accept(input);
  } catch (error) {
    // Bytes that do not decode (a broken file, an odd codec): the post still counts, unscanned.
    if (!isVigilError(error) || !error.code.startsWith("media/")) throw error;
    const unscanned = {
      reason: error.code,
      kind: post.media?.kind ?? "other",
      size: post.media?.size ?? null,
    };
    result = await deps.ingest.accept({ ...input, media: [], unscanned });
    skipped = true;
  }
  const media = post.media === null ? "none" : skipped ? "skipped" : "scanned";
  return { key, itemId: result.itemId, duplicate: result.duplicate, media };
}

interface Fetched {
  readonly media: MonitorIngestInput["media"];
  readonly unscanned: Unscanned | null;
}

async function fetchMedia(
  post: MonitorPost,
  channel: MonitorChannel,
  deps: IngestPostDeps,
): Promise<Fetched> {
  const media = post.media;
  if (media === null) return { media: [], unscanned: null };
  const skip = (reason: string): Fetched => ({
    media: [],
    unscanned: { reason, kind: media.kind, size: media.size },
  });
  if (!isScannable(media)) return skip("not-an-image-or-video");
  if (media.size !== null && media.size > deps.maxMediaBytes) return skip("too-large");
  try {
    const bytes = await deps.gate.run("download", () =>
      deps.client.download(channel, post, deps.maxMediaBytes),
    );
    const type = media.mimeType === null ? {} : { mimeType: media.mimeType };
    return { media: [{ bytes, ...type }], unscanned: null };
  } catch (error) {
    if (isMonitorError(error, "too-large")) return skip("too-large");
    if (isMonitorError(error, "gone")) return skip("gone");
    throw error;
  }
}
