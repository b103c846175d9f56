/**
 * The queue's SQL, each operation one synchronous statement or transaction: nothing is held
 * across an await, so connections in one process never wait on each other, and SQLite's single
 * writer makes each claim atomic across processes. A claim hands out a fresh lease token; ack,
 * retry and dead-letter only apply while that token holds, so a consumer whose lease ran out and
 * whose job went to another cannot finish it a second time.
 */
import { randomUUID } from "node:crypto";
import type { SqliteDatabase } from "./driver.js";

export interface ClaimedRow {
  readonly id: number;
  readonly topic: string;
  readonly payload: string;
  readonly attempts: number;
  readonly token: string;
}

export interface DeadRow {
  readonly id: number;
  readonly topic: string;
  readonly payload: string;
  readonly attempts: number;
  readonly last_error: string | null;
  readonly finished_at: number;
}

const CLAIM = `
  UPDATE queue_jobs SET status = 'running', attempts = attempts + 1, lease_until = ?, lease_token = ?
  WHERE id IN (
    SELECT id FROM queue_jobs
    WHERE topic = ? AND ((status = 'ready' AND available_at <= ?) OR (status = 'running' AND lease_until <= ?))
    ORDER BY available_at, id LIMIT 1)
  RETURNING id, topic, payload, attempts`;
const LEASED = "WHERE id = ? AND lease_token = ? AND status = 'running'";
const RELEASE = "lease_until = NULL, lease_token = NULL";

export class JobTable {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  insert(
    topic: string,
    payload: string,
    key: string | undefined,
    now: number,
  ): { id: number; duplicate: boolean } {
    return this.#db
      .transaction(() => {
        const inserted = this.#db
          .prepare(
            `INSERT INTO queue_jobs (topic, payload, idempotency_key, status, attempts, available_at, created_at)
           VALUES (?, ?, ?, 'ready', 0, ?, ?)
           ON CONFLICT (topic, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING RETURNING id`,
          )
          .get(topic, payload, key ?? null, now, now) as { id: number } | undefined;
        if (inserted) return { id: inserted.id, duplicate: false };
        const first = this.#db
          .prepare("SELECT id FROM queue_jobs WHERE topic = ? AND idempotency_key = ?")
          .get(topic, key) as { id: number };
        return { id: first.id, duplicate: true };
      })
      .immediate();
  }

  /** The oldest job due on `topic`, leased to the caller until `now + leaseMs`. */
  claim(topic: string, now: number, leaseMs: number): ClaimedRow | undefined {
    const token = randomUUID();
    const row = this.#db.prepare(CLAIM).get(now + leaseMs, token, topic, now, now) as
      Omit<ClaimedRow, "token"> | undefined;
    return row && { ...row, token };
  }

  extend(id: number, token: string, until: number): void {
    this.#db.prepare(`UPDATE queue_jobs SET lease_until = ? ${LEASED}`).run(until, id, token);
  }

  ack(id: number, token: string, now: number): void {
    // The payload is dropped; the row stays for the duplicate window (see schema.ts).
    this.#db
      .prepare(
        `UPDATE queue_jobs SET status = 'done', payload = '{}', finished_at = ?, ${RELEASE} ${LEASED}`,
      )
      .run(now, id, token);
  }

  retry(id: number, token: string, availableAt: number, error: string): void {
    this.#db
      .prepare(
        `UPDATE queue_jobs SET status = 'ready', available_at = ?, last_error = ?, ${RELEASE} ${LEASED}`,
      )
      .run(availableAt, error, id, token);
  }

  deadLetter(id: number, token: string, now: number, error: string): void {
    this.#db
      .prepare(
        `UPDATE queue_jobs SET status = 'dead', finished_at = ?, last_error = ?, ${RELEASE} ${LEASED}`,
      )
      .run(now, error, id, token);
  }

  deadLetters(topic: string, limit: number): DeadRow[] {
    return this.#db
      .prepare(
        `SELECT id, topic, payload, attempts, last_error, finished_at FROM queue_jobs
         WHERE topic = ? AND status = 'dead' ORDER BY finished_at, id LIMIT ?`,
      )
      .all(topic, limit) as DeadRow[];
  }

  /** Back to ready with fresh attempts; the topic, or undefined when no such dead letter. */
  revive(id: number, now: number): string | undefined {
    const row = this.#db
      .prepare(
        `UPDATE queue_jobs SET status = 'ready', attempts = 0, available_at = ?, finished_at = NULL
         WHERE id = ? AND status = 'dead' RETURNING topic`,
      )
      .get(now, id) as { topic: string } | undefined;
    return row?.topic;
  }

  stats(topic: string, now: number): { pending: number; inFlight: number; deadLettered: number } {
    const row = this.#db
      .prepare(
        `SELECT
           count(*) FILTER (WHERE status = 'ready' OR (status = 'running' AND lease_until <= ?)) AS pending,
           count(*) FILTER (WHERE status = 'running' AND lease_until > ?) AS inFlight,
           count(*) FILTER (WHERE status = 'dead') AS deadLettered
         FROM queue_jobs WHERE topic = ? AND status <> 'done'`,
      )
      .get(now, now, topic) as { pending: number; inFlight: number; deadLettered: number };
    return { pending: row.pending, inFlight: row.inFlight, deadLettered: row.deadLettered };
  }

  /** Forgets acked jobs older than the duplicate window. */
  prune(before: number): void {
    this.#db
      .prepare("DELETE FROM queue_jobs WHERE status = 'done' AND finished_at < ?")
      .run(before);
  }
}
