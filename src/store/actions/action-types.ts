/**
 * The action log: every action Vigil took on the outside world (a webhook delivered, an item
 * blocked, a hash banked) with its outcome. Each action has an idempotency key: recording a key
 * twice keeps the first record, which is what keeps a redelivered job from acting twice.
 */
import type { IsoTimestamp } from "../types.js";
import type { Page } from "../types.js";
import type { JsonObject } from "../../core/index.js";

export const ACTION_OUTCOMES = ["ok", "failed", "dead_lettered", "skipped"] as const;
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number];

export interface NewAction {
  /** Unique per action, e.g. `webhook:<eventId>:<endpointId>`; 1..256 characters. */
  readonly key: string;
  /** What was done, e.g. `webhook.deliver`, `item.block`, `bank.add`. */
  readonly kind: string;
  readonly subjectType?: string | null;
  readonly subjectId?: string | null;
  /** Where it was done, e.g. a webhook endpoint's id. */
  readonly target?: string | null;
  readonly outcome: ActionOutcome;
  /** Never content, never secrets. */
  readonly detail?: JsonObject;
  readonly attempts?: number;
}

export interface ActionRecord {
  /** Increasing: the newest-first list pages by `before` an id. */
  readonly id: number;
  /** When the latest outcome was recorded (an update moves it). */
  readonly at: IsoTimestamp;
  readonly key: string;
  readonly kind: string;
  readonly subjectType: string | null;
  readonly subjectId: string | null;
  readonly target: string | null;
  readonly outcome: ActionOutcome;
  readonly detail: JsonObject;
  readonly attempts: number;
}

export interface ActionPatch {
  readonly outcome: ActionOutcome;
  /** Replaces the detail when given. */
  readonly detail?: JsonObject;
  readonly attempts?: number;
}

export interface ListActionsOptions {
  /** Only actions older than this id (the `next` of the previous page). */
  readonly before?: number;
  readonly limit?: number;
  readonly kind?: string;
  readonly subjectType?: string;
  readonly subjectId?: string;
  readonly outcome?: ActionOutcome;
}

export interface ActionLogRepository {
  /**
   * Inserts when the key is new; when the key exists, returns the existing record with
   * `created: false` (first writer wins) — what makes "no double action" hold under redelivery.
   */
  record(action: NewAction): Promise<{ action: ActionRecord; created: boolean }>;
  /** Updates outcome, detail and attempts of the record with this key; `store/not-found` if none. */
  update(key: string, patch: ActionPatch): Promise<ActionRecord>;
  /**
   * Writes an action's latest outcome under its key: the record on the first attempt, an update
   * on later ones (a retry that now succeeds, a redelivered job). Recording first and updating
   * when the key was taken also holds when two processes write the same key at once.
   */
  save(action: NewAction): Promise<void>;
  getByKey(key: string): Promise<ActionRecord | null>;
  /** Newest first; pass a page's `next` as `before` for the page after it. */
  list(options?: ListActionsOptions): Promise<Page<ActionRecord, number>>;
}
