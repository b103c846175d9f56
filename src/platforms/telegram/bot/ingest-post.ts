/**
 * A post in a watched chat → one content item. The media is fetched through getFile and the
 * file URL (which holds the token: never logged, never stored), handed to the engine's
 * IngestService as bytes — hashed there and dropped — and never kept here either. Media the bot
 * cannot scan (over the Bot API's 20 MB download limit, or not decodable) still makes an item,
 * with its text, and an action-log record `telegram.unscanned` saying why.
 */
import { VigilError } from "../../../core/index.js";
import type { IngestMedia, IngestService } from "../../../engine/index.js";
import type { IngestedItem, Store } from "../../../store/index.js";
import { BOT_API_DOWNLOAD_LIMIT, type TelegramApi } from "./api.js";
import { TELEGRAM_SOURCE } from "./sink.js";
import type { TelegramPost } from "./update.js";

export interface IngestPostDeps {
  readonly store: Store;
  readonly ingest: IngestService;
  readonly telegram: TelegramApi;
  /** Default: the Bot API's 20 MB. */
  readonly maxFileBytes?: number;
}

/** One item per message, however often Telegram delivers the update. */
export function postKey(chatId: number | string, messageId: number | string): string {
  return `telegram:${chatId}:${messageId}`;
}

/** The case's reference to a message, as reports carry it. */
export const postRef = postKey;

export async function ingestPost(post: TelegramPost, deps: IngestPostDeps): Promise<IngestedItem> {
  // Each version of an edited message is scanned: the edit time tells the versions apart.
  const key =
    postKey(post.chat.id, post.messageId) + (post.editDate ? `:edit:${post.editDate}` : "");
  // A redelivered update or a /report of a message seen before: no second download.
  const seen = await deps.store.items.getByKey(key);
  if (seen) return seen;
  const fetched = post.media ? await fetchMedia(post, deps) : { media: [] };
  const base = {
    source: TELEGRAM_SOURCE,
    idempotencyKey: key,
    platform: "telegram",
    channelId: String(post.chat.id),
    externalId: String(post.messageId),
    authorId: post.authorId === undefined ? null : String(post.authorId),
    visibility: post.chat.type === "private" ? ("private" as const) : ("public" as const),
    text: post.text ?? null,
    postedAt: post.date > 0 ? new Date(post.date * 1000).toISOString() : null,
  };
  let unscanned = fetched.unscanned;
  let result;
  try {
    result = await deps.ingest.accept({ ...base, media: fetched.media });
  } catch (error) {
    // Bytes that do not decode (an animated sticker, a broken file): the message still counts.
    if (!(error instanceof VigilError) || !error.code.startsWith("media/")) throw error;
    unscanned = { reason: error.code, ...(post.media ? { kind: post.media.kind } : {}) };
    result = await deps.ingest.accept({ ...base, media: [] });
  }
  if (unscanned) {
    await deps.store.actionLog.record({
      key: `telegram:unscanned:${result.id}`,
      kind: "telegram.unscanned",
      subjectType: "item",
      subjectId: result.id,
      target: "telegram",
      outcome: "skipped",
      detail: { ...unscanned, chatId: base.channelId, messageId: base.externalId },
    });
  }
  const item = await deps.store.items.getByKey(key);
  if (!item) throw new VigilError("store/not-found", "The accepted item is missing.");
  return item;
}

interface Fetched {
  readonly media: IngestMedia[];
  readonly unscanned?: { reason: string; kind?: string; fileSize?: number };
}

async function fetchMedia(post: TelegramPost, deps: IngestPostDeps): Promise<Fetched> {
  const media = post.media!;
  const limit = deps.maxFileBytes ?? BOT_API_DOWNLOAD_LIMIT;
  const tooLarge = (size: number | undefined): Fetched => ({
    media: [],
    unscanned: {
      reason: "too-large",
      kind: media.kind,
      ...(size !== undefined ? { fileSize: size } : {}),
    },
  });
  // Telegram refuses getFile past 20 MB; the declared size saves the round trip.
  if (media.fileSize !== undefined && media.fileSize > limit) return tooLarge(media.fileSize);
  let file;
  try {
    file = await deps.telegram.api.getFile(media.fileId);
  } catch (error) {
    if (/file is too big/i.test(error instanceof Error ? error.message : ""))
      return tooLarge(undefined);
    throw error;
  }
  if (file.file_size !== undefined && file.file_size > limit) return tooLarge(file.file_size);
  if (!file.file_path)
    return { media: [], unscanned: { reason: "no-file-path", kind: media.kind } };
  try {
    const bytes = await deps.telegram.download(file.file_path, limit);
    return { media: [media.mimeType ? { bytes, mimeType: media.mimeType } : { bytes }] };
  } catch (error) {
    if (error instanceof VigilError && error.code === "fetch/too-large")
      return tooLarge(file.file_size);
    throw error;
  }
}
