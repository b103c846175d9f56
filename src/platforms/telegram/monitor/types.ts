/**
 * What the monitor knows about Telegram, as plain frozen data of our own. GramJS objects stop at
 * the adapter (gramjs/translate.ts): the loop, the evidence and the letters never see a bigInt,
 * a file reference or a TL class, so they can be stored, compared and tested as values.
 */

/** A public channel or supergroup, as resolved from its @username. */
export interface MonitorChannel {
  /** Telegram's channel id, unmarked (the digits MTProto uses). */
  readonly id: string;
  /**
   * The account's access hash for it: with the id, all MTProto needs to read the channel again,
   * so a restart does not spend one of the few username resolutions Telegram allows a day.
   */
  readonly accessHash: string;
  readonly username: string;
  readonly title: string;
  /** `channel` (broadcast) or `group` (public supergroup). */
  readonly kind: "channel" | "group";
}

export type MonitorMediaKind =
  "photo" | "video" | "animation" | "video_note" | "sticker" | "document" | "other";

export interface MonitorMedia {
  readonly kind: MonitorMediaKind;
  /** Declared size in bytes; null when Telegram did not say. */
  readonly size: number | null;
  readonly mimeType: string | null;
}

export interface MonitorPost {
  /** The Bot API's form of the channel id (`-100…`), so the bot and the monitor key a message alike. */
  readonly channelId: string;
  /** Null for a pushed update until the loop matches it to a watched channel. */
  readonly channelUsername: string | null;
  readonly messageId: number;
  /** ISO 8601, UTC. */
  readonly date: string;
  /** Set when the post was edited: each version is scanned (as the bot does). */
  readonly editDate: string | null;
  readonly text: string;
  readonly media: MonitorMedia | null;
  /** The sender in a group (a user id); null for channel posts, which the channel signs. */
  readonly authorId: string | null;
  /** The public link, https://t.me/<username>/<id>; null while the username is unknown. */
  readonly link: string | null;
}

/** The Bot API's marked id of a channel: `-100` and the channel id. */
export function markedChannelId(channelId: string): string {
  return `-100${channelId}`;
}

export function publicLink(username: string, messageId: number): string {
  return `https://t.me/${username}/${messageId}`;
}

/** A pushed post (no username in the update) completed with the watched channel it came from. */
export function withChannel(post: MonitorPost, channel: MonitorChannel): MonitorPost {
  return Object.freeze({
    ...post,
    channelUsername: channel.username,
    link: publicLink(channel.username, post.messageId),
  });
}

/**
 * Media the pipeline can hash: images and videos. Animated `.tgs` stickers (gzipped Lottie) and
 * other documents are not pictures: their post becomes a text-only item.
 */
export function isScannable(media: MonitorMedia): boolean {
  if (media.kind === "other") return false;
  if (media.kind !== "document" && media.kind !== "sticker") return true;
  return /^(image|video)\//.test(media.mimeType ?? "");
}
