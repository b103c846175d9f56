/**
 * Victim cases, over SQL. A case links to the bank entries its hashes became; withdrawing it
 * names the entries no other active case still needs (two people may submit the same image).
 */
import { VigilError } from "../../core/index.js";
import type { VictimCaseRepository } from "./victim-case-types.js";
import type {
  NewVictimCase,
  VictimCase,
  VictimCaseHits,
  VictimCaseSecret,
} from "./victim-case-types.js";
import { VICTIM_CASE_STATUSES } from "./victim-case-types.js";
import { checkInteger, checkToken, invalid } from "../validate.js";
import { int, nullableTimestamp, oneOf, text, timestamp } from "../sql/columns.js";
import type { RepositoryContext } from "../sql/context.js";
import { first, type Row } from "../sql/executor.js";

const CASE_NUMBER = /^VC-[0-9A-Z]{4}-[0-9A-Z]{4}$/;
const MAX_ENTRIES = 1000;

function checkCaseNumber(value: unknown): string {
  return checkToken(value, "caseNumber", CASE_NUMBER, "VC-XXXX-XXXX");
}

function decodeCase(row: Row): VictimCase {
  return {
    caseNumber: text(row, "case_number"),
    status: oneOf(row, "status", VICTIM_CASE_STATUSES),
    images: int(row, "images"),
    createdAt: timestamp(row, "created_at"),
    withdrawnAt: nullableTimestamp(row, "withdrawn_at"),
  };
}

export class SqlVictimCases implements VictimCaseRepository {
  constructor(private readonly context: RepositoryContext) {}

  /** The case and its entry links, in one transaction; `store/conflict` when the number is taken. */
  async create(input: NewVictimCase): Promise<VictimCase> {
    if (typeof input !== "object" || input === null) invalid("victimCase", "expected an object");
    const caseNumber = checkCaseNumber(input.caseNumber);
    if (typeof input.pinHash !== "string" || input.pinHash.length < 16) {
      invalid("pinHash", "expected a hash");
    }
    const images = checkInteger(input.images, "images", 0, MAX_ENTRIES);
    if (!Array.isArray(input.entries) || input.entries.length > MAX_ENTRIES) {
      invalid("entries", `expected at most ${MAX_ENTRIES} entries`);
    }
    const entries = new Map<number, number>();
    for (const entry of input.entries) {
      const id = checkInteger(entry?.entryId, "entries.entryId", 1, 2 ** 32 - 1);
      // An entry two images share (the same picture twice) counts for the first.
      if (!entries.has(id)) entries.set(id, checkInteger(entry.image, "entries.image", 0, images));
    }
    const now = this.context.clock().toISOString();
    return this.context.db.transaction(async (tx) => {
      const row = await first(
        tx,
        `INSERT INTO victim_cases (case_number, pin_hash, status, images, created_at)
         VALUES (?, ?, 'active', ?, ?) ON CONFLICT (case_number) DO NOTHING RETURNING *`,
        [caseNumber, input.pinHash, images, now],
      );
      if (!row) {
        throw new VigilError("store/conflict", "That case number is taken.", {
          field: "caseNumber",
        });
      }
      if (entries.size > 0) {
        await tx.insertMany({
          table: "victim_case_entries",
          columns: ["case_number", "entry_id", "image"],
          rows: [...entries].map(([id, image]) => [caseNumber, id, image]),
          onConflict: "ON CONFLICT (case_number, entry_id) DO NOTHING",
          returning: "entry_id",
        });
      }
      return decodeCase(row);
    });
  }

  async get(caseNumber: string): Promise<VictimCaseSecret | null> {
    if (typeof caseNumber !== "string" || !CASE_NUMBER.test(caseNumber)) return null;
    const row = await first(this.context.db, "SELECT * FROM victim_cases WHERE case_number = ?", [
      caseNumber,
    ]);
    if (!row) return null;
    return {
      ...decodeCase(row),
      pinHash: text(row, "pin_hash"),
      failedAttempts: int(row, "failed_attempts"),
      failedSince: nullableTimestamp(row, "failed_since"),
    };
  }

  async entryIds(caseNumber: string): Promise<number[]> {
    const rows = await this.context.db.all(
      "SELECT entry_id FROM victim_case_entries WHERE case_number = ? ORDER BY entry_id",
      [checkCaseNumber(caseNumber)],
    );
    return rows.map((row) => int(row, "entry_id"));
  }

  /**
   * Counts a wrong PIN, atomically: the first in a window (or the first after `windowStart`)
   * starts a new window at 1. Returns the count in the current window.
   */
  async recordFailure(caseNumber: string, windowStart: string): Promise<number> {
    const now = this.context.clock().toISOString();
    const row = await first(
      this.context.db,
      `UPDATE victim_cases SET
         failed_attempts = CASE WHEN failed_since IS NULL OR failed_since < ?
           THEN 1 ELSE failed_attempts + 1 END,
         failed_since = CASE WHEN failed_since IS NULL OR failed_since < ?
           THEN ? ELSE failed_since END
       WHERE case_number = ? RETURNING failed_attempts`,
      [windowStart, windowStart, now, checkCaseNumber(caseNumber)],
    );
    if (!row) throw new VigilError("store/not-found", "There is no such victim case.");
    return int(row, "failed_attempts");
  }

  async clearFailures(caseNumber: string): Promise<void> {
    await this.context.db.run(
      "UPDATE victim_cases SET failed_attempts = 0, failed_since = NULL WHERE case_number = ?",
      [checkCaseNumber(caseNumber)],
    );
  }

  /**
   * Marks the case withdrawn (a withdrawn case stays withdrawn, its first time kept) and names
   * its entries that no other active case links: those the caller withdraws from the bank.
   */
  async withdraw(caseNumber: string): Promise<{ case: VictimCase; releasedEntryIds: number[] }> {
    const number = checkCaseNumber(caseNumber);
    const now = this.context.clock().toISOString();
    return this.context.db.transaction(async (tx) => {
      const row = await first(
        tx,
        `UPDATE victim_cases SET status = 'withdrawn', withdrawn_at = COALESCE(withdrawn_at, ?)
         WHERE case_number = ? RETURNING *`,
        [now, number],
      );
      if (!row) throw new VigilError("store/not-found", "There is no such victim case.");
      const released = await tx.all(
        `SELECT e.entry_id FROM victim_case_entries e
         WHERE e.case_number = ? AND NOT EXISTS (
           SELECT 1 FROM victim_case_entries o JOIN victim_cases c ON c.case_number = o.case_number
           WHERE o.entry_id = e.entry_id AND c.status = 'active')
         ORDER BY e.entry_id`,
        [number],
      );
      return { case: decodeCase(row), releasedEntryIds: released.map((r) => int(r, "entry_id")) };
    });
  }

  /**
   * The hits of the case, per image the most of any of its entries: one blocked copy matches
   * an image's PDQ and its MD5 alike, and must count once. Summed over the images.
   */
  async hits(caseNumber: string): Promise<VictimCaseHits> {
    const row = await first(
      this.context.db,
      `SELECT COALESCE(SUM(blocked), 0) AS blocked, COALESCE(SUM(removed), 0) AS removed
       FROM (
         SELECT e.image,
           MAX(CASE WHEN h.outcome = 'blocked' THEN h.count ELSE 0 END) AS blocked,
           MAX(CASE WHEN h.outcome = 'removed' THEN h.count ELSE 0 END) AS removed
         FROM victim_case_entries e JOIN entry_hits h ON h.entry_id = e.entry_id
         WHERE e.case_number = ? GROUP BY e.image
       ) per_image`,
      [checkCaseNumber(caseNumber)],
    );
    return { blocked: int(row!, "blocked"), removed: int(row!, "removed") };
  }
}
