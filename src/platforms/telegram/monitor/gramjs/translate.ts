/**
 * GramJS objects → our plain frozen types. The only place that reads TL classes: ids and sizes
 * leave here as strings and numbers, dates as ISO strings, and nothing of a message that is not
 * needed (reactions, buttons, file references) goes any further.
 */
import { Api } from "telegram";
import { MonitorError } from "../errors.js";
import {
  markedChannelId,
  publicLink,
  type MonitorChannel,
  type MonitorMedia,
  type MonitorPost,
} from "../types.js";

/** The chat contacts.resolveUsername found, if it is a public channel or supergroup. */
export function toChannel(chat: Api.TypeChat | Api.TypeUser | undefined): MonitorChannel {
  if (chat instanceof Api.User) {
    throw new MonitorError("invalid", "That username belongs to a person or a bot, not a channel.");
  }
  if (!(chat instanceof Api.Channel)) {
    // ChannelForbidden (banned us), a basic group (never public), or nothing at all.
    throw new MonitorError("private", "That chat is not a public channel or group.");
  }
  const username = chat.username ?? chat.usernames?.find((name) => name.active)?.username;
  if (!username || chat.accessHash === undefined || chat.min) {
    throw new MonitorError("private", "That channel has no public username.");
  }
  return Object.freeze({
    id: chat.id.toString(),
    accessHash: chat.accessHash.toString(),
    username: username.toLowerCase(),
    title: chat.title,
    kind: chat.megagroup || chat.gigagroup ? "group" : "channel",
  });
}

/**
 * A channel message as a post; null for service messages (joins, pins) and empty ones, which
 * hold nothing to scan. `username` is null for pushed updates, which do not carry it.
 */
export function toPost(message: Api.TypeMessage, username: string | null): MonitorPost | null {
  if (!(message instanceof Api.Message)) return null;
  const peer = message.peerId;
  if (!(peer instanceof Api.PeerChannel)) return null;
  return Object.freeze({
    channelId: markedChannelId(peer.channelId.toString()),
    channelUsername: username,
    messageId: message.id,
    date: isoDate(message.date),
    editDate: message.editDate ? isoDate(message.editDate) : null,
    text: message.message ?? "",
    media: toMedia(message.media),
    authorId: authorOf(message),
    link: username === null ? null : publicLink(username, message.id),
  });
}

export function toMedia(media: Api.TypeMessageMedia | undefined): MonitorMedia | null {
  if (media === undefined || media instanceof Api.MessageMediaEmpty) return null;
  if (media instanceof Api.MessageMediaPhoto) return photoMedia(media.photo);
  if (media instanceof Api.MessageMediaDocument) return documentMedia(media.document);
  // A link preview shows a picture or a video as a post would: it is scanned the same way.
  if (media instanceof Api.MessageMediaWebPage && media.webpage instanceof Api.WebPage) {
    if (media.webpage.document) return documentMedia(media.webpage.document);
    if (media.webpage.photo) return photoMedia(media.webpage.photo);
    return null;
  }
  return frozen("other", null, null);
}

function photoMedia(photo: Api.TypePhoto | undefined): MonitorMedia {
  if (!(photo instanceof Api.Photo)) return frozen("other", null, null);
  // downloadMedia takes the largest size; its declared bytes are what the limit is checked on.
  let largest = 0;
  for (const size of photo.sizes) {
    if (size instanceof Api.PhotoSize) largest = Math.max(largest, size.size);
    else if (size instanceof Api.PhotoSizeProgressive) largest = Math.max(largest, ...size.sizes);
    else if (size instanceof Api.PhotoCachedSize) largest = Math.max(largest, size.bytes.length);
  }
  return frozen("photo", largest > 0 ? largest : null, "image/jpeg");
}

function documentMedia(document: Api.TypeDocument | undefined): MonitorMedia {
  // An expired self-destructing file leaves an empty document behind.
  if (!(document instanceof Api.Document)) return frozen("other", null, null);
  const size = Number(document.size.toString());
  const mime = document.mimeType || null;
  const attributes = document.attributes;
  const video = attributes.find((a) => a instanceof Api.DocumentAttributeVideo);
  let kind: MonitorMedia["kind"] = "document";
  if (attributes.some((a) => a instanceof Api.DocumentAttributeSticker)) kind = "sticker";
  else if (attributes.some((a) => a instanceof Api.DocumentAttributeAnimated)) kind = "animation";
  else if (video) kind = video.roundMessage ? "video_note" : "video";
  return frozen(kind, Number.isSafeInteger(size) && size >= 0 ? size : null, mime);
}

function authorOf(message: Api.Message): string | null {
  // Channel posts are signed by the channel: no person to name.
  if (message.post) return null;
  const from = message.fromId;
  if (from instanceof Api.PeerUser) return from.userId.toString();
  // A member writing as a channel, or an anonymous admin: the channel stands in for them.
  if (from instanceof Api.PeerChannel) return markedChannelId(from.channelId.toString());
  return null;
}

function isoDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

function frozen(
  kind: MonitorMedia["kind"],
  size: number | null,
  mimeType: string | null,
): MonitorMedia {
  return Object.freeze({ kind, size, mimeType });
}
