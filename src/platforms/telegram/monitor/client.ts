/**
 * MonitorClient: the one port between the monitor and MTProto. It reads public channels and files
 * reports, and nothing else — no method posts, joins, leaves or reads private chats, so no code
 * above it can do any of that by mistake. The GramJS adapter (gramjs/adapter.ts) implements it;
 * tests drive the same adapter over a stand-in of GramJS answering with real TL objects.
 *
 * Every method may throw a MonitorError; `flood-wait` carries the seconds Telegram asked for.
 */
import type { MonitorChannel, MonitorPost } from "./types.js";

export interface HistoryPage {
  /** At most 100 (Telegram's cap per call). */
  readonly limit: number;
  /** Posts older than this id; 0 or absent: from the newest. */
  readonly offsetId?: number;
  /** Only posts newer than this id. */
  readonly minId?: number;
  /** Only posts older than this id: with minId, a range read oldest-first by the loop. */
  readonly maxId?: number;
}

/**
 * Why a post is reported. Our own names: the adapter maps them onto the options Telegram's
 * report flow offers (gramjs/report-flow.ts) or its older InputReportReason* classes.
 */
export type TelegramReportReason =
  "child-abuse" | "non-consensual-imagery" | "personal-details" | "other";

export interface ReportOutcome {
  /**
   * `reported`: Telegram accepted the message report. `reported-channel`: its message report
   * options offered nothing that fits, so the channel was reported with the older reason codes
   * and the message links in the text. `no-option`: neither was possible.
   */
  readonly status: "reported" | "reported-channel" | "no-option";
  /** The option texts chosen, in order (what Telegram showed, for the evidence record). */
  readonly path: readonly string[];
}

export type PostListener = (post: MonitorPost) => void;

export interface MonitorClient {
  /**
   * A public channel or supergroup by username (no `@`). Telegram allows few resolutions a day:
   * callers keep the answer (id and access hash) instead of resolving again.
   */
  resolve(username: string): Promise<MonitorChannel>;
  /** Posts of the channel, newest first (service messages left out). */
  history(channel: MonitorChannel, page: HistoryPage): Promise<readonly MonitorPost[]>;
  /**
   * New and edited posts Telegram pushes to this account. It pushes only for chats the account
   * is a member of (the analyst's own choice, made in the app); others are read by `history`.
   * Posts come with `channelUsername: null`. Returns the unsubscribe.
   */
  subscribe(listener: PostListener): () => void;
  /** The post's media, refused with `too-large` once more than `maxBytes` arrive. */
  download(channel: MonitorChannel, post: MonitorPost, maxBytes: number): Promise<Uint8Array>;
  /** Reports posts of a channel to Telegram's moderators, with a comment where one is asked for. */
  report(
    channel: MonitorChannel,
    messageIds: readonly number[],
    reason: TelegramReportReason,
    comment: string,
  ): Promise<ReportOutcome>;
}
