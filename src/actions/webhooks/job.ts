/**
 * The job a webhook delivery is: which endpoint, which event, and (for a deliberate re-send) a
 * redelivery id. Small — ids, verdicts and reasons — so it fits the queue's 64 KiB cap; the
 * action log key derived from it is what makes a repeated job deliver once.
 */
import { VigilError } from "../../core/index.js";
import { EVENT_TYPES, type EventType, type VigilEvent } from "../../engine/index.js";
import type { JsonObject } from "../../core/index.js";

export const WEBHOOK_TOPIC = "webhooks";

export interface WebhookJob {
  readonly endpointId: string;
  readonly event: VigilEvent;
  /** Set on a deliberate re-send: its own action log record, not deduplicated against the first. */
  readonly redelivery?: string;
}

// Printable ASCII, short enough that the queue key and the action log key built on it fit.
const EVENT_ID = /^[\x21-\x7e]{1,128}$/;

export function checkEvent(event: VigilEvent): VigilEvent {
  if (typeof event !== "object" || event === null || !EVENT_ID.test(String(event.id))) {
    throw new VigilError("queue/invalid", "An event id is 1–128 printable ASCII characters.", {
      field: "event.id",
    });
  }
  if (!(EVENT_TYPES as readonly string[]).includes(event.type)) {
    throw new VigilError("queue/invalid", `Unknown event type "${String(event.type)}".`, {
      field: "event.type",
    });
  }
  return event;
}

/** `webhook:<eventId>:<endpointId>` — one per event and endpoint, whatever the queue repeats. */
export function deliveryKey(eventId: string, endpointId: string, redelivery?: string): string {
  const key = `webhook:${eventId}:${endpointId}`;
  return redelivery === undefined ? key : `${key}:redelivery:${redelivery}`;
}

export function webhookJobPayload(job: WebhookJob): JsonObject {
  const { id, type, at, data } = job.event;
  return {
    endpointId: job.endpointId,
    event: { id, type, at, data },
    ...(job.redelivery === undefined ? {} : { redelivery: job.redelivery }),
  };
}

/** Reads a job payload back; a malformed one is a bug, and is dead-lettered with this error. */
export function readWebhookJob(payload: JsonObject): WebhookJob {
  const { endpointId, event, redelivery } = payload;
  const parsed = readEvent(event);
  if (typeof endpointId !== "string" || parsed === null) {
    throw new Error("A webhook job needs an endpointId and an event {id, type, at, data}.");
  }
  return {
    endpointId,
    event: parsed,
    ...(typeof redelivery === "string" ? { redelivery } : {}),
  };
}

/** An event as stored in a job or an action log detail, or null when it is not one. */
export function readEvent(value: unknown): VigilEvent | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const { id, type, at, data } = value as Record<string, unknown>;
  if (typeof id !== "string" || typeof at !== "string") return null;
  if (!(EVENT_TYPES as readonly string[]).includes(type as string)) return null;
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  return { id, type: type as EventType, at, data: data as JsonObject };
}
