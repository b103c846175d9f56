/**
 * The `JobQueue` port: what the engine and the actions need from a durable queue, whatever runs
 * it. Delivery is at least once, so a handler must be idempotent (docs/QUEUE.md says how).
 */

import type { JsonObject } from "../core/index.js";

export interface EnqueueOptions {
  /** A repeat of this key on the same topic is accepted once: the first job's id comes back. */
  readonly idempotencyKey?: string;
}

export interface EnqueueResult {
  readonly id: string;
  /** True when the idempotency key had been seen: nothing new was queued. */
  readonly duplicate: boolean;
}

export interface Job {
  readonly id: string;
  readonly topic: string;
  readonly payload: JsonObject;
  /** 1 on the first delivery, 2 on the first retry, … */
  readonly attempt: number;
}

/** Resolving acks the job; throwing retries it after a backoff, then dead-letters it. */
export type JobHandler = (job: Job) => Promise<void>;

/** Milliseconds to wait before the next attempt, given the attempt that just failed (1-based). */
export type Backoff = (attempt: number) => number;

export interface ConsumeOptions {
  /** Jobs this consumer runs at once (default 1). */
  readonly concurrency?: number;
  /** Attempts before a job is dead-lettered (default 5). */
  readonly maxAttempts?: number;
  /** Default: exponential from 1 s, capped at 5 min, ±20 % jitter. */
  readonly backoff?: Backoff;
  /** Errors of the queue itself (not of handlers), e.g. a lost connection; default: ignored. */
  readonly onError?: (error: unknown) => void;
}

export interface Consumer {
  /** Takes no new jobs and waits for the running ones to be acked or retried. */
  stop(): Promise<void>;
}

export interface DeadLetter {
  readonly id: string;
  readonly topic: string;
  readonly payload: JsonObject;
  readonly attempts: number;
  /** The message of the last error. */
  readonly error: string;
  /** ISO 8601, UTC. */
  readonly failedAt: string;
}

export interface QueueStats {
  /** Waiting to run, including jobs waiting out a retry backoff. */
  readonly pending: number;
  /** Held by a consumer right now. */
  readonly inFlight: number;
  readonly deadLettered: number;
}

export interface JobQueue {
  readonly backend: "sqlite" | "nats";
  enqueue(topic: string, payload: JsonObject, options?: EnqueueOptions): Promise<EnqueueResult>;
  consume(topic: string, handler: JobHandler, options?: ConsumeOptions): Consumer;
  /** Oldest first. */
  deadLetters(topic: string, options?: { readonly limit?: number }): Promise<DeadLetter[]>;
  /** Queues a dead letter again with fresh attempts; returns the id of the job now queued. */
  retryDeadLetter(id: string): Promise<{ readonly id: string }>;
  stats(topic: string): Promise<QueueStats>;
  /**
   * Closes the connection at once, like a process that exits: consumers stop, and jobs still
   * running are neither acked nor retried — they come back after their lease. Stop consumers
   * first for a graceful shutdown.
   */
  close(): Promise<void>;
}
