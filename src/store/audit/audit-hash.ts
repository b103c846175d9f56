/**
 * The audit chain's hashing rule, in one place so that `append`, the one-time chaining of older
 * events and `verify` cannot disagree (docs/AUDIT.md states it for outside auditors).
 *
 * hash = hex(SHA-256(UTF-8(canonical JSON of
 *   { action, actor, at, details, id, prev_hash, subject_id, subject_type })))
 *
 * Canonical JSON is RFC 8785 (JCS) for the values the store accepts: object keys sorted by UTF-16
 * code units at every depth, no whitespace, strings and numbers as ECMAScript's JSON.stringify
 * writes them. Sorting ourselves matters: PostgreSQL's jsonb returns keys in its own order.
 */
import { createHash } from "node:crypto";
import type { JsonObject, JsonValue } from "../../core/index.js";

/** The `prev_hash` of the first event: there is nothing before it. */
export const GENESIS_HASH = "0".repeat(64);

/** Every field the hash covers, as stored (the columns of `audit_events`). */
export interface ChainedFields {
  readonly prevHash: string;
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subjectType: string | null;
  readonly subjectId: string | null;
  readonly details: JsonValue;
}

export function auditEventHash(event: ChainedFields): string {
  const preimage = canonicalJson({
    action: event.action,
    actor: event.actor,
    at: event.at,
    details: event.details,
    id: event.id,
    prev_hash: event.prevHash,
    subject_id: event.subjectId,
    subject_type: event.subjectType,
  });
  return createHash("sha256").update(preimage, "utf8").digest("hex");
}

export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (isList(value)) return `[${value.map(canonicalJson).join(",")}]`;
  // Array.prototype.sort without a comparator orders by UTF-16 code units, as RFC 8785 asks.
  const keys = Object.keys(value).sort();
  const members = keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key]!)}`);
  return `{${members.join(",")}}`;
}

// Array.isArray does not narrow a union with a readonly array type.
function isList(value: readonly JsonValue[] | JsonObject): value is readonly JsonValue[] {
  return Array.isArray(value);
}
