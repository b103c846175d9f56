/**
 * The embedded queue: jobs are rows of the queue's SQLite file, taken under a lease. Consumers
 * poll (in other processes) and are woken on enqueue (in this one). A consumer that crashes
 * leaves its leases to run out, and its jobs are taken again.
 */
import { VigilError } from "../../core/index.js";
import { poolSettings, type QueueSettings } from "../settings.js";
import type { DeadLetter, JobQueue } from "../types.js";
import { checkIdempotencyKey, checkTopic, decodePayload, encodePayload } from "../validate.js";
import { Wakeable } from "../wakeable.js";
import { startPool, type Delivery, type DeliverySource, type Pool } from "../worker-pool.js";
import type { SqliteDatabase } from "./driver.js";
import { JobTable, type ClaimedRow } from "./jobs.js";
import { translated } from "./open.js";
import { listen, notify } from "./wakeups.js";

const PRUNE_EVERY_MS = 60_000;

export function sqliteQueue(db: SqliteDatabase, path: string, settings: QueueSettings): JobQueue {
  const jobs = new JobTable(db);
  const pools = new Set<Pool>();
  let closed = false;
  let prunedAt = 0;

  const open = <T>(work: () => T): Promise<T> => {
    if (closed) return Promise.reject(new VigilError("queue/unavailable", "The queue is closed."));
    return new Promise((resolve) => resolve(translated(work)));
  };

  const delivery = (row: ClaimedRow): Delivery => {
    const { id, token } = row;
    return {
      job: {
        id: String(id),
        topic: row.topic,
        payload: decodePayload(row.payload),
        attempt: row.attempts,
      },
      ack: () => open(() => jobs.ack(id, token, Date.now())),
      retry: (delayMs, error) => open(() => jobs.retry(id, token, Date.now() + delayMs, error)),
      deadLetter: (error) => open(() => jobs.deadLetter(id, token, Date.now(), error)),
      extend: () => open(() => jobs.extend(id, token, Date.now() + settings.leaseMs)),
    };
  };

  const source = (topic: string): DeliverySource => {
    const wake = new Wakeable();
    const stopListening = listen(path, (t) => t === topic && wake.wake());
    return {
      take: async () => {
        const now = Date.now();
        if (now - prunedAt > PRUNE_EVERY_MS) {
          prunedAt = now;
          await open(() => jobs.prune(now - settings.duplicateWindowMs));
        }
        const row = await open(() => jobs.claim(topic, now, settings.leaseMs));
        if (!row) await wake.sleep(settings.pollIntervalMs);
        return row && delivery(row);
      },
      interrupt: () => wake.wake(),
      release: stopListening,
    };
  };

  return {
    backend: "sqlite",
    async enqueue(topic, payload, options = {}) {
      checkTopic(topic);
      const key = checkIdempotencyKey(options.idempotencyKey);
      const text = encodePayload(payload, settings.maxPayloadBytes);
      const { id, duplicate } = await open(() => jobs.insert(topic, text, key, Date.now()));
      if (!duplicate) notify(path, topic);
      return { id: String(id), duplicate };
    },
    consume(topic, handler, options = {}) {
      checkTopic(topic);
      if (closed) throw new VigilError("queue/unavailable", "The queue is closed.");
      const pool = startPool(source(topic), handler, poolSettings(options, settings));
      pools.add(pool);
      return { stop: () => pool.stop().finally(() => pools.delete(pool)) };
    },
    async deadLetters(topic, { limit = 100 } = {}) {
      checkTopic(topic);
      const rows = await open(() => jobs.deadLetters(topic, Math.min(Math.max(1, limit), 1000)));
      return rows.map((row): DeadLetter => ({
        id: String(row.id),
        topic: row.topic,
        payload: decodePayload(row.payload),
        attempts: row.attempts,
        error: row.last_error ?? "",
        failedAt: new Date(row.finished_at).toISOString(),
      }));
    },
    async retryDeadLetter(id) {
      const numeric = /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : undefined;
      const topic =
        numeric === undefined ? undefined : await open(() => jobs.revive(numeric, Date.now()));
      if (topic === undefined) throw notFound(id);
      notify(path, topic);
      return { id };
    },
    stats: (topic) => open(() => jobs.stats(checkTopic(topic), Date.now())),
    async close() {
      if (closed) return;
      closed = true;
      for (const pool of pools) pool.abandon();
      db.close();
    },
  };
}

function notFound(id: string): VigilError {
  return new VigilError("queue/not-found", `No dead letter with id ${JSON.stringify(id)}.`, { id });
}
