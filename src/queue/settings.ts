/**
 * Defaults of the queue and of each consumer, resolved once. Leases and polls are short enough
 * that a crashed worker's jobs come back within a minute, long enough not to churn the database.
 */
import { DEFAULT_BACKOFF } from "./backoff.js";
import type { PoolSettings } from "./worker-pool.js";
import type { ConsumeOptions } from "./types.js";
import { DEFAULT_MAX_PAYLOAD_BYTES, positiveInteger } from "./validate.js";

export interface QueueTuning {
  /** How long a job is held by a consumer that stops answering (lease / JetStream ack wait). */
  readonly leaseMs?: number;
  /** SQLite: how often an idle consumer looks for work from other processes (default 500 ms). */
  readonly pollIntervalMs?: number;
  /** Largest payload, in bytes of JSON (default 64 KiB). */
  readonly maxPayloadBytes?: number;
  /** How long an idempotency key is remembered after its job was accepted (default 1 h). */
  readonly duplicateWindowMs?: number;
}

export interface QueueSettings {
  readonly leaseMs: number;
  readonly pollIntervalMs: number;
  readonly maxPayloadBytes: number;
  readonly duplicateWindowMs: number;
}

export function queueSettings(tuning: QueueTuning): QueueSettings {
  return {
    leaseMs: positiveInteger(tuning.leaseMs, 30_000, "leaseMs"),
    pollIntervalMs: positiveInteger(tuning.pollIntervalMs, 500, "pollIntervalMs"),
    maxPayloadBytes: positiveInteger(
      tuning.maxPayloadBytes,
      DEFAULT_MAX_PAYLOAD_BYTES,
      "maxPayloadBytes",
    ),
    duplicateWindowMs: positiveInteger(tuning.duplicateWindowMs, 3_600_000, "duplicateWindowMs"),
  };
}

export function poolSettings(options: ConsumeOptions, queue: QueueSettings): PoolSettings {
  return {
    concurrency: positiveInteger(options.concurrency, 1, "concurrency"),
    maxAttempts: positiveInteger(options.maxAttempts, 5, "maxAttempts"),
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    // Three chances to extend before the lease runs out.
    heartbeatMs: Math.max(10, Math.floor(queue.leaseMs / 3)),
    errorDelayMs: Math.max(queue.pollIntervalMs, 1000),
    onError: options.onError ?? (() => undefined),
  };
}
