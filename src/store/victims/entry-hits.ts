/**
 * Per-entry hit counts: how many scans were blocked and how many ingested items were taken down
 * because of a bank entry. One row per entry and outcome, counted up in place.
 */
import type { EntryHitRepository } from "./victim-case-types.js";
import { HIT_OUTCOMES, type HitOutcome } from "./victim-case-types.js";
import { checkOneOf, invalid } from "../validate.js";
import type { RepositoryContext } from "../sql/context.js";

export class SqlEntryHits implements EntryHitRepository {
  constructor(private readonly context: RepositoryContext) {}

  /** Counts one hit for each distinct entry given (a scan matching two hashes of one entry is one hit). */
  async record(entryIds: readonly number[], outcome: HitOutcome): Promise<void> {
    const kind = checkOneOf(outcome, "outcome", HIT_OUTCOMES);
    const ids = [...new Set(entryIds)];
    if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
      invalid("entryIds", "expected positive integers");
    }
    if (ids.length === 0) return;
    const at = this.context.clock().toISOString();
    await this.context.db.insertMany({
      table: "entry_hits",
      columns: ["entry_id", "outcome", "count", "last_at"],
      rows: ids.map((id) => [id, kind, 1, at]),
      onConflict:
        "ON CONFLICT (entry_id, outcome) DO UPDATE SET count = entry_hits.count + 1, last_at = excluded.last_at",
      returning: "entry_id",
    });
  }
}
