/**
 * The monitor's loop. Every sweep reads each active watched channel: resolving it once, reading
 * the history window on first sight, then what came after its cursor; between sweeps it waits
 * `pollSeconds`. Posts Telegram pushes (for channels the account has joined) are handled as they
 * arrive. Every post goes through the IngestPort; the cursor moves past a post only once it was
 * accepted, so a failure means the post is read again, never skipped.
 *
 * It reads only channels on the watch list: a pushed post from any other chat the account is in
 * is dropped unread. It never posts and never joins: the port it is given cannot.
 */
import type { CallGate } from "./call-gate.js";
import type { MonitorClient } from "./client.js";
import { isMonitorError } from "./errors.js";
import type { MonitorHealth } from "./health.js";
import { readAfter, readWindow } from "./history.js";
import { ingestMonitorPost } from "./ingest-post.js";
import type { IngestPort } from "./ingest-port.js";
import { withChannel, type MonitorChannel, type MonitorPost } from "./types.js";
import { entryForChannel, type WatchedChannel, type WatchListStore } from "./watch-list.js";

export interface MonitorLog {
  info(details: Readonly<Record<string, unknown>>, message: string): void;
  warn(details: Readonly<Record<string, unknown>>, message: string): void;
}

export interface ChannelMonitorOptions {
  readonly client: MonitorClient;
  readonly watchList: WatchListStore;
  readonly ingest: IngestPort;
  readonly health: MonitorHealth;
  readonly gate: CallGate;
  readonly historyPosts: number;
  readonly historyDays: number;
  readonly pollSeconds: number;
  readonly maxMediaBytes: number;
  /** Ranges of 100 ids read per channel and sweep, so one busy channel cannot starve the rest. */
  readonly maxPagesPerSweep?: number;
  readonly log?: MonitorLog;
  readonly clock?: () => Date;
  readonly sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface SweepResult {
  readonly channels: number;
  readonly posts: number;
  readonly failed: number;
}

const QUIET: MonitorLog = { info: () => undefined, warn: () => undefined };

export class ChannelMonitor {
  private readonly log: MonitorLog;
  private readonly clock: () => Date;
  private watched: readonly WatchedChannel[] = [];
  private pushed: Promise<void> = Promise.resolve();
  private running: Promise<void> | null = null;
  private readonly stopping = new AbortController();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: ChannelMonitorOptions) {
    this.log = options.log ?? QUIET;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Subscribes to pushed posts and sweeps until `stop`. */
  start(): void {
    if (this.running) return;
    this.unsubscribe = this.options.client.subscribe((post) => this.onPushed(post));
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.unsubscribe?.();
    await this.running;
    await this.pushed;
    this.options.health.stopped();
  }

  /** One pass over the watch list. */
  async sweep(): Promise<SweepResult> {
    const { health, watchList } = this.options;
    this.watched = await watchList.list();
    let posts = 0;
    let failed = 0;
    let channels = 0;
    for (const entry of this.watched) {
      if (!entry.active || this.stopping.signal.aborted) continue;
      channels++;
      health.track(entry.id, entry.username);
      try {
        posts += await this.readEntry(entry);
        health.read(entry.id);
      } catch (error) {
        failed++;
        const problem = health.problem(error, entry.id);
        this.log.warn({ channel: entry.username, kind: problem.kind }, problem.message);
        // A signed-out session fails every call: no point trying the other channels.
        if (isMonitorError(error, "unauthorized")) break;
      }
    }
    return { channels, posts, failed };
  }

  /** Waits for the pushed posts handed over so far to be handled (tests, shutdown). */
  settled(): Promise<void> {
    return this.pushed;
  }

  private async loop(): Promise<void> {
    const sleep = this.options.sleep ?? abortableSleep;
    while (!this.stopping.signal.aborted) {
      await this.sweep().catch((error: unknown) => {
        // The watch list itself could not be read (the database): try again next time.
        const problem = this.options.health.problem(error);
        this.log.warn({ kind: problem.kind }, problem.message);
      });
      if (this.stopping.signal.aborted) break;
      await sleep(this.options.pollSeconds * 1000, this.stopping.signal);
    }
  }

  private async readEntry(entry: WatchedChannel): Promise<number> {
    const channel = entry.channel ?? (await this.resolve(entry));
    const { client, gate } = this.options;
    if (entry.cursor === null) {
      const window = await readWindow(client, gate, channel, {
        posts: this.options.historyPosts,
        days: this.options.historyDays,
        now: this.clock(),
      });
      await this.ingestInOrder(entry, channel, window.posts);
      // Past the window's newest id even when the window was empty (0 posts or days asked).
      if (window.newestId > 0) await this.options.watchList.advance(entry.id, window.newestId);
      return window.posts.length;
    }
    const after = await readAfter(
      client,
      gate,
      channel,
      entry.cursor,
      this.options.maxPagesPerSweep ?? 10,
    );
    await this.ingestInOrder(entry, channel, after.posts);
    if (after.cursor > entry.cursor) await this.options.watchList.advance(entry.id, after.cursor);
    return after.posts.length;
  }

  private async resolve(entry: WatchedChannel): Promise<MonitorChannel> {
    const channel = await this.options.gate.run("resolve", () =>
      this.options.client.resolve(entry.username),
    );
    await this.options.watchList.resolved(entry.id, channel);
    // Posts pushed from now on are matched to it without waiting for the next sweep.
    this.watched = this.watched.map((e) => (e.id === entry.id ? { ...e, channel } : e));
    this.log.info(
      { channel: entry.username, id: channel.id, kind: channel.kind },
      "Resolved a watched channel.",
    );
    return channel;
  }

  private async ingestInOrder(
    entry: WatchedChannel,
    channel: MonitorChannel,
    posts: readonly MonitorPost[],
  ): Promise<void> {
    for (const post of posts) {
      await this.ingest(entry, channel, post);
      await this.options.watchList.advance(entry.id, post.messageId);
    }
  }

  private async ingest(entry: WatchedChannel, channel: MonitorChannel, post: MonitorPost) {
    const outcome = await ingestMonitorPost(post, channel, {
      client: this.options.client,
      ingest: this.options.ingest,
      gate: this.options.gate,
      maxMediaBytes: this.options.maxMediaBytes,
      clock: this.clock,
    });
    if (!outcome.duplicate) this.options.health.postSeen(entry.id, post.date, outcome.media);
  }

  private onPushed(post: MonitorPost): void {
    const entry = entryForChannel(this.watched, post.channelId);
    // Not on the watch list (another chat the analyst's account is in): not ours to read.
    if (!entry || !entry.active || !entry.channel) return;
    const channel = entry.channel;
    this.pushed = this.pushed.then(async () => {
      if (this.stopping.signal.aborted) return;
      try {
        await this.ingest(entry, channel, withChannel(post, channel));
      } catch (error) {
        const problem = this.options.health.problem(error, entry.id);
        this.log.warn({ channel: entry.username, kind: problem.kind }, problem.message);
      }
    });
  }
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
