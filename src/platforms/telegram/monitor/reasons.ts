/**
 * Vigil's labels → the reason a post is reported to Telegram for. Bank labels (`ncii`,
 * `deepfake`, `csam`, …) and report reasons (`minor`) come with a match; the strongest wins:
 * anything involving a child first, then intimate imagery (a sexual deepfake harms the person
 * shown as a real picture does, so both go to the same category), then personal details.
 */
import type { TelegramReportReason } from "./client.js";

const CHILD = new Set(["csam", "minor", "child-abuse", "cse", "csem"]);
const INTIMATE = new Set(["ncii", "deepfake", "intimate", "sexual", "nudity", "sextortion"]);
const PERSONAL = new Set(["doxxing", "personal-details", "pii"]);

export function reportReasonFor(labels: readonly string[]): TelegramReportReason {
  const normal = labels.map((label) => label.trim().toLowerCase());
  if (normal.some((label) => CHILD.has(label))) return "child-abuse";
  if (normal.some((label) => INTIMATE.has(label))) return "non-consensual-imagery";
  if (normal.some((label) => PERSONAL.has(label))) return "personal-details";
  return "other";
}

/**
 * Child sexual abuse material is out of the monitor's letters and media retention: its copies
 * must not be kept by us (possessing them is a crime), and its reporting runs through the police
 * and hotlines under the organisation's legal duty, not a generated letter. Telegram is still
 * told, under its child abuse reason.
 */
export function isChildAbuse(labels: readonly string[]): boolean {
  return reportReasonFor(labels) === "child-abuse";
}
