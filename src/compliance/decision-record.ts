/**
 * One decision record: what was decided about a piece of content, by whom, on what grounds,
 * with what evidence — the one input every format the law asks for is made from (a statement of
 * reasons, a transparency report's counts, an evidence package). Built from the store's records
 * by record-from-store.ts; plain frozen data, so every format is a pure function of it.
 */
import type { IsoTimestamp, PolicyReason } from "../store/index.js";
import type { NoticeKind } from "./notice-kinds.js";

/** The verdicts and decisions that restrict content, and so owe a statement of reasons. */
export const RESTRICTIVE_ACTIONS = ["block", "remove", "remove_and_ban"] as const;
export type RestrictiveAction = (typeof RESTRICTIVE_ACTIONS)[number];

export type MediaKind = "image" | "video" | "text";

/** What brought the content to us. */
export type DecisionSource =
  | { readonly kind: "own-initiative" }
  | { readonly kind: "report" }
  | { readonly kind: "notice"; readonly noticeKind: NoticeKind; readonly trustedFlagger: boolean };

export interface DecisionRecord {
  /** Stable and unique per restriction (`item-<id>-<verdict>`, `decision-<id>`): the puid's root. */
  readonly id: string;
  readonly decidedBy: "automation" | "moderator";
  readonly action: RestrictiveAction;
  readonly reason: PolicyReason;
  readonly decidedAt: IsoTimestamp;
  /** When the content was posted, else when Vigil first saw it. */
  readonly contentAt: IsoTimestamp;
  readonly media: readonly MediaKind[];
  /** A provenance signal (C2PA, generator metadata) says the media was made by a machine. */
  readonly synthetic: boolean;
  readonly source: DecisionSource;
  /** Found by automated means (a bank match, a classifier, a rule), not by a person's report. */
  readonly automatedDetection: boolean;
  /**
   * The facts relied on, in words: rule explanations and match descriptions. They name banks,
   * rules, distances and scores — never a person, an account or message text.
   */
  readonly facts: readonly string[];
}

export function isRestrictive(action: string): action is RestrictiveAction {
  return (RESTRICTIVE_ACTIONS as readonly string[]).includes(action);
}
