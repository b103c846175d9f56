/**
 * The consumer loop both backends share: take as many jobs as there are free slots, run the
 * handler, keep the job's lease alive while it runs, then ack it, retry it after a backoff, or
 * dead-letter it once its attempts are spent. Backends only say how to take, ack, retry and
 * dead-letter (`DeliverySource`), so retries and dead letters behave the same on both.
 */
import type { Backoff, Consumer, Job, JobHandler } from "./types.js";
import { Wakeable } from "./wakeable.js";

export interface Delivery {
  readonly job: Job;
  ack(): Promise<void>;
  retry(delayMs: number, error: string): Promise<void>;
  deadLetter(error: string): Promise<void>;
  /** Extends the lease (SQLite) or ack wait (JetStream) while the handler is still working. */
  extend(): Promise<void>;
}

export interface DeliverySource {
  /** The next job, waiting up to a poll interval for one; undefined when there is none yet. */
  take(): Promise<Delivery | undefined>;
  /** Makes waiting take() calls return soon. */
  interrupt(): void;
  /** The consumer is gone: let go of what the source holds. */
  release(): void;
}

export interface PoolSettings {
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly backoff: Backoff;
  /** How often a running job's lease is extended: well inside the lease. */
  readonly heartbeatMs: number;
  /** Pause after the queue itself failed (a lost connection), before trying again. */
  readonly errorDelayMs: number;
  readonly onError: (error: unknown) => void;
}

export interface Pool extends Consumer {
  /** The queue was closed under it: forget running jobs, they come back after their lease. */
  abandon(): void;
}

const MAX_ERROR_LENGTH = 2000;
const EXHAUSTED = "Attempts exhausted: its consumers stopped before finishing it.";

export function startPool(
  source: DeliverySource,
  handler: JobHandler,
  settings: PoolSettings,
): Pool {
  const idle = new Wakeable();
  let stopping = false;
  let abandoned = false;
  let onAbandon: () => void = () => undefined;
  const abandonedSignal = new Promise<void>((resolve) => (onAbandon = resolve));

  const run = async (delivery: Delivery): Promise<void> => {
    if (delivery.job.attempt > settings.maxAttempts) {
      // Its consumers kept stopping mid-job (a crash it may cause): stop handing it out.
      await delivery.deadLetter(EXHAUSTED).catch(settings.onError);
      return;
    }
    const heartbeat = setInterval(() => {
      if (!abandoned) delivery.extend().catch(settings.onError);
    }, settings.heartbeatMs);
    let failure: string | undefined;
    try {
      await Promise.resolve().then(() => handler(delivery.job));
    } catch (error) {
      failure = errorMessage(error);
    } finally {
      clearInterval(heartbeat);
    }
    if (abandoned) return;
    try {
      const { attempt } = delivery.job;
      if (failure === undefined) await delivery.ack();
      else if (attempt >= settings.maxAttempts) await delivery.deadLetter(failure);
      else await delivery.retry(settings.backoff(attempt), failure);
    } catch (error) {
      // The job keeps its lease and comes back when it runs out: late, but not lost.
      settings.onError(error);
    }
  };

  // One loop per slot, each taking one job at a time: a job is never taken before a slot is
  // free to run it, so it does not wait in a buffer while its lease runs out.
  const slot = async (): Promise<void> => {
    while (!stopping) {
      try {
        const delivery = await source.take();
        // A job taken after stop() was called still runs: it is ours until acked.
        if (delivery) await run(delivery);
      } catch (error) {
        if (abandoned) break;
        settings.onError(error);
        await idle.sleep(settings.errorDelayMs);
      }
    }
  };
  const running = Promise.all(Array.from({ length: settings.concurrency }, slot)).finally(() =>
    source.release(),
  );

  return {
    async stop() {
      stopping = true;
      source.interrupt();
      idle.wake();
      await Promise.race([running, abandonedSignal]);
    },
    abandon() {
      abandoned = true;
      stopping = true;
      source.interrupt();
      idle.wake();
      source.release();
      onAbandon();
    },
  };
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length > MAX_ERROR_LENGTH ? `${message.slice(0, MAX_ERROR_LENGTH)}…` : message;
}
