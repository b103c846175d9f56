/**
 * The audit log: who did what to which subject, append-only. Ids increase with each event, so
 * the newest-first list pages by `before` an id. The events form a hash chain (docs/AUDIT.md):
 * each stores the SHA-256 of the event before it, so a changed, removed or inserted event shows.
 */
import type { IsoTimestamp } from "../types.js";
import type { Page } from "../types.js";
import type { JsonObject } from "../../core/index.js";

export interface AuditEvent {
  readonly id: number;
  readonly at: IsoTimestamp;
  /** `system`, `apikey:<id>`, `moderator:<name>`, … */
  readonly actor: string;
  /** What happened, e.g. `bank.create`, `entry.withdraw`, `case.close`. */
  readonly action: string;
  /** The kind of thing acted on (`bank`, `entry`, `case`, …), when there is one. */
  readonly subjectType: string | null;
  readonly subjectId: string | null;
  /** Structured context; never content, never secrets. */
  readonly details: JsonObject;
  /** The previous event's `hash`; 64 zeros for the first event. Hex SHA-256. */
  readonly prevHash: string;
  /** SHA-256 (hex) of this event's fields and `prevHash`, by the rule in audit-hash.ts. */
  readonly hash: string;
}

export interface NewAuditEvent {
  readonly actor: string;
  readonly action: string;
  readonly subjectType?: string | null;
  readonly subjectId?: string | null;
  readonly details?: JsonObject;
}

export interface ListAuditOptions {
  /** Only events older than this id (the `next` of the previous page). */
  readonly before?: number;
  readonly limit?: number;
  readonly subjectType?: string;
  readonly subjectId?: string;
}

/**
 * What `audit.verify()` found. `events` counts the events checked and found intact (when broken:
 * those before `brokenAt`); `head` is the last event's hash, the one worth publishing.
 */
export type AuditVerification =
  | { readonly ok: true; readonly events: number; readonly head: string }
  | {
      readonly ok: false;
      readonly events: number;
      /** The id of the first event that does not fit the chain. */
      readonly brokenAt: number;
      readonly reason: string;
    };

export interface AuditRepository {
  /**
   * Links the event to the chain in the same transaction that reads the chain head, so
   * concurrent appends (one process or several) never fork it.
   */
  append(event: NewAuditEvent): Promise<AuditEvent>;
  /** Newest first; pass a page's `next` as `before` for the page after it. */
  list(options?: ListAuditOptions): Promise<Page<AuditEvent, number>>;
  /**
   * Recomputes the chain in id order, a page at a time (`pageSize`, default 1000), and names
   * the first event that does not fit it.
   */
  verify(options?: { readonly pageSize?: number }): Promise<AuditVerification>;
}
