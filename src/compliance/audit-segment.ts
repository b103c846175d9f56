/**
 * Re-verifying a piece of the audit chain offline, by the rule of docs/AUDIT.md: within a run of
 * consecutive events, each event's hash is recomputed from its fields and each links to the one
 * before it. The first event's own `prevHash` is the run's anchor: it is taken as given (the
 * events before it are not in the package), which is why a run that ends at the published chain
 * head proves most.
 */
import { auditEventHash, type AuditEvent } from "../store/index.js";

export type SegmentCheck =
  | { readonly ok: true; readonly events: number }
  | { readonly ok: false; readonly eventId: number; readonly problem: string };

export function checkSegment(events: readonly AuditEvent[]): SegmentCheck {
  for (const [index, event] of events.entries()) {
    const before = index === 0 ? null : events[index - 1]!;
    if (before !== null && event.id <= before.id) {
      return { ok: false, eventId: event.id, problem: "events are out of order" };
    }
    if (before !== null && event.prevHash !== before.hash) {
      return { ok: false, eventId: event.id, problem: "it does not link to the event before it" };
    }
    if (auditEventHash(event) !== event.hash) {
      return { ok: false, eventId: event.id, problem: "its contents do not match its hash" };
    }
  }
  return { ok: true, events: events.length };
}
