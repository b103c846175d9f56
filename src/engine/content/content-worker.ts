/**
 * The worker side of ingest: consumers of the `content` topic running the pipeline, and a sweep
 * that re-queues items accepted long ago but still queued (an API process that stored an item and
 * died before its job was durable). Errors that a retry cannot fix — a corrupt image, a URL that
 * points at a private address — fail the item at once with the error, visible through the API;
 * the rest are retried with backoff and, once attempts run out, fail the item and dead-letter
 * the job.
 */
import { VigilError } from "../../core/index.js";
import type { Backoff, Consumer, Job, JobQueue } from "../../queue/index.js";
import type { Store } from "../../store/index.js";
import { CONTENT_TOPIC, contentJobKey } from "./ingest.js";
import type { ContentPipeline, ProcessResult } from "./pipeline.js";

/** Codes worth another attempt: the network, a remote server, our own databases. */
const RETRYABLE = new Set([
  "fetch/timeout",
  "fetch/failed",
  "fetch/http-status",
  "store/unavailable",
  "queue/unavailable",
  "media/timeout",
  "internal",
]);

export function isRetryable(error: unknown): boolean {
  return !(error instanceof VigilError) || RETRYABLE.has(error.code);
}

export interface ContentWorkerOptions {
  readonly queue: JobQueue;
  readonly store: Store;
  readonly pipeline: ContentPipeline;
  readonly concurrency?: number;
  readonly maxAttempts?: number;
  readonly backoff?: Backoff;
  readonly onError?: (error: unknown) => void;
  /** Called after each item (also for a redelivered item found done). */
  readonly onProcessed?: (result: ProcessResult) => void;
}

export function startContentWorker(options: ContentWorkerOptions): Consumer {
  const { store, pipeline } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const handle = async (job: Job): Promise<void> => {
    const itemId = job.payload.itemId;
    if (typeof itemId !== "string") {
      throw new VigilError("queue/invalid", "A content job without an item id.");
    }
    try {
      const result = await pipeline.process(itemId);
      options.onProcessed?.(result);
    } catch (error) {
      const message = describe(error);
      // A job whose item is gone (a database reset under a live queue) has nothing left to do;
      // any other missing thing is a failure of this item like the rest.
      const gone =
        error instanceof VigilError &&
        error.code === "store/not-found" &&
        (await store.items.get(itemId)) === null;
      if (gone) return;
      if (!isRetryable(error)) {
        await store.items.fail(itemId, message);
        return;
      }
      if (job.attempt >= maxAttempts) await store.items.fail(itemId, message);
      throw error;
    }
  };
  return options.queue.consume(CONTENT_TOPIC, handle, {
    concurrency: options.concurrency ?? 1,
    maxAttempts,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
}

/**
 * Queues again every item still queued that was accepted more than `olderThanMs` ago. A job that
 * is still waiting or running is not doubled: the queue drops the repeat of its idempotency key.
 */
export async function requeueStale(
  store: Store,
  queue: JobQueue,
  options: { readonly olderThanMs: number; readonly now?: Date; readonly limit?: number },
): Promise<number> {
  const now = options.now ?? new Date();
  const stale = await store.items.listQueued({
    before: new Date(now.getTime() - options.olderThanMs).toISOString(),
    ...(options.limit === undefined ? {} : { limit: options.limit }),
  });
  let queued = 0;
  for (const item of stale) {
    const result = await queue.enqueue(
      CONTENT_TOPIC,
      { itemId: item.id },
      { idempotencyKey: contentJobKey(item.id) },
    );
    if (!result.duplicate) queued++;
  }
  return queued;
}

function describe(error: unknown): string {
  if (error instanceof VigilError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
