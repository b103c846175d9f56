/**
 * `verifyAuditChain`: recomputes every event's hash in id order and checks each links to the one
 * before, a page at a time (millions of events are never held at once). It checks the events up
 * to the chain head read at the start, so appends made meanwhile neither break nor extend it.
 */
import type { AuditVerification } from "./audit-types.js";
import { auditEventHash, GENESIS_HASH } from "./audit-hash.js";
import { chainedFields, readChainHead } from "./audit-chain.js";
import { int } from "../sql/columns.js";
import type { Row, SqlExecutor } from "../sql/executor.js";

const PAGE_SIZE = 1000;

export async function verifyAuditChain(
  db: SqlExecutor,
  pageSize = PAGE_SIZE,
): Promise<AuditVerification> {
  const head = await readChainHead(db);
  let previous = { id: 0, hash: GENESIS_HASH };
  let events = 0;
  for (;;) {
    // Paging by `id > last` in id order is what makes the ids seen strictly increase; an event
    // moved to another id changes its hash, which covers the id.
    const rows = await db.all(
      "SELECT * FROM audit_events WHERE id > ? AND id <= ? ORDER BY id LIMIT ?",
      [previous.id, head.lastId, pageSize],
    );
    for (const row of rows) {
      const id = int(row, "id");
      const reason = problemWith(row, previous);
      if (reason !== null) return { ok: false, events, brokenAt: id, reason };
      previous = { id, hash: row.hash as string };
      events++;
    }
    if (rows.length < pageSize) break;
  }
  if (previous.id !== head.lastId) {
    return {
      ok: false,
      events,
      brokenAt: head.lastId,
      reason:
        `the chain head names event ${head.lastId} but the last event is ` +
        `${previous.id === 0 ? "none" : previous.id}: events at the end were removed`,
    };
  }
  if (previous.hash !== head.hash) {
    return {
      ok: false,
      events,
      brokenAt: head.lastId,
      reason: "its hash is not the one the chain head recorded: the event was rewritten",
    };
  }
  return { ok: true, events, head: head.hash };
}

function problemWith(row: Row, previous: { id: number; hash: string }): string | null {
  const { prev_hash: prevHash, hash } = row;
  if (typeof prevHash !== "string" || typeof hash !== "string") {
    return "it has no hash: it was never chained, or its hash was removed";
  }
  if (prevHash !== previous.hash) {
    const before = previous.id === 0 ? "the start of the chain" : `event ${previous.id}`;
    return (
      `its prev_hash does not match ${before}, the event before it: ` +
      "an event was removed, inserted or changed there"
    );
  }
  if (auditEventHash(chainedFields(row, prevHash)) !== hash) {
    return "its contents do not match its hash: the event was changed";
  }
  return null;
}
