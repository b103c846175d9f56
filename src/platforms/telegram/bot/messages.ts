/**
 * The Telegram messages a case or a verdict is about: chat, message and sender, read from the
 * store (linked items, and reports whose reference names a message), never from the event alone.
 */
import type { IngestedItem, Store } from "../../../store/index.js";
import { postKey } from "./ingest-post.js";

export interface MessageRef {
  readonly chatId: string;
  readonly messageId: string;
  /** A user's id (positive) can be banned; a channel's or group's (negative) cannot. */
  readonly authorId: string | null;
  readonly text: string | null;
}

const REF = /^telegram:(-?\d{1,20}):(\d{1,20})$/;

export function messageOf(item: IngestedItem): MessageRef | null {
  if (item.platform !== "telegram" || !item.channelId || !item.externalId) return null;
  return {
    chatId: item.channelId,
    messageId: item.externalId,
    authorId: item.authorId,
    text: item.text,
  };
}

export async function caseMessages(store: Store, caseId: string): Promise<MessageRef[]> {
  const found = new Map<string, MessageRef>();
  for (const link of await store.cases.items(caseId)) {
    const record = await store.items.get(link.itemId);
    const ref = record ? messageOf(record.item) : null;
    if (ref) found.set(`${ref.chatId}:${ref.messageId}`, ref);
  }
  const reports = await store.reports.listByCase(caseId, { limit: 500 });
  for (const report of reports.items) {
    const parsed = REF.exec(report.contentRef);
    if (!parsed || found.has(`${parsed[1]}:${parsed[2]}`)) continue;
    const item = await store.items.getByKey(postKey(parsed[1]!, parsed[2]!));
    found.set(`${parsed[1]}:${parsed[2]}`, {
      chatId: parsed[1]!,
      messageId: parsed[2]!,
      authorId: item?.authorId ?? null,
      text: item?.text ?? null,
    });
  }
  return [...found.values()];
}

export function isUserId(id: string | null): id is string {
  return id !== null && /^[1-9]\d{0,19}$/.test(id);
}
