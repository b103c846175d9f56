/**
 * The DSA's categories and keywords (the Transparency Database's, which the 2024/2835 templates
 * reuse) for what Vigil decides: one mapping for statements and reports, so a report's rows add
 * up to the statements sent. The "against women" variants are never chosen: that would mean
 * inferring the gender of the person shown.
 */
import type { PolicyReason } from "../store/index.js";
import type { NoticeReason } from "./notice-types.js";
import type { CategoryKeyword, StatementCategory } from "./sor-types.js";

export interface Classification {
  readonly category: StatementCategory | "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE";
  readonly keywords: readonly CategoryKeyword[];
}

/** A decision always has a category of its own. */
export interface DecisionClassification extends Classification {
  readonly category: StatementCategory;
}

/** A decision's reason, with whether the media is synthetic (a deepfake keyword then applies). */
export function classify(reason: PolicyReason, synthetic: boolean): DecisionClassification {
  const fake = synthetic || reason === "deepfake";
  switch (reason) {
    case "minor":
      return {
        category: "STATEMENT_CATEGORY_PROTECTION_OF_MINORS",
        keywords: [
          fake
            ? "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE"
            : "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL",
        ],
      };
    case "ncii":
      return {
        category: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
        keywords: fake
          ? ["KEYWORD_NON_CONSENSUAL_IMAGE_SHARING", "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE"]
          : ["KEYWORD_NON_CONSENSUAL_IMAGE_SHARING"],
      };
    case "deepfake":
      return {
        category: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
        keywords: ["KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE"],
      };
    case "harassment":
      return {
        category: "STATEMENT_CATEGORY_CYBER_VIOLENCE",
        keywords: ["KEYWORD_CYBER_HARASSMENT"],
      };
    case "other":
      return { category: "STATEMENT_CATEGORY_OTHER_VIOLATION_TC", keywords: [] };
  }
}

/** What a notice alleges; "other" is the template's "not specified by the notifier". */
export function classifyNotice(reason: NoticeReason): Classification {
  return reason === "other"
    ? { category: "STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE", keywords: [] }
    : classify(reason, false);
}

/**
 * The report rows Vigil fills, in the template's order: each category Vigil can assign, with
 * its keywords under it. Rows for categories Vigil never assigns are left to the operator.
 */
export const REPORT_ROWS: readonly {
  readonly key: string;
  readonly category: string;
  readonly keyword: string | null;
}[] = [
  ["STATEMENT_CATEGORY_CYBER_VIOLENCE", null],
  ["STATEMENT_CATEGORY_CYBER_VIOLENCE", "KEYWORD_CYBER_HARASSMENT"],
  ["STATEMENT_CATEGORY_CYBER_VIOLENCE", "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING"],
  ["STATEMENT_CATEGORY_CYBER_VIOLENCE", "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE"],
  ["STATEMENT_CATEGORY_PROTECTION_OF_MINORS", null],
  ["STATEMENT_CATEGORY_PROTECTION_OF_MINORS", "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL"],
  ["STATEMENT_CATEGORY_PROTECTION_OF_MINORS", "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE"],
  ["STATEMENT_CATEGORY_OTHER_VIOLATION_TC", null],
  ["STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE", null],
].map(([category, keyword]) => ({
  key: keyword ?? category!,
  category: category!,
  keyword: keyword ?? null,
}));

/** Whether a classification counts in a row: the category row counts each once, a keyword row each carrying it. */
export function inRow(c: Classification, row: (typeof REPORT_ROWS)[number]): boolean {
  if (c.category !== row.category) return false;
  return row.keyword === null || (c.keywords as readonly string[]).includes(row.keyword);
}
