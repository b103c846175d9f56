/**
 * The audit log: who did what to which subject, append-only. Ids increase with each event, so
 * the newest-first list pages by `before` an id.
 */
import type { IsoTimestamp, JsonObject } from "./types.js";

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
