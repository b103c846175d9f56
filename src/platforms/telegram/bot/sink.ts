/**
 * Carries the engine's events to the bot through the durable queue: an `item.verdict` on a
 * Telegram item, and `case.opened` / `case.decided` on a case holding a Telegram message, become
 * a job on the `telegram` topic, consumed where the bot runs (role `all` or `connector`). So the
 * worker that decides an item may be another process, and a Bot API call that fails is retried
 * with the queue's backoff and then dead-lettered. Every event also goes on to the inner sink
 * (webhooks) unchanged.
 */
import type { EventSink, VigilEvent } from "../../../engine/index.js";
import type { JobQueue } from "../../../queue/index.js";
import type { Store } from "../../../store/index.js";

export const TELEGRAM_TOPIC = "telegram";
/**
 * Items the bot ingested. A platform streaming its own Telegram content through `/v1/content`
 * (source `stream`, platform `telegram`) acts on its webhooks itself: no job waits for a bot.
 */
export const TELEGRAM_SOURCE = "telegram";

export class TelegramEventSink implements EventSink {
  constructor(
    private readonly inner: EventSink,
    private readonly store: Store,
    private readonly queue: JobQueue,
  ) {}

  async emit(event: VigilEvent): Promise<void> {
    await this.inner.emit(event);
    if (!(await this.concernsTelegram(event))) return;
    // Event ids are stable per happening: a re-emitted event queues nothing new.
    await this.queue.enqueue(
      TELEGRAM_TOPIC,
      { event: { id: event.id, type: event.type, at: event.at, data: event.data } },
      { idempotencyKey: `event:${event.id}`.slice(0, 256) },
    );
  }

  private async concernsTelegram(event: VigilEvent): Promise<boolean> {
    const data = event.data;
    if (event.type === "item.verdict") {
      return data.source === TELEGRAM_SOURCE && data.verdict !== "allow";
    }
    if (event.type !== "case.opened" && event.type !== "case.decided") return false;
    if (typeof data.itemId === "string") {
      const record = await this.store.items.get(data.itemId);
      if (record?.item.source === TELEGRAM_SOURCE) return true;
    }
    return typeof data.caseId === "string" && (await caseHasTelegram(this.store, data.caseId));
  }
}

/** Whether a case holds a Telegram message: a linked Telegram item or a report of one. */
export async function caseHasTelegram(store: Store, caseId: string): Promise<boolean> {
  const reports = await store.reports.listByCase(caseId, { limit: 100 });
  if (reports.items.some((report) => report.contentRef.startsWith("telegram:"))) return true;
  for (const link of await store.cases.items(caseId)) {
    const record = await store.items.get(link.itemId);
    if (record?.item.source === TELEGRAM_SOURCE) return true;
  }
  return false;
}
