/**
 * From the store's records to a decision record: an item's automatic verdict, or a moderator's
 * decision on a case. Read leniently (an evaluation's facts are JSON written by any Vigil
 * version): what cannot be read is left out, never guessed into a statement.
 *
 * Only what a statement may carry is taken: bank labels, classifier names, rule explanations and
 * the verdict's reasons (which name banks and rules, never people or text). A moderator's note
 * and an item's text and author are not read at all.
 */
import type {
  CaseItem,
  Decision,
  EvaluationRecord,
  IngestedRecord,
  PolicyReason,
  Report,
} from "../store/index.js";
import type { JsonValue } from "../core/index.js";
import {
  isRestrictive,
  type DecisionRecord,
  type DecisionSource,
  type MediaKind,
} from "./decision-record.js";

/** The strongest reason first: a match labelled both `ncii` and `minor` is about a minor. */
const REASON_ORDER: readonly PolicyReason[] = ["minor", "deepfake", "ncii", "harassment"];
/** The text-finding category that is harassment: threats, sextortion among them (docs/signals/text.md). */
const HARASSMENT_CATEGORIES = new Set(["threat"]);

export interface NoticeSource {
  readonly noticeKind: Extract<DecisionSource, { kind: "notice" }>["noticeKind"];
  readonly trustedFlagger: boolean;
}

/** The automatic verdict of an ingested item; null when it restricted nothing. */
export function recordFromItemVerdict(
  record: IngestedRecord,
  evaluation: EvaluationRecord | null,
  notice?: NoticeSource,
): DecisionRecord | null {
  const { item } = record;
  if (item.verdict === null || !isRestrictive(item.verdict)) return null;
  const facts = factsOf(evaluation);
  return Object.freeze({
    id: `item-${item.id}-${item.verdict}`,
    decidedBy: "automation",
    action: item.verdict,
    reason: reasonOf([...facts.labels, ...facts.reportReasons], facts.textCategories),
    decidedAt: item.processedAt ?? item.createdAt,
    contentAt: item.postedAt ?? item.createdAt,
    media: mediaOf(record),
    synthetic: facts.synthetic,
    source: sourceOf(notice, item.source === "report"),
    automatedDetection: true,
    facts: Object.freeze(item.reasons.length > 0 ? [...item.reasons] : facts.explanations),
  });
}

export interface CaseContext {
  readonly caseCreatedAt: string;
  readonly caseItems: readonly CaseItem[];
  readonly items: readonly IngestedRecord[];
  readonly evaluations: readonly EvaluationRecord[];
  readonly reports: readonly Report[];
  readonly notice?: NoticeSource;
}

/** A moderator's removal; null for `no_violation`, `escalate` and appeal outcomes. */
export function recordFromDecision(
  decision: Decision,
  context: CaseContext,
): DecisionRecord | null {
  if (!isRestrictive(decision.decision)) return null;
  const evaluations = new Map(context.evaluations.map((e) => [e.itemId, e]));
  const posted = context.items.map((r) => r.item.postedAt ?? r.item.createdAt).sort();
  const media = new Set(context.items.flatMap((r) => mediaOf(r)));
  if (media.size === 0 && context.reports.some((r) => r.contentHash !== null)) media.add("image");
  const byRule = context.caseItems.some((link) => link.ruleId !== null);
  const facts = [
    ...(context.reports.length > 0
      ? [`${context.reports.length} user report(s) about the content`]
      : []),
    ...context.items.flatMap((r) => r.item.reasons),
  ];
  return Object.freeze({
    id: `decision-${decision.id}`,
    decidedBy: "moderator",
    action: decision.decision,
    reason: decision.reason,
    decidedAt: decision.createdAt,
    contentAt: posted[0] ?? context.caseCreatedAt,
    media: Object.freeze([...media].sort()),
    synthetic: context.items.some((r) => factsOf(evaluations.get(r.item.id) ?? null).synthetic),
    source: sourceOf(context.notice, context.reports.length > 0 && !byRule),
    automatedDetection: byRule,
    facts: Object.freeze([...new Set(facts)]),
  });
}

function sourceOf(notice: NoticeSource | undefined, reported: boolean): DecisionSource {
  if (notice) return { kind: "notice", ...notice };
  return reported ? { kind: "report" } : { kind: "own-initiative" };
}

function reasonOf(labels: readonly string[], textCategories: readonly string[]): PolicyReason {
  const found = REASON_ORDER.find((reason) => labels.includes(reason));
  if (found) return found;
  return textCategories.some((c) => HARASSMENT_CATEGORIES.has(c)) ? "harassment" : "other";
}

/** Video when a video hash or type says so; an image when a PDQ or an image type does. */
function mediaOf(record: IngestedRecord): MediaKind[] {
  const kinds = new Set<MediaKind>();
  for (const signal of record.signals) {
    if (signal.signalType === "video") kinds.add("video");
    if (signal.signalType === "pdq") kinds.add("image");
  }
  for (const ref of record.item.media) {
    if (ref.mimeType?.startsWith("video/")) kinds.add("video");
    if (ref.mimeType?.startsWith("image/")) kinds.add("image");
  }
  if (kinds.size === 0 && record.signals.length > 0) kinds.add("image");
  if (kinds.size === 0 && record.item.text) kinds.add("text");
  return [...kinds].sort();
}

interface EvaluationFacts {
  readonly labels: string[];
  readonly reportReasons: string[];
  readonly textCategories: string[];
  readonly synthetic: boolean;
  readonly explanations: string[];
}

function factsOf(evaluation: EvaluationRecord | null): EvaluationFacts {
  const facts = evaluation?.facts ?? {};
  const labels = list(facts.bankMatches).flatMap((m) => strings(field(m, "labels")));
  const textCategories = list(facts.textFindings).flatMap((f) => strings([field(f, "category")]));
  const synthetic = list(facts.classifiers).some(
    (c) => field(c, "name") === "provenance.synthetic" && Number(field(c, "score")) >= 1,
  );
  const explanations = list(evaluation?.fired ?? null).flatMap((f) =>
    strings([field(f, "explanation")]),
  );
  return {
    labels,
    reportReasons: strings(facts.reportReasons),
    textCategories,
    synthetic,
    explanations,
  };
}

function list(value: JsonValue | undefined): readonly JsonValue[] {
  return Array.isArray(value) ? value : [];
}

function field(value: JsonValue, key: string): JsonValue | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Readonly<Record<string, JsonValue>>)[key]
    : undefined;
}

function strings(value: JsonValue | undefined | readonly (JsonValue | undefined)[]): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
