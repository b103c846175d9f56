/**
 * The evidence of one match found in a public channel: where (public link, channel, message id),
 * when (posted, found), what decided it (verdict, labels, reasons) and the content's hashes —
 * never the media, unless the operator asked for copies (then apart, through `keepMedia`).
 * A SHA-256 digest over the canonical JSON of the record lets anyone check later that it was not
 * changed; the letters quote it.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../../../store/index.js";
import type { JsonValue } from "../../../core/index.js";
import type { ReportOutcome, TelegramReportReason } from "./client.js";
import type { MonitorChannel } from "./types.js";
import { publicLink } from "./types.js";

export interface MatchHash {
  /** `pdq`, `md5`, `sha256`, `vpdq`, as the item's signals name them. */
  readonly kind: string;
  readonly value: string;
}

/** A verdict on a monitored post, as the pipeline hands it back (the verdict port's message). */
export interface MonitorMatch {
  readonly itemId: string;
  /** The Bot API form (`-100…`), as on the item. */
  readonly channelId: string;
  readonly messageId: number;
  readonly postedAt: string | null;
  /** `allow`, `review`, `block`, `remove`, `remove_and_ban`. */
  readonly verdict: string;
  /** The matched banks' labels and the case's report reasons (`ncii`, `deepfake`, `csam`, …). */
  readonly labels: readonly string[];
  readonly reasons: readonly string[];
  readonly hashes: readonly MatchHash[];
  /** The victim's or the review case it belongs to, when there is one. */
  readonly caseId: string | null;
}

/** Verdicts that take content down: what is reported and asked to be deleted. */
export const TAKEDOWN_VERDICTS: ReadonlySet<string> = new Set([
  "block",
  "remove",
  "remove_and_ban",
]);

export interface MonitorEvidence {
  /** `monitor:<channel id>:<message id>`: one record per message. */
  readonly key: string;
  readonly itemId: string;
  readonly caseId: string | null;
  readonly platform: "telegram";
  readonly link: string;
  readonly channel: {
    readonly id: string;
    readonly username: string;
    readonly title: string;
    readonly kind: "channel" | "group";
  };
  readonly messageId: number;
  readonly postedAt: string | null;
  readonly foundAt: string;
  readonly verdict: string;
  readonly labels: readonly string[];
  readonly reasons: readonly string[];
  readonly hashes: readonly MatchHash[];
  /** hex SHA-256 of the canonical JSON of every field above. */
  readonly digest: string;
}

export interface ReportRecord {
  /** Telegram's answer; `gone` (deleted before we reported), `failed`, or `disabled` (reporting off). */
  readonly status: ReportOutcome["status"] | "gone" | "failed" | "disabled";
  readonly reason: TelegramReportReason;
  readonly path: readonly string[];
  readonly at: string;
  readonly error: string | null;
}

export interface EvidenceRecord extends MonitorEvidence {
  readonly report: ReportRecord | null;
  readonly mediaKept: boolean;
}

export interface EvidenceStore {
  /** First writer wins: a repeat returns the stored record with `created: false`. */
  save(
    evidence: MonitorEvidence,
  ): Promise<{ readonly record: EvidenceRecord; readonly created: boolean }>;
  recordReport(key: string, report: ReportRecord): Promise<void>;
  /** Only when the operator asked for copies (VIGIL_MONITOR_KEEP_MEDIA); never for child abuse. */
  keepMedia(key: string, bytes: Uint8Array, mimeType: string | null): Promise<void>;
  get(key: string): Promise<EvidenceRecord | null>;
}

export function evidenceKey(channelId: string, messageId: number): string {
  return `monitor:${channelId}:${messageId}`;
}

export function buildEvidence(
  match: MonitorMatch,
  channel: MonitorChannel,
  foundAt: Date,
): MonitorEvidence {
  const body = {
    key: evidenceKey(match.channelId, match.messageId),
    itemId: match.itemId,
    caseId: match.caseId,
    platform: "telegram" as const,
    link: publicLink(channel.username, match.messageId),
    channel: {
      id: match.channelId,
      username: channel.username,
      title: channel.title,
      kind: channel.kind,
    },
    messageId: match.messageId,
    postedAt: match.postedAt,
    foundAt: foundAt.toISOString(),
    verdict: match.verdict,
    labels: [...new Set(match.labels)].sort(),
    reasons: [...match.reasons],
    hashes: match.hashes.map((hash) => ({ kind: hash.kind, value: hash.value.toLowerCase() })),
  };
  return deepFreeze({ ...body, digest: evidenceDigest(body) });
}

/**
 * The digest a record carries: recompute it from a stored record (the report and media fields
 * beside it are not part of it) to check the evidence is as it was written.
 */
export function evidenceDigest(evidence: Omit<MonitorEvidence, "digest">): string {
  const body: Omit<MonitorEvidence, "digest"> = {
    key: evidence.key,
    itemId: evidence.itemId,
    caseId: evidence.caseId,
    platform: evidence.platform,
    link: evidence.link,
    channel: evidence.channel,
    messageId: evidence.messageId,
    postedAt: evidence.postedAt,
    foundAt: evidence.foundAt,
    verdict: evidence.verdict,
    labels: evidence.labels,
    reasons: evidence.reasons,
    hashes: evidence.hashes,
  };
  return createHash("sha256")
    .update(canonicalJson(body as unknown as JsonValue), "utf8")
    .digest("hex");
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
