/**
 * The watch list: public channels and groups analysts chose to watch. Entries are added by
 * username (parsed from whatever link the analyst pasted), resolved once — the id and access
 * hash are kept, because Telegram allows few username resolutions a day — and carry a cursor,
 * the highest message id read, so a restart reads on from where it stopped.
 */
import { parseChannelRef } from "./channel-ref.js";
import type { MonitorChannel } from "./types.js";

export interface WatchedChannel {
  /** The store's id of the entry. */
  readonly id: string;
  readonly username: string;
  /** Who added it (a moderator id), for the record of who looked where. */
  readonly addedBy: string;
  readonly addedAt: string;
  readonly note: string | null;
  /** Removed entries stay (evidence points at them) but are not read. */
  readonly active: boolean;
  /** Null until the first resolution. */
  readonly channel: MonitorChannel | null;
  /** Highest message id read; null before the first read, when the history window applies. */
  readonly cursor: number | null;
}

export interface NewWatchedChannel {
  readonly username: string;
  readonly addedBy: string;
  readonly note: string | null;
}

export interface WatchListStore {
  /** Every entry, active or not. Watch lists are small (hundreds), read whole each sweep. */
  list(): Promise<readonly WatchedChannel[]>;
  /** One entry per username: adding it again returns the first (re-activated if removed). */
  add(
    entry: NewWatchedChannel,
  ): Promise<{ readonly entry: WatchedChannel; readonly created: boolean }>;
  resolved(id: string, channel: MonitorChannel): Promise<void>;
  /** Moves the cursor forward only: a lower value is ignored. */
  advance(id: string, cursor: number): Promise<void>;
  setActive(id: string, active: boolean): Promise<void>;
}

/** What the API route and the console call: the input checked before anything is stored. */
export async function addToWatchList(
  store: WatchListStore,
  input: { readonly channel: string; readonly addedBy: string; readonly note?: string | null },
): Promise<{ readonly entry: WatchedChannel; readonly created: boolean }> {
  const { username } = parseChannelRef(input.channel);
  const note = input.note?.trim().slice(0, 500) || null;
  return store.add({ username, addedBy: input.addedBy, note });
}

/** The watched entry a post or a verdict belongs to, by the Bot API form of the channel id. */
export function entryForChannel(
  entries: readonly WatchedChannel[],
  markedChannelId: string,
): WatchedChannel | undefined {
  return entries.find((entry) => entry.channel && `-100${entry.channel.id}` === markedChannelId);
}
