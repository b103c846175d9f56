/**
 * The consumer of the `telegram` topic: carries out what the engine decided on Telegram
 * messages. A verdict or a moderator's decision deletes the message and bans or restricts its
 * sender; the chat gets a short notice in its language; the admin chat hears of it, and gets a
 * card with buttons for each case to review.
 *
 * What a verdict does to the sender:
 * | verdict / decision | message | sender                                             |
 * | `block`            | deleted | —                                                  |
 * | `remove`           | deleted | may not send media for `RESTRICT_DAYS` (restricted) |
 * | `remove_and_ban`   | deleted | banned from the chat                               |
 *
 * Each step is one action-log record (`telegram:<event id>:<step>:<chat>:<message>`): a job the
 * queue hands out again skips the steps already done, so a notice is posted once. A failing step
 * throws: the job is retried with the queue's backoff, then dead-lettered; the problem is in
 * the health view and the log either way.
 */
import { GrammyError } from "grammy";
import type { Backoff, Consumer, Job, JobQueue } from "../../../queue/index.js";
import type { Store } from "../../../store/index.js";
import { caseKeyboard } from "./admin.js";
import type { TelegramApi } from "./api.js";
import { isAlreadyGone, type TelegramHealth } from "./health.js";
import type { ChatLanguages } from "./language.js";
import { caseMessages, isUserId, messageOf, type MessageRef } from "./messages.js";
import { adminCaseText, adminDecidedText, adminTakedownText, notice } from "./notices.js";
import { TELEGRAM_TOPIC } from "./sink.js";
import type { JsonObject } from "../../../core/index.js";

/** How long a `remove` keeps the sender from posting media. */
export const RESTRICT_DAYS = 7;
const TAKEDOWNS = new Set(["block", "remove", "remove_and_ban"]);

export interface TelegramActionsOptions {
  readonly queue: JobQueue;
  readonly store: Store;
  readonly telegram: TelegramApi;
  readonly health: TelegramHealth;
  readonly languages: ChatLanguages;
  readonly adminChatId?: number;
  /** Attempts before a job is dead-lettered (default 6). */
  readonly maxAttempts?: number;
  readonly backoff?: Backoff;
  readonly concurrency?: number;
  readonly onError?: (error: unknown) => void;
  /** Problems worth an operator's eye (missing rights, a chat it cannot reach). */
  readonly onProblem?: (message: string, details: JsonObject) => void;
  readonly clock?: () => Date;
}

export function startTelegramActions(options: TelegramActionsOptions): Consumer {
  return options.queue.consume(TELEGRAM_TOPIC, (job) => handle(job, options), {
    maxAttempts: options.maxAttempts ?? 6,
    concurrency: options.concurrency ?? 2,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.onError ? { onError: options.onError } : {}),
  });
}

interface EventPayload {
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
}

async function handle(job: Job, options: TelegramActionsOptions): Promise<void> {
  const event = readEvent(job.payload);
  // A job that is not ours to read would fail forever: drop it rather than retry it.
  if (!event) return;
  const run = new Steps(event.id, options);
  if (event.type === "item.verdict") await onVerdict(run, event.data, options);
  else if (event.type === "case.opened") await onCaseOpened(run, event.data, options);
  else if (event.type === "case.decided") await onCaseDecided(run, event.data, options);
}

async function onVerdict(run: Steps, data: JsonObject, options: TelegramActionsOptions) {
  const verdict = String(data.verdict);
  if (!TAKEDOWNS.has(verdict) || typeof data.itemId !== "string") return;
  const record = await options.store.items.get(data.itemId);
  const ref = record ? messageOf(record.item) : null;
  if (!ref) return;
  await takeDown(run, ref, verdict, options);
  const reasons = Array.isArray(data.reasons) ? data.reasons.map(String) : [];
  await run.admin("admin", () =>
    adminTakedownText({
      verdict,
      chatId: ref.chatId,
      messageId: ref.messageId,
      authorId: ref.authorId,
      itemId: String(data.itemId),
      reasons,
    }),
  );
}

async function onCaseOpened(run: Steps, data: JsonObject, options: TelegramActionsOptions) {
  if (typeof data.caseId !== "string" || options.adminChatId === undefined) return;
  const found = await options.store.cases.getReview(data.caseId);
  if (!found || found.status !== "open") return;
  const messages = await caseMessages(options.store, found.id);
  const text = adminCaseText({
    caseId: found.id,
    severity: found.severity,
    reportCount: found.reportCount,
    messages: messages.map((m) => `chat ${m.chatId}, message ${m.messageId}`),
  });
  await run.step("card", String(options.adminChatId), async (api) => {
    await api.sendMessage(options.adminChatId!, text, { reply_markup: caseKeyboard(found.id) });
  });
}

async function onCaseDecided(run: Steps, data: JsonObject, options: TelegramActionsOptions) {
  if (typeof data.caseId !== "string") return;
  const decision = String(data.decision);
  if (decision === "remove" || decision === "remove_and_ban") {
    for (const ref of await caseMessages(options.store, data.caseId)) {
      await takeDown(run, ref, decision, options);
    }
  }
  if (decision === "escalate") return;
  await run.admin("admin", () =>
    adminDecidedText(String(data.caseId), decision, String(data.moderatorId ?? "")),
  );
}

async function takeDown(
  run: Steps,
  ref: MessageRef,
  verdict: string,
  options: TelegramActionsOptions,
): Promise<void> {
  const where = `${ref.chatId}:${ref.messageId}`;
  await run.step(`delete:${where}`, ref.chatId, async (api) => {
    await api.deleteMessage(Number(ref.chatId), Number(ref.messageId)).catch((error: unknown) => {
      if (!isAlreadyGone(error)) throw error;
    });
  });
  const author = ref.authorId;
  if (isUserId(author) && verdict === "remove_and_ban") {
    await run.step(`ban:${where}`, ref.chatId, (api) =>
      api.banChatMember(Number(ref.chatId), Number(author)).then(() => undefined),
    );
  } else if (isUserId(author) && verdict === "remove") {
    const until = Math.floor((options.clock ?? (() => new Date()))().getTime() / 1000);
    await run.step(
      `restrict:${where}`,
      ref.chatId,
      (api) =>
        api
          .restrictChatMember(Number(ref.chatId), Number(author), NO_MEDIA, {
            until_date: until + RESTRICT_DAYS * 86_400,
            use_independent_chat_permissions: true,
          })
          .then(() => undefined),
      // Basic groups have no per-member permissions; a ban (remove_and_ban) works everywhere.
      (error) => refused(error, /supergroup/i),
    );
  }
  const language = options.languages.of(Number(ref.chatId), ref.text);
  const text = notice(verdict === "remove_and_ban" ? "removedBanned" : "removed", language);
  await run.step(
    `notice:${where}`,
    ref.chatId,
    async (api) => {
      await api.sendMessage(Number(ref.chatId), text);
    },
    // A channel where the bot may delete but not post: the takedown stands without a notice.
    (error) => refused(error, /./),
  );
}

/** Text stays allowed: the sender may still talk, not post pictures, videos or stickers. */
const NO_MEDIA = {
  can_send_messages: true,
  can_send_audios: false,
  can_send_documents: false,
  can_send_photos: false,
  can_send_videos: false,
  can_send_video_notes: false,
  can_send_voice_notes: false,
  can_send_other_messages: false,
  can_add_web_page_previews: false,
};

/** One job's steps, each recorded once in the action log. */
class Steps {
  constructor(
    private readonly eventId: string,
    private readonly options: TelegramActionsOptions,
  ) {}

  /**
   * `tolerate` names refusals a retry cannot change and that do not undo the takedown (a notice
   * in a channel where the bot may not post, a restriction in a basic group): recorded as
   * `skipped` and shown in the health view, without failing the job.
   */
  async step(
    name: string,
    chatId: string,
    act: (api: TelegramApi["api"]) => Promise<void>,
    tolerate: (error: unknown) => boolean = () => false,
  ): Promise<void> {
    const key = `telegram:${this.eventId}:${name}`.slice(0, 256);
    const { store } = this.options;
    const done = (await store.actionLog.getByKey(key))?.outcome;
    if (done === "ok" || done === "skipped") return;
    const kind = `telegram.${name.split(":")[0]}`;
    try {
      await act(this.options.telegram.api);
    } catch (error) {
      const method = kind.slice("telegram.".length);
      const problem = this.options.health.problem(error, { method, chatId });
      this.options.onProblem?.("telegram action failed", { ...problem });
      const tolerated = tolerate(error);
      await store.actionLog.save({
        key,
        kind,
        subjectType: "telegram-chat",
        subjectId: chatId,
        target: "telegram",
        outcome: tolerated ? "skipped" : "failed",
        detail: { eventId: this.eventId, error: problem.message },
      });
      if (tolerated) return;
      throw error;
    }
    await store.actionLog.save({
      key,
      kind,
      subjectType: "telegram-chat",
      subjectId: chatId,
      target: "telegram",
      outcome: "ok",
      detail: { eventId: this.eventId },
    });
  }

  async admin(name: string, text: () => string): Promise<void> {
    const chat = this.options.adminChatId;
    if (chat === undefined) return;
    await this.step(name, String(chat), async (api) => {
      await api.sendMessage(chat, text());
    });
  }
}

/** A 400 or 403 of the Bot API whose description matches: a refusal, not a passing failure. */
function refused(error: unknown, description: RegExp): boolean {
  return (
    error instanceof GrammyError &&
    (error.error_code === 400 || error.error_code === 403) &&
    description.test(error.description)
  );
}

function readEvent(payload: JsonObject): EventPayload | null {
  const event = payload.event;
  if (typeof event !== "object" || event === null || Array.isArray(event)) return null;
  const { id, type, data } = event as Record<string, unknown>;
  if (typeof id !== "string" || typeof type !== "string") return null;
  if (typeof data !== "object" || data === null || Array.isArray(data)) return null;
  return { id, type, data: data as JsonObject };
}
