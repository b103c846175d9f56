/**
 * Rules as data: plain, frozen objects tagged by `kind`, so a rule set can be stored, diffed,
 * versioned and backtested like any other record. Executing an action is someone else's job.
 */

export type RuleMode = "live" | "shadow" | "off";
export type BankSignalType = "pdq" | "md5" | "sha256" | "video";
export type Visibility = "public" | "private";

export type Condition =
  | BankMatchCondition
  | ClassifierCondition
  | TextFindingCondition
  | ReportCountCondition
  | ReportReasonCondition
  | AuthorHistoryCondition
  | SourceCondition
  | AllCondition
  | AnyCondition
  | NotCondition;

/** Some bank match passes every filter given; with no filters, any bank match does. */
export interface BankMatchCondition {
  readonly kind: "bank_match";
  /** The match carries at least one of these labels. */
  readonly labels?: readonly string[];
  readonly banks?: readonly string[];
  /** PDQ matches only (digests are exact; vPDQ distances are on another scale). */
  readonly maxDistance?: number;
  readonly signalTypes?: readonly BankSignalType[];
}

/** A classifier of this exact name scored at least `atLeast` (0..1). */
export interface ClassifierCondition {
  readonly kind: "classifier";
  readonly name: string;
  readonly atLeast: number;
}

/** Some text finding of one of these categories (any, when absent) weighs at least `minWeight`. */
export interface TextFindingCondition {
  readonly kind: "text_finding";
  readonly categories?: readonly string[];
  readonly minWeight?: number;
}

export interface ReportCountCondition {
  readonly kind: "report_count";
  readonly atLeast: number;
}

/** At least `atLeast` (default 1) reports gave one of these reasons. */
export interface ReportReasonCondition {
  readonly kind: "report_reason";
  readonly reasons: readonly string[];
  readonly atLeast?: number;
}

export interface AuthorHistoryCondition {
  readonly kind: "author_history";
  readonly priorTakedownsAtLeast: number;
}

/** Every filter given holds; at least one is required. */
export interface SourceCondition {
  readonly kind: "source";
  readonly visibility?: Visibility;
  readonly platforms?: readonly string[];
  readonly sources?: readonly string[];
}

export interface AllCondition {
  readonly kind: "all";
  readonly of: readonly Condition[];
}

export interface AnyCondition {
  readonly kind: "any";
  readonly of: readonly Condition[];
}

export interface NotCondition {
  readonly kind: "not";
  readonly condition: Condition;
}

export type Action =
  | { readonly kind: "block" }
  | { readonly kind: "remove" }
  | { readonly kind: "remove_and_ban" }
  | { readonly kind: "review"; readonly queue?: string; readonly severity?: number }
  | { readonly kind: "allow" }
  | { readonly kind: "webhook"; readonly event?: string }
  | { readonly kind: "add_to_bank"; readonly bank: string };

export type ActionKind = Action["kind"];

export interface Rule {
  /** A slug: lower-case letters and digits, single `-`, `_` or `.` between them. */
  readonly id: string;
  /** A positive integer; raised by whoever changes the rule. */
  readonly version: number;
  readonly mode: RuleMode;
  readonly description?: string;
  /** 1 (lowest) to 5. */
  readonly severity?: number;
  readonly when: Condition;
  readonly then: readonly Action[];
}

export interface RuleSet {
  readonly description?: string;
  /** Evaluated in this order; ids are unique. */
  readonly rules: readonly Rule[];
}
