/**
 * Sending again on purpose. A dead letter goes back on the queue as it was (same event, same
 * action log record, fresh attempts). A delivered event is re-sent from the copy the action log
 * keeps in its detail, under a record of its own, so the first delivery's record stays as it was.
 */
import { randomUUID } from "node:crypto";
import { VigilError } from "../../core/index.js";
import type { EnqueueResult, JobQueue } from "../../queue/index.js";
import type { Store } from "../../store/index.js";
import { deliveryKey, readEvent, WEBHOOK_TOPIC, webhookJobPayload } from "./job.js";

export function replayWebhookDeadLetter(
  queue: JobQueue,
  id: string,
): Promise<{ readonly id: string }> {
  return queue.retryDeadLetter(id);
}

/**
 * Queues `eventId` for `endpointId` again, even if it was delivered. The event is read from the
 * action log: its delivery to this endpoint, else its delivery to any endpoint; an event never
 * delivered anywhere is `store/not-found`.
 */
export async function redeliverWebhook(
  deps: { readonly queue: JobQueue; readonly store: Store },
  eventId: string,
  endpointId: string,
): Promise<EnqueueResult & { readonly actionKey: string }> {
  if (!(await deps.store.webhooks.get(endpointId))) {
    throw new VigilError("store/not-found", `There is no webhook endpoint "${endpointId}".`);
  }
  const record =
    (await deps.store.actionLog.getByKey(deliveryKey(eventId, endpointId))) ??
    (await deps.store.actionLog.list({ subjectType: "event", subjectId: eventId, limit: 1 }))
      .items[0];
  const event = record ? readEvent(record.detail.event) : null;
  if (!event) {
    throw new VigilError("store/not-found", `No delivery of event "${eventId}" is on record.`, {
      eventId,
    });
  }
  const redelivery = randomUUID();
  const queued = await deps.queue.enqueue(
    WEBHOOK_TOPIC,
    webhookJobPayload({ endpointId, event, redelivery }),
    { idempotencyKey: `${eventId}:${endpointId}:${redelivery}` },
  );
  return { ...queued, actionKey: deliveryKey(eventId, endpointId, redelivery) };
}
