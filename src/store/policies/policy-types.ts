/**
 * Policy versions and the record of evaluations. The store sits below `policy`, so a rule set
 * and an item's facts are plain JSON here: the policy part parses them, the store only keeps them.
 */
import type { IsoTimestamp } from "../types.js";
import type { Page } from "../types.js";
import type { JsonObject, JsonValue } from "../../core/index.js";

/** One saved rule set. Versions count 1, 2, 3…; the newest is the one in force. */
export interface StoredPolicy {
  readonly version: number;
  /** The parsed, normalised rule set, as JSON. */
  readonly ruleSet: JsonObject;
  readonly createdAt: IsoTimestamp;
  /** `apikey:<id>`, `cli:<user>`, … */
  readonly createdBy: string;
  readonly comment: string | null;
}

export interface NewPolicyVersion {
  readonly ruleSet: JsonObject;
  readonly createdBy: string;
  readonly comment?: string | null;
}

export interface ListPoliciesOptions {
  /** Only versions older than this one (the `next` of the previous page). */
  readonly before?: number;
  readonly limit?: number;
}

/** What the policy said about one ingested item, as the pipeline recorded it. */
export interface NewEvaluation {
  readonly itemId: string;
  /** The stored policy version evaluated; null for the built-in default rule set. */
  readonly policyVersion: number | null;
  /** The item's facts (a PolicyItem as JSON): what a backtest replays. */
  readonly facts: JsonObject;
  readonly verdict: string;
  /** FiredRule[] as JSON: the live rules that fired. */
  readonly fired: JsonValue;
  /** FiredRule[] as JSON: the shadow rules that would have fired. */
  readonly shadow: JsonValue;
}

export interface EvaluationRecord extends NewEvaluation {
  readonly id: number;
  readonly at: IsoTimestamp;
}

export interface IterateEvaluationsOptions {
  /** Only evaluations recorded at or after this time. */
  readonly since?: IsoTimestamp;
  /** At most this many records in all. */
  readonly limit?: number;
  /** Records per page (default 500). */
  readonly pageSize?: number;
}

export interface RuleCount {
  readonly ruleId: string;
  readonly mode: "live" | "shadow";
  /** Items the rule fired (live) or would have fired (shadow) on. */
  readonly count: number;
}

export interface PolicyRepository {
  /** Stores the next version (1, 2, 3…), atomically: two saves at once get different versions. */
  save(policy: NewPolicyVersion): Promise<StoredPolicy>;
  /** The newest version: the one in force; null before the first save. */
  current(): Promise<StoredPolicy | null>;
  get(version: number): Promise<StoredPolicy | null>;
  /** Newest first; pass a page's `next` as `before` for the page after it. */
  list(options?: ListPoliciesOptions): Promise<Page<StoredPolicy, number>>;
}

export interface EvaluationRepository {
  /** Idempotent on itemId: a second record for the same item returns the first, unchanged (`created: false`). */
  record(evaluation: NewEvaluation): Promise<{ evaluation: EvaluationRecord; created: boolean }>;
  get(itemId: string): Promise<EvaluationRecord | null>;
  /** Oldest first, a page at a time. */
  iterate(options?: IterateEvaluationsOptions): AsyncIterable<readonly EvaluationRecord[]>;
  /** How many items each rule fired on, live and shadow, since a time (for the rules page). */
  ruleCounts(options?: { readonly since?: IsoTimestamp }): Promise<RuleCount[]>;
}
