/**
 * Events: what the engine tells the outside world about — a verdict on an item, a decision on a
 * case, an appeal's outcome. The engine only emits them through this port; the actions part
 * delivers them (signed webhooks), so the engine never talks HTTP.
 */
import type { JsonObject } from "../../core/index.js";

export const EVENT_TYPES = [
  "item.verdict",
  "case.opened",
  "case.decided",
  "case.appealed",
  "appeal.decided",
  // Sent on request to one endpoint, so an admin can check the receiver and its secret.
  "webhook.ping",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface VigilEvent {
  /**
   * Stable for one happening: an item's verdict event is `verdict:<itemId>` however often the
   * item is processed, so a redelivered job emits the same event and receivers (and our own
   * delivery queue) can drop the repeat.
   */
  readonly id: string;
  readonly type: EventType;
  /** ISO 8601, UTC. */
  readonly at: string;
  /** Ids, hashes, verdicts and reasons: never content. */
  readonly data: JsonObject;
}

export interface EventSink {
  /** Resolves once the event is durably handed off (queued), not once it is delivered. */
  emit(event: VigilEvent): Promise<void>;
}

/** For processes and tests with no receivers configured. */
export const NO_EVENTS: EventSink = { emit: async () => undefined };
