/**
 * Channel health: per watched channel, posts seen, media scanned and skipped, matches, reports
 * filed and failed, the last read and the last error — and for the monitor as a whole, whether
 * the session works and how often Telegram asked us to wait. Plain data for /healthz, the
 * console and /metrics (`metrics()` gives Prometheus samples); nothing here stops the process.
 */
import { isMonitorError } from "./errors.js";

export type MonitorStatus = "starting" | "ok" | "degraded" | "unauthorized" | "stopped";

export interface MonitorProblem {
  readonly kind: string;
  /** A MonitorError's message, which names no secret and no content. */
  readonly message: string;
  readonly at: string;
}

export interface ChannelHealthView {
  /** The watch list entry's id. */
  readonly entryId: string;
  readonly username: string;
  readonly postsSeen: number;
  readonly mediaScanned: number;
  readonly mediaSkipped: number;
  readonly matches: number;
  readonly reportsFiled: number;
  readonly reportsFailed: number;
  readonly lastPostAt: string | null;
  readonly lastReadAt: string | null;
  readonly lastError: MonitorProblem | null;
}

export interface MonitorHealthView {
  readonly status: MonitorStatus;
  /** `@username` or the id of the analyst account; null before sign-in. */
  readonly account: string | null;
  readonly floodWaits: number;
  readonly lastFloodWait: {
    readonly call: string;
    readonly seconds: number;
    readonly at: string;
  } | null;
  readonly lastProblem: MonitorProblem | null;
  readonly channels: readonly ChannelHealthView[];
}

export interface MetricSample {
  readonly name: string;
  readonly help: string;
  readonly type: "counter" | "gauge";
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

type Counter =
  "postsSeen" | "mediaScanned" | "mediaSkipped" | "matches" | "reportsFiled" | "reportsFailed";

interface ChannelState {
  username: string;
  counts: Record<Counter, number>;
  lastPostAt: string | null;
  lastReadAt: string | null;
  lastError: MonitorProblem | null;
}

const COUNTERS: ReadonlyArray<readonly [Counter, string, string]> = [
  ["postsSeen", "vigil_monitor_posts_seen_total", "Posts the monitor read, by channel"],
  [
    "mediaScanned",
    "vigil_monitor_media_scanned_total",
    "Media downloaded and sent to the pipeline",
  ],
  [
    "mediaSkipped",
    "vigil_monitor_media_skipped_total",
    "Media not scanned (too large, not a picture, gone)",
  ],
  ["matches", "vigil_monitor_matches_total", "Posts the pipeline decided to take down"],
  ["reportsFiled", "vigil_monitor_reports_filed_total", "Reports Telegram accepted"],
  ["reportsFailed", "vigil_monitor_reports_failed_total", "Reports that could not be filed"],
];

export class MonitorHealth {
  private status: MonitorStatus = "starting";
  private account: string | null = null;
  private floodWaits = 0;
  private lastFloodWait: MonitorHealthView["lastFloodWait"] = null;
  private lastProblem: MonitorProblem | null = null;
  private readonly channels = new Map<string, ChannelState>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  signedIn(account: string): void {
    this.account = account;
    this.status = "ok";
  }

  stopped(): void {
    this.status = "stopped";
  }

  /** Makes the entry show up (with zeros) before anything happened to it. */
  track(entryId: string, username: string): void {
    const state = this.channels.get(entryId);
    if (state) state.username = username;
    else this.channels.set(entryId, fresh(username));
  }

  /** A read of the channel succeeded: its last error is history, the monitor is ok again. */
  read(entryId: string): void {
    const state = this.state(entryId);
    state.lastReadAt = this.now();
    state.lastError = null;
    if (this.status === "degraded") this.status = "ok";
  }

  postSeen(entryId: string, postedAt: string, media: "scanned" | "skipped" | "none"): void {
    const state = this.state(entryId);
    state.counts.postsSeen++;
    if (media === "scanned") state.counts.mediaScanned++;
    if (media === "skipped") state.counts.mediaSkipped++;
    if (state.lastPostAt === null || postedAt > state.lastPostAt) state.lastPostAt = postedAt;
  }

  count(entryId: string, counter: "matches" | "reportsFiled" | "reportsFailed"): void {
    this.state(entryId).counts[counter]++;
  }

  floodWait(call: string, seconds: number): void {
    this.floodWaits++;
    this.lastFloodWait = { call, seconds, at: this.now() };
  }

  /** Records a failure, on a channel when it concerns one; returns it for the log. */
  problem(error: unknown, entryId?: string): MonitorProblem {
    const found: MonitorProblem = {
      kind: isMonitorError(error) ? error.kind : "other",
      message: isMonitorError(error) ? error.message.slice(0, 300) : "Unexpected error.",
      at: this.now(),
    };
    this.lastProblem = found;
    if (entryId !== undefined) this.state(entryId).lastError = found;
    if (found.kind === "unauthorized") this.status = "unauthorized";
    else if (this.status === "ok") this.status = "degraded";
    return found;
  }

  view(): MonitorHealthView {
    return {
      status: this.status,
      account: this.account,
      floodWaits: this.floodWaits,
      lastFloodWait: this.lastFloodWait,
      lastProblem: this.lastProblem,
      channels: [...this.channels].map(([entryId, state]) => ({
        entryId,
        username: state.username,
        ...state.counts,
        lastPostAt: state.lastPostAt,
        lastReadAt: state.lastReadAt,
        lastError: state.lastError,
      })),
    };
  }

  /** Prometheus samples; channels are labelled by username (the watch list bounds them). */
  metrics(): MetricSample[] {
    const samples: MetricSample[] = [];
    for (const state of this.channels.values()) {
      for (const [counter, name, help] of COUNTERS) {
        samples.push({
          name,
          help,
          type: "counter",
          labels: { channel: state.username },
          value: state.counts[counter],
        });
      }
    }
    samples.push({
      name: "vigil_monitor_flood_waits_total",
      help: "FLOOD_WAIT answers from Telegram",
      type: "counter",
      labels: {},
      value: this.floodWaits,
    });
    samples.push({
      name: "vigil_monitor_up",
      help: "1 when the monitor's session works and its last read succeeded",
      type: "gauge",
      labels: {},
      value: this.status === "ok" ? 1 : 0,
    });
    return samples;
  }

  private state(entryId: string): ChannelState {
    let state = this.channels.get(entryId);
    if (!state) {
      state = fresh(entryId);
      this.channels.set(entryId, state);
    }
    return state;
  }

  private now(): string {
    return this.clock().toISOString();
  }
}

function fresh(username: string): ChannelState {
  return {
    username,
    counts: {
      postsSeen: 0,
      mediaScanned: 0,
      mediaSkipped: 0,
      matches: 0,
      reportsFiled: 0,
      reportsFailed: 0,
    },
    lastPostAt: null,
    lastReadAt: null,
    lastError: null,
  };
}
