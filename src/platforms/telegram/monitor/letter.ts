/**
 * Deletion requests written from the evidence: to the KCSC (방송통신심의위원회), which can
 * order Korean access providers to block and platforms to remove, or to a platform's abuse desk
 * (Telegram's by default). One structured JSON document and the same request as plain text in
 * Korean and in English (letter-text.ts), so an analyst can send it as it is or paste it into a
 * web form. It never describes the content, names the person shown, or attaches media.
 *
 * Child sexual abuse material is refused here: it goes to the police and the hotlines under the
 * organisation's legal duty, not into a generated letter. So is a match with neither an `ncii`
 * nor a `deepfake` label, since the letter says that is what each post is.
 */
import { createHash } from "node:crypto";
import { MonitorError } from "./errors.js";
import type { EvidenceRecord } from "./evidence.js";
import { englishLetter, koreanLetter } from "./letter-text.js";
import { isChildAbuse } from "./reasons.js";

export type LetterRecipient = "kcsc" | "abuse-desk";

export type LetterCategory = "deepfake" | "ncii" | "other";

export interface DeletionRequestOptions {
  readonly to: LetterRecipient;
  readonly requester: { readonly organisation: string; readonly contact: string };
  /** For `abuse-desk`; default Telegram's. */
  readonly desk?: { readonly name: string; readonly address: string };
  readonly now: Date;
}

export interface DeletionRequestItem {
  readonly link: string;
  readonly channel: { readonly username: string; readonly title: string; readonly kind: string };
  readonly messageId: number;
  readonly postedAt: string | null;
  readonly foundAt: string;
  readonly category: LetterCategory;
  readonly labels: readonly string[];
  readonly hashes: readonly { readonly kind: string; readonly value: string }[];
  readonly evidenceDigest: string;
  readonly reportedToTelegram: { readonly status: string; readonly at: string } | null;
}

export interface DeletionRequestJson {
  readonly kind: "vigil.deletion-request";
  readonly version: 1;
  /** SHA-256 over the items' evidence digests: the request's number. */
  readonly reference: string;
  readonly generatedAt: string;
  readonly to: {
    readonly kind: LetterRecipient;
    readonly name: string;
    readonly address: string | null;
  };
  readonly requester: DeletionRequestOptions["requester"];
  readonly items: readonly DeletionRequestItem[];
  /** Ids of the laws the Korean letter cites (letter-text.ts has their names). */
  readonly legalBasis: readonly string[];
}

export interface DeletionRequest {
  readonly json: DeletionRequestJson;
  readonly text: { readonly ko: string; readonly en: string };
}

export const TELEGRAM_ABUSE_DESK = { name: "Telegram abuse desk", address: "abuse@telegram.org" };

const KCSC = {
  name: "방송통신심의위원회 (Korea Communications Standards Commission)",
  address: null,
};

export function deletionRequest(
  records: readonly EvidenceRecord[],
  options: DeletionRequestOptions,
): DeletionRequest {
  if (records.length === 0) throw new MonitorError("invalid", "A deletion request needs evidence.");
  if (records.some((record) => isChildAbuse(record.labels))) {
    throw new MonitorError(
      "invalid",
      "Child sexual abuse material is not put in a generated letter: report it to the police and a hotline.",
      { reason: "child-abuse" },
    );
  }
  // The letter states what the posts are; a match on other grounds (a text rule) is not that.
  const unlabelled = records.find((record) => categoryOf(record.labels) === "other");
  if (unlabelled) {
    throw new MonitorError(
      "invalid",
      `${unlabelled.link} is not labelled ncii or deepfake: the letter would say what it is not.`,
      { reason: "unlabelled" },
    );
  }
  if (!options.requester.organisation.trim() || !options.requester.contact.trim()) {
    throw new MonitorError("invalid", "Name the requesting organisation and a contact.");
  }
  const items = records.map(toItem);
  const desk = options.desk ?? TELEGRAM_ABUSE_DESK;
  const json: DeletionRequestJson = {
    kind: "vigil.deletion-request",
    version: 1,
    reference: reference(items),
    generatedAt: options.now.toISOString(),
    to:
      options.to === "kcsc"
        ? { kind: "kcsc", ...KCSC }
        : { kind: "abuse-desk", name: desk.name, address: desk.address },
    requester: { organisation: options.requester.organisation, contact: options.requester.contact },
    items,
    legalBasis: legalBasis(items),
  };
  return { json, text: { ko: koreanLetter(json), en: englishLetter(json) } };
}

export function categoryOf(labels: readonly string[]): LetterCategory {
  if (labels.includes("deepfake")) return "deepfake";
  if (labels.includes("ncii")) return "ncii";
  return "other";
}

function toItem(record: EvidenceRecord): DeletionRequestItem {
  const reported = record.report;
  return {
    link: record.link,
    channel: {
      username: record.channel.username,
      title: record.channel.title,
      kind: record.channel.kind,
    },
    messageId: record.messageId,
    postedAt: record.postedAt,
    foundAt: record.foundAt,
    category: categoryOf(record.labels),
    labels: record.labels,
    hashes: record.hashes,
    evidenceDigest: record.digest,
    reportedToTelegram:
      reported && (reported.status === "reported" || reported.status === "reported-channel")
        ? { status: reported.status, at: reported.at }
        : null,
  };
}

function reference(items: readonly DeletionRequestItem[]): string {
  const digests = items.map((item) => item.evidenceDigest).sort();
  return createHash("sha256").update(digests.join("\n"), "utf8").digest("hex");
}

function legalBasis(items: readonly DeletionRequestItem[]): string[] {
  const laws = ["kr-network-act-44-7", "kr-kcc-act-21"];
  if (items.some((item) => item.category === "ncii")) laws.push("kr-sexual-crimes-act-14");
  if (items.some((item) => item.category === "deepfake")) laws.push("kr-sexual-crimes-act-14-2");
  return laws;
}
