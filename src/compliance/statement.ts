/**
 * buildStatement: a restrictive decision record in, a DSA statement of reasons out, in the
 * Transparency Database's fields. Pure: the same record and settings always give the same
 * statement, which is what lets a statement be rebuilt, compared and re-sent safely.
 *
 * Mappings, and why:
 * - reason → category and keywords: NCII and deepfakes are cyber violence
 *   (KEYWORD_NON_CONSENSUAL_IMAGE_SHARING, KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE); a minor is
 *   protection of minors (KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL[_DEEPFAKE]). The "against women"
 *   variants are never used: choosing them would mean inferring the gender of the person shown.
 * - a provenance signal adds CONTENT_TYPE_SYNTHETIC_MEDIA and the deepfake keyword.
 * - block → content disabled (it never went up); remove → removed; remove_and_ban → removed and
 *   the account suspended or terminated (settings).
 * - own initiative → SOURCE_VOLUNTARY; a DSA notice → SOURCE_ARTICLE_16 (a trusted flagger's →
 *   SOURCE_TRUSTED_FLAGGER); other notices and user reports → SOURCE_TYPE_OTHER_NOTIFICATION.
 * - `source_identity` and `content_language` are never sent: the first names the notifier, the
 *   second would be guessed.
 */
import type { DecisionRecord } from "./decision-record.js";
import { isRestrictive } from "./decision-record.js";
import { scrubPersonalData } from "./privacy.js";
import { checkStatement } from "./sor-check.js";
import { DEFAULT_STATEMENT_SETTINGS, type StatementSettings } from "./sor-settings.js";
import { classify } from "./categories.js";
import type {
  ContentType,
  DecisionVisibility,
  SourceType,
  StatementOfReasons,
} from "./sor-types.js";
import { SOR_LIMITS } from "./sor-types.js";
import { decisionSentence, REASON_EXPLANATIONS, sourceSentence } from "./sor-words.js";
import { utcDate } from "./time.js";

export function buildStatement(
  record: DecisionRecord,
  settings: StatementSettings = DEFAULT_STATEMENT_SETTINGS,
): StatementOfReasons {
  if (!isRestrictive(record.action)) {
    throw new RangeError(
      `a ${String(record.action)} decision restricts nothing and owes no statement`,
    );
  }
  const { category, keywords } = classify(record.reason, record.synthetic);
  const explanation = REASON_EXPLANATIONS[record.reason];
  // "other" has no legal ground of its own: it rests on the terms whatever the setting.
  const illegal = settings.ground === "illegal" && record.reason !== "other";
  const contentTypes = contentTypesOf(record);
  const statement: StatementOfReasons = {
    decision_visibility: [visibilityOf(record)],
    ...(record.action === "remove_and_ban"
      ? {
          decision_account:
            settings.banMeans === "terminated"
              ? "DECISION_ACCOUNT_TERMINATED"
              : "DECISION_ACCOUNT_SUSPENDED",
        }
      : {}),
    ...(illegal
      ? {
          decision_ground: "DECISION_GROUND_ILLEGAL_CONTENT",
          illegal_content_legal_ground: settings.legalGrounds[record.reason],
          illegal_content_explanation: explanation,
        }
      : {
          decision_ground: "DECISION_GROUND_INCOMPATIBLE_CONTENT",
          incompatible_content_ground: settings.termsGround,
          incompatible_content_explanation: explanation,
          incompatible_content_illegal: record.reason === "other" ? "No" : "Yes",
        }),
    ...(settings.termsUrl === null ? {} : { decision_ground_reference_url: settings.termsUrl }),
    category,
    ...(keywords.length > 0 ? { category_specification: [...keywords] } : {}),
    content_type: contentTypes,
    ...(contentTypes.includes("CONTENT_TYPE_OTHER")
      ? { content_type_other: "Media of a type Vigil did not record" }
      : {}),
    content_date: contentDate(record),
    application_date: utcDate(record.decidedAt),
    decision_facts: decisionFacts(record),
    source_type: sourceTypeOf(record, settings),
    automated_detection: record.automatedDetection ? "Yes" : "No",
    automated_decision:
      record.decidedBy === "automation"
        ? "AUTOMATED_DECISION_FULLY"
        : "AUTOMATED_DECISION_NOT_AUTOMATED",
    territorial_scope: settings.territorialScope,
    puid: puidOf(record.id),
  };
  checkStatement(statement);
  return Object.freeze(statement);
}

/** The platform-unique id: the record's id with anything outside the API's alphabet replaced. */
export function puidOf(recordId: string): string {
  const puid = `vigil-${recordId.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  if (puid.length > SOR_LIMITS.puid)
    throw new RangeError("a decision record id longer than 490 characters");
  return puid;
}

function visibilityOf(record: DecisionRecord): DecisionVisibility {
  return record.action === "block"
    ? "DECISION_VISIBILITY_CONTENT_DISABLED"
    : "DECISION_VISIBILITY_CONTENT_REMOVED";
}

/** Sorted and each once, as the database stores them. */
function contentTypesOf(record: DecisionRecord): ContentType[] {
  const types = new Set<ContentType>();
  for (const kind of record.media) {
    types.add(
      kind === "image"
        ? "CONTENT_TYPE_IMAGE"
        : kind === "video"
          ? "CONTENT_TYPE_VIDEO"
          : "CONTENT_TYPE_TEXT",
    );
  }
  if (record.synthetic) types.add("CONTENT_TYPE_SYNTHETIC_MEDIA");
  if (types.size === 0) types.add("CONTENT_TYPE_OTHER");
  return [...types].sort();
}

function sourceTypeOf(record: DecisionRecord, settings: StatementSettings): SourceType {
  switch (record.source.kind) {
    case "own-initiative":
      return "SOURCE_VOLUNTARY";
    case "report":
      return settings.reportsAreNotices ? "SOURCE_ARTICLE_16" : "SOURCE_TYPE_OTHER_NOTIFICATION";
    case "notice":
      if (record.source.trustedFlagger) return "SOURCE_TRUSTED_FLAGGER";
      return record.source.noticeKind === "dsa"
        ? "SOURCE_ARTICLE_16"
        : "SOURCE_TYPE_OTHER_NOTIFICATION";
  }
}

/**
 * When the content was posted. The API takes 2000-01-01 onwards: an earlier date from a
 * platform is a placeholder, and the decision's own date is the honest stand-in.
 */
function contentDate(record: DecisionRecord): string {
  const date = utcDate(record.contentAt);
  return date < "2000-01-01" || date > utcDate(record.decidedAt) ? utcDate(record.decidedAt) : date;
}

/** The decision, its source and its facts, scrubbed, within the API's 5,000 characters. */
function decisionFacts(record: DecisionRecord): string {
  const lines = [decisionSentence(record), sourceSentence(record)];
  if (record.facts.length > 0)
    lines.push("Facts relied on:", ...record.facts.map((fact) => `- ${fact}`));
  const text = scrubPersonalData(lines.join("\n"));
  const chars = [...text];
  if (chars.length <= SOR_LIMITS.decision_facts) return text;
  const more = " … (shortened)";
  return chars.slice(0, SOR_LIMITS.decision_facts - more.length).join("") + more;
}
