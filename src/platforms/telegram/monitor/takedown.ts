/**
 * What happens when the pipeline decides a monitored post must come down: the evidence is
 * recorded, a copy of the media kept only if the operator asked (and never for child abuse
 * material), and the post reported to Telegram's moderators with the reason its labels call for.
 * The deletion request letters are written from the evidence on demand (letter.ts).
 *
 * Idempotent: a verdict delivered twice finds its evidence and its report already made. The
 * order matters — media is kept before the report, since a report may get the post deleted.
 */
import type { CallGate } from "./call-gate.js";
import type { MonitorClient } from "./client.js";
import { isMonitorError, isRetryable, MonitorError } from "./errors.js";
import {
  buildEvidence,
  TAKEDOWN_VERDICTS,
  type EvidenceRecord,
  type EvidenceStore,
  type MonitorMatch,
  type ReportRecord,
} from "./evidence.js";
import type { MonitorHealth } from "./health.js";
import type { MonitorLog } from "./monitor.js";
import { isChildAbuse, reportReasonFor } from "./reasons.js";
import type { MonitorChannel, MonitorPost } from "./types.js";
import { entryForChannel, type WatchListStore } from "./watch-list.js";

export interface TakedownOptions {
  readonly client: MonitorClient;
  readonly gate: CallGate;
  readonly evidence: EvidenceStore;
  readonly watchList: WatchListStore;
  readonly health: MonitorHealth;
  readonly report: "auto" | "off";
  readonly keepMedia: boolean;
  readonly maxMediaBytes: number;
  /** Named in the report's comment, so Telegram's moderators know who is asking. */
  readonly organisation: string | null;
  readonly log?: MonitorLog;
  readonly clock?: () => Date;
}

export interface TakedownOutcome {
  readonly status: "ignored" | "recorded" | "already-reported" | ReportRecord["status"];
  readonly evidence: EvidenceRecord | null;
}

// Once one of these is recorded, a repeat of the verdict does not report again.
const FINAL: ReadonlySet<string> = new Set(["reported", "reported-channel", "gone", "disabled"]);

export class MonitorTakedown {
  private readonly clock: () => Date;

  constructor(private readonly options: TakedownOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /**
   * Handles one verdict. Throws only what a retry can fix (a flood wait, the network), so the
   * caller's queue tries again; everything else is recorded and returned.
   */
  async handle(match: MonitorMatch): Promise<TakedownOutcome> {
    if (!TAKEDOWN_VERDICTS.has(match.verdict)) return { status: "ignored", evidence: null };
    const { evidence: store, health } = this.options;
    const entry = entryForChannel(await this.options.watchList.list(), match.channelId);
    if (!entry?.channel) {
      throw new MonitorError(
        "not-found",
        "The match is from a channel the watch list does not hold.",
        {
          channelId: match.channelId,
        },
      );
    }
    const channel = entry.channel;
    const { record, created } = await store.save(buildEvidence(match, channel, this.clock()));
    if (created) health.count(entry.id, "matches");
    if (record.report && FINAL.has(record.report.status)) {
      return { status: "already-reported", evidence: record };
    }
    const reason = reportReasonFor(match.labels);
    if (created && this.options.keepMedia && !isChildAbuse(match.labels)) {
      await this.keepMedia(record, channel, match);
    }
    if (this.options.report === "off") {
      await store.recordReport(record.key, this.reportRecord("disabled", reason));
      return { status: "disabled", evidence: await store.get(record.key) };
    }
    let report: ReportRecord;
    try {
      const outcome = await this.options.gate.run("report", () =>
        this.options.client.report(channel, [match.messageId], reason, this.comment(record)),
      );
      report = this.reportRecord(outcome.status, reason, outcome.path);
      if (outcome.status !== "no-option") health.count(entry.id, "reportsFiled");
      else health.count(entry.id, "reportsFailed");
    } catch (error) {
      if (isMonitorError(error, "gone")) {
        report = this.reportRecord("gone", reason);
      } else {
        health.count(entry.id, "reportsFailed");
        const problem = health.problem(error, entry.id);
        this.options.log?.warn(
          { channel: channel.username, kind: problem.kind },
          "A report failed.",
        );
        if (isRetryable(error)) throw error;
        report = this.reportRecord("failed", reason, [], problem.message);
      }
    }
    await store.recordReport(record.key, report);
    return { status: report.status, evidence: await store.get(record.key) };
  }

  private async keepMedia(record: EvidenceRecord, channel: MonitorChannel, match: MonitorMatch) {
    const { client, gate, evidence, maxMediaBytes } = this.options;
    try {
      // The item kept no media: fetch the post again for the copy the operator asked for.
      const post = await this.postFor(channel, match);
      if (!post?.media) return;
      const bytes = await gate.run("download", () => client.download(channel, post, maxMediaBytes));
      await evidence.keepMedia(record.key, bytes, post.media.mimeType);
    } catch (error) {
      // A copy is a nice-to-have: its failure never holds back the report.
      const problem = this.options.health.problem(error);
      this.options.log?.warn(
        { channel: channel.username, kind: problem.kind },
        "The media copy failed.",
      );
    }
  }

  private async postFor(
    channel: MonitorChannel,
    match: MonitorMatch,
  ): Promise<MonitorPost | undefined> {
    const page = await this.options.gate.run("history", () =>
      this.options.client.history(channel, {
        limit: 1,
        minId: match.messageId - 1,
        maxId: match.messageId + 1,
      }),
    );
    return page.find((post) => post.messageId === match.messageId);
  }

  private comment(record: EvidenceRecord): string {
    const who = this.options.organisation ?? "Vigil";
    // No description of the content and no word about the person shown: labels and a reference.
    return `${who}: matches known ${record.labels.join("/") || "harmful"} content (hash match). Ref ${record.digest.slice(0, 16)}.`;
  }

  private reportRecord(
    status: ReportRecord["status"],
    reason: ReportRecord["reason"],
    path: readonly string[] = [],
    error: string | null = null,
  ): ReportRecord {
    return { status, reason, path, at: this.clock().toISOString(), error };
  }
}
