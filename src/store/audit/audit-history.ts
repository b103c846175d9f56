/**
 * `chainAuditHistory`: the one-time step that brings events written before migration 006 into
 * the chain. It runs in code because SQL cannot hash on both dialects; `openStore` calls it after
 * migrating, every time, and it is idempotent: it only fills in missing hashes after the chain
 * head, in id order, a page per transaction under the head lock, so a crash half-way or two
 * processes opening at once leave one chain and the next open carries on.
 */
import { auditEventHash } from "./audit-hash.js";
import { advanceChainHead, type ChainHead, chainedFields, lockChainHead } from "./audit-chain.js";
import type { SqlExecutor } from "../sql/executor.js";

const PAGE_SIZE = 1000;

/** Chains every unchained event after the head; says how many it chained. */
export async function chainAuditHistory(db: SqlExecutor, pageSize = PAGE_SIZE): Promise<number> {
  let chained = 0;
  for (;;) {
    const count = await db.transaction((tx) => chainPage(tx, pageSize));
    chained += count;
    if (count < pageSize) return chained;
  }
}

async function chainPage(tx: SqlExecutor, pageSize: number): Promise<number> {
  let head: ChainHead = await lockChainHead(tx);
  const rows = await tx.all(
    "SELECT * FROM audit_events WHERE id > ? AND hash IS NULL ORDER BY id LIMIT ?",
    [head.lastId, pageSize],
  );
  for (const row of rows) {
    const fields = chainedFields(row, head.hash);
    const hash = auditEventHash(fields);
    await tx.run("UPDATE audit_events SET prev_hash = ?, hash = ? WHERE id = ?", [
      fields.prevHash,
      hash,
      fields.id,
    ]);
    head = { lastId: fields.id, hash };
  }
  if (rows.length > 0) await advanceChainHead(tx, head);
  return rows.length;
}
