/**
 * The webhook worker: takes jobs from the `webhooks` topic and POSTs them. The action log
 * carries each delivery's story under `webhook:<eventId>:<endpointId>` — the event itself (so
 * it can be re-sent), the last attempts and the outcome — and is what keeps a job the queue
 * hands out twice from being delivered twice.
 */
import type { VigilEvent } from "../../engine/index.js";
import {
  exponentialBackoff,
  type Backoff,
  type Consumer,
  type Job,
  type JobQueue,
} from "../../queue/index.js";
import type { ActionOutcome, ActionRecord, Store } from "../../store/index.js";
import { deliveryKey, readWebhookJob, WEBHOOK_TOPIC } from "./job.js";
import { postWebhook, type FetchLike, type PostOutcome } from "./post.js";
import type { JsonObject } from "../../core/index.js";

/** 10 s, 20 s, 40 s … capped at 1 h, ±20 %: with 8 attempts about 21 minutes of trying. */
export const DEFAULT_WEBHOOK_BACKOFF: Backoff = exponentialBackoff({
  initialMs: 10_000,
  maxMs: 3_600_000,
});
export const DEFAULT_WEBHOOK_ATTEMPTS = 8;
/** How many attempts the action log detail keeps (the newest). */
const KEPT_ATTEMPTS = 10;

export interface WebhookDeliveryOptions {
  readonly queue: JobQueue;
  readonly store: Store;
  /** Default: the global fetch. */
  readonly fetch?: FetchLike;
  /** Attempts before a delivery is dead-lettered (default 8). */
  readonly maxAttempts?: number;
  readonly backoff?: Backoff;
  /** Per attempt (default 10 s). */
  readonly timeoutMs?: number;
  /** Deliveries at once (default 4). */
  readonly concurrency?: number;
  /** Errors of the queue itself (not of receivers). */
  readonly onError?: (error: unknown) => void;
  /** Signing time and log times (default: now). */
  readonly clock?: () => Date;
}

export function startWebhookDelivery(options: WebhookDeliveryOptions): Consumer {
  const maxAttempts = options.maxAttempts ?? DEFAULT_WEBHOOK_ATTEMPTS;
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new RangeError(`timeoutMs must be a positive integer, got ${timeoutMs}.`);
  }
  const fetchFn: FetchLike = options.fetch ?? ((url, init) => fetch(url, init));
  const clock = options.clock ?? (() => new Date());
  const handler = (job: Job) =>
    deliver(job, { store: options.store, fetch: fetchFn, timeoutMs, clock, maxAttempts });
  return options.queue.consume(WEBHOOK_TOPIC, handler, {
    maxAttempts,
    backoff: options.backoff ?? DEFAULT_WEBHOOK_BACKOFF,
    concurrency: options.concurrency ?? 4,
    ...(options.onError ? { onError: options.onError } : {}),
  });
}

interface DeliverContext {
  readonly store: Store;
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  readonly clock: () => Date;
  readonly maxAttempts: number;
}

async function deliver(job: Job, context: DeliverContext): Promise<void> {
  const { endpointId, event, redelivery } = readWebhookJob(job.payload);
  const key = deliveryKey(event.id, endpointId, redelivery);
  const previous = await context.store.actionLog.getByKey(key);
  // Delivered already: the queue handed out a repeat (after its duplicate window, or a replay).
  if (previous?.outcome === "ok") return;
  const log = new DeliveryLog(context.store, key, event, endpointId, previous, redelivery);
  const endpoint = await context.store.webhooks.getWithSecret(endpointId);
  if (!endpoint || !endpoint.enabled) {
    const reason = endpoint ? "endpoint disabled" : "endpoint deleted";
    await log.save("skipped", { attempt: job.attempt, at: context.clock().toISOString(), reason });
    return;
  }
  const now = context.clock();
  const result = await postWebhook(endpoint.url, endpoint.secret, event, {
    fetch: context.fetch,
    timeoutMs: context.timeoutMs,
    now,
  });
  const outcome: ActionOutcome = result.ok
    ? "ok"
    : job.attempt >= context.maxAttempts
      ? "dead_lettered"
      : "failed";
  await log.save(outcome, attemptEntry(job.attempt, now, result), 1);
  // Throwing hands the job back to the queue: a retry after the backoff, or the dead letters.
  if (!result.ok) throw new Error(`Webhook delivery failed: ${result.error ?? "unknown"}`);
}

function attemptEntry(attempt: number, at: Date, result: PostOutcome): JsonObject {
  return {
    attempt,
    at: at.toISOString(),
    ...(result.status === undefined ? {} : { status: result.status }),
    ...(result.error === undefined ? {} : { error: result.error }),
  };
}

/** The action log record of one delivery: created on its first attempt, updated after each. */
class DeliveryLog {
  constructor(
    private readonly store: Store,
    private readonly key: string,
    private readonly event: VigilEvent,
    private readonly endpointId: string,
    private readonly previous: ActionRecord | null,
    private readonly redelivery: string | undefined,
  ) {}

  async save(outcome: ActionOutcome, entry: JsonObject, newAttempts = 0): Promise<void> {
    const earlier = this.previous?.detail.attempts;
    const attempts = [...(Array.isArray(earlier) ? earlier : []), entry].slice(-KEPT_ATTEMPTS);
    const detail: JsonObject = {
      event: { ...this.event },
      attempts,
      ...(this.redelivery === undefined ? {} : { redelivery: this.redelivery }),
    };
    const count = (this.previous?.attempts ?? 0) + newAttempts;
    await this.store.actionLog.save({
      key: this.key,
      kind: this.redelivery === undefined ? "webhook.deliver" : "webhook.redeliver",
      subjectType: "event",
      subjectId: this.event.id,
      target: this.endpointId,
      outcome,
      detail,
      attempts: count,
    });
  }
}
