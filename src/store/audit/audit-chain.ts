/**
 * The chain head and the reading of chained fields from a row: what `append`, the one-time
 * chaining of older events and `verify` share.
 */
import type { ChainedFields } from "./audit-hash.js";
import { int, nullableText, text, timestamp } from "../sql/columns.js";
import type { Row, SqlExecutor } from "../sql/executor.js";
import { first } from "../sql/executor.js";
import type { JsonValue } from "../../core/index.js";

export interface ChainHead {
  /** The last chained event, 0 before the first. */
  readonly lastId: number;
  readonly hash: string;
}

/**
 * Reads the head and holds it for the rest of the transaction. A no-op UPDATE rather than
 * `SELECT … FOR UPDATE` because SQLite has no FOR UPDATE: on PostgreSQL the UPDATE takes the row
 * lock (a second appender waits, then reads the head the first one left); on SQLite the
 * transaction's BEGIN IMMEDIATE already keeps every other writer out.
 */
export async function lockChainHead(tx: SqlExecutor): Promise<ChainHead> {
  return headOf(
    await first(
      tx,
      "UPDATE audit_chain_head SET last_id = last_id WHERE singleton = 1 RETURNING last_id, hash",
    ),
  );
}

/** The head without a lock: what `verify` checks the events against. */
export async function readChainHead(db: SqlExecutor): Promise<ChainHead> {
  return headOf(await first(db, "SELECT last_id, hash FROM audit_chain_head WHERE singleton = 1"));
}

export async function advanceChainHead(tx: SqlExecutor, head: ChainHead): Promise<void> {
  await tx.run("UPDATE audit_chain_head SET last_id = ?, hash = ? WHERE singleton = 1", [
    head.lastId,
    head.hash,
  ]);
}

function headOf(row: Row | undefined): ChainHead {
  // Migration 006 writes the row and nothing deletes it: its absence is a damaged database.
  if (row === undefined) throw new Error("The audit chain head (audit_chain_head) is missing.");
  return { lastId: int(row, "last_id"), hash: text(row, "hash") };
}

/**
 * The hashed fields of a stored event, as read back — so the hash covers exactly what a later
 * reader (and `verify`) sees, whatever form each driver returns. `details` is taken as whatever
 * JSON is there: a damaged row must still hash (and mismatch), not throw.
 */
export function chainedFields(row: Row, prevHash: string): ChainedFields {
  const details = row.details;
  return {
    prevHash,
    id: int(row, "id"),
    at: timestamp(row, "at"),
    actor: text(row, "actor"),
    action: text(row, "action"),
    subjectType: nullableText(row, "subject_type"),
    subjectId: nullableText(row, "subject_id"),
    details: (typeof details === "string" ? JSON.parse(details) : details) as JsonValue,
  };
}
