/**
 * The engine's `EventSink` for webhooks: each event becomes one queued job per subscribed
 * endpoint. Emitting only queues (durably); `startWebhookDelivery` does the HTTP.
 */
import type { EventSink, VigilEvent } from "../../engine/index.js";
import type { EnqueueResult, JobQueue } from "../../queue/index.js";
import type { Store, WebhookEndpoint } from "../../store/index.js";
import { checkEvent, WEBHOOK_TOPIC, webhookJobPayload } from "./job.js";

export class WebhookDispatcher implements EventSink {
  constructor(
    private readonly store: Store,
    private readonly queue: JobQueue,
  ) {}

  /**
   * Reads the endpoints afresh on every event rather than caching them: the table is a handful
   * of rows behind one query, far cheaper than the scan that led to the event, and an admin who
   * disables or deletes an endpoint expects it to stop receiving at once, in every process.
   * An event over the queue's payload cap fails with `queue/payload-too-large`. When queuing
   * fails part-way, emitting the same event again is safe: the endpoints already queued for it
   * are dropped as repeats by their idempotency keys.
   */
  async emit(event: VigilEvent): Promise<void> {
    checkEvent(event);
    const endpoints = (await this.store.webhooks.list()).filter((e) => subscribed(e, event));
    for (const endpoint of endpoints) await enqueueWebhook(this.queue, endpoint.id, event);
  }
}

function subscribed(endpoint: WebhookEndpoint, event: VigilEvent): boolean {
  return endpoint.enabled && (endpoint.events.length === 0 || endpoint.events.includes(event.type));
}

/**
 * Queues the delivery of one event to one endpoint, whether or not it subscribes to the event
 * type (the test ping uses this). The queue drops a repeat of the same event and endpoint.
 */
export function enqueueWebhook(
  queue: JobQueue,
  endpointId: string,
  event: VigilEvent,
): Promise<EnqueueResult> {
  checkEvent(event);
  return queue.enqueue(WEBHOOK_TOPIC, webhookJobPayload({ endpointId, event }), {
    idempotencyKey: `${event.id}:${endpointId}`,
  });
}
