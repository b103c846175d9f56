/**
 * A DSA statement of reasons (art. 17) in the shape the Commission's Transparency Database API
 * takes (art. 24(5)), field for field. The values Vigil can produce are listed as types; the
 * API's full vocabulary is larger (its public repository, app/Models/Statement.php). Field rules
 * followed here are the API's own (app/Http/Requests/StatementStoreRequest.php and the bulk
 * endpoint's GroupedSubmissionsService): dates as YYYY-MM-DD, `decision_facts` at most 5,000
 * characters, grounds and explanations at most 500 and 2,000, `puid` of letters, digits, `-`
 * and `_` only, at most 500.
 */

export type DecisionVisibility =
  "DECISION_VISIBILITY_CONTENT_REMOVED" | "DECISION_VISIBILITY_CONTENT_DISABLED";
export type DecisionAccount = "DECISION_ACCOUNT_SUSPENDED" | "DECISION_ACCOUNT_TERMINATED";
export type DecisionGround =
  "DECISION_GROUND_ILLEGAL_CONTENT" | "DECISION_GROUND_INCOMPATIBLE_CONTENT";
export type StatementCategory =
  | "STATEMENT_CATEGORY_CYBER_VIOLENCE"
  | "STATEMENT_CATEGORY_PROTECTION_OF_MINORS"
  | "STATEMENT_CATEGORY_OTHER_VIOLATION_TC";
export type CategoryKeyword =
  | "KEYWORD_NON_CONSENSUAL_IMAGE_SHARING"
  | "KEYWORD_NON_CONSENSUAL_MATERIAL_DEEPFAKE"
  | "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL"
  | "KEYWORD_CHILD_SEXUAL_ABUSE_MATERIAL_DEEPFAKE"
  | "KEYWORD_CYBER_HARASSMENT";
export type ContentType =
  | "CONTENT_TYPE_IMAGE"
  | "CONTENT_TYPE_VIDEO"
  | "CONTENT_TYPE_TEXT"
  | "CONTENT_TYPE_SYNTHETIC_MEDIA"
  | "CONTENT_TYPE_OTHER";
export type SourceType =
  | "SOURCE_ARTICLE_16"
  | "SOURCE_TRUSTED_FLAGGER"
  | "SOURCE_TYPE_OTHER_NOTIFICATION"
  | "SOURCE_VOLUNTARY";
export type AutomatedDecision =
  "AUTOMATED_DECISION_FULLY" | "AUTOMATED_DECISION_PARTIALLY" | "AUTOMATED_DECISION_NOT_AUTOMATED";
export type YesNo = "Yes" | "No";

export interface StatementOfReasons {
  readonly decision_visibility: readonly DecisionVisibility[];
  readonly decision_account?: DecisionAccount;
  readonly decision_ground: DecisionGround;
  readonly decision_ground_reference_url?: string;
  readonly illegal_content_legal_ground?: string;
  readonly illegal_content_explanation?: string;
  readonly incompatible_content_ground?: string;
  readonly incompatible_content_explanation?: string;
  readonly incompatible_content_illegal?: YesNo;
  readonly category: StatementCategory;
  readonly category_specification?: readonly CategoryKeyword[];
  readonly content_type: readonly ContentType[];
  readonly content_type_other?: string;
  readonly content_date: string;
  readonly application_date: string;
  readonly decision_facts: string;
  readonly source_type: SourceType;
  readonly automated_detection: YesNo;
  readonly automated_decision: AutomatedDecision;
  readonly territorial_scope: readonly string[];
  readonly puid: string;
}

/** The API's limits, in characters (Laravel's `max:` on a string counts characters). */
export const SOR_LIMITS = {
  decision_facts: 5000,
  ground: 500,
  explanation: 2000,
  other: 500,
  url: 500,
  puid: 500,
} as const;

/** The API's `puid` pattern (`regex:/^[a-zA-Z0-9-_]+$/D`). */
export const PUID_PATTERN = /^[A-Za-z0-9_-]+$/;
/** The API's date bounds: content from 2000-01-01, decisions from 2020-01-01, both to 2038-01-01. */
export const SOR_DATES = {
  contentFrom: "2000-01-01",
  applicationFrom: "2020-01-01",
  until: "2038-01-01",
} as const;
