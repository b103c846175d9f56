/**
 * The bot: reads updates (long polling here, or pushed by the webhook route) and turns each into
 * an item to scan, a report, or a moderator's decision. Acting on verdicts is not done here but
 * by the `telegram` job consumer (takedown.ts), so it works whichever process decided.
 *
 * Nothing here may stop the process: a revoked token, a chat it was kicked from, a Bot API that
 * is down — each is logged and shown in the health view, and polling carries on at a slower pace.
 */
import type { EventSink, IngestService, ReviewService } from "../../../engine/index.js";
import type { Store } from "../../../store/index.js";
import { pressButton } from "./admin.js";
import type { TelegramApi } from "./api.js";
import type { TelegramHealth } from "./health.js";
import { ingestPost } from "./ingest-post.js";
import { languageOfUser, type ChatLanguages } from "./language.js";
import { notice } from "./notices.js";
import { fileReport } from "./report.js";
import { readUpdate, type TelegramPost } from "./update.js";
import type { JsonObject } from "../../../core/index.js";

export const ALLOWED_UPDATES = [
  "message",
  "edited_message",
  "channel_post",
  "edited_channel_post",
  "callback_query",
  "my_chat_member",
] as const;

export interface TelegramLog {
  warn(details: JsonObject, message: string): void;
  error(details: JsonObject, message: string): void;
}

export interface TelegramBotOptions {
  readonly store: Store;
  readonly ingest: IngestService;
  readonly events: EventSink;
  readonly review: ReviewService;
  readonly telegram: TelegramApi;
  readonly health: TelegramHealth;
  readonly languages: ChatLanguages;
  readonly adminChatId?: number;
  readonly admins: ReadonlyMap<number, string>;
  readonly log?: TelegramLog;
  /** Long-poll wait, seconds (default 25; the Bot API allows up to 50). */
  readonly pollTimeoutSeconds?: number;
  /** Wait after a failed poll, doubled up to 60 s while failures last (default 2 s). */
  readonly retryDelayMs?: number;
  /** Attempts at one update before it is skipped (default 3). */
  readonly updateAttempts?: number;
  readonly maxFileBytes?: number;
}

export class TelegramBot {
  private username: string | undefined;
  private offset = 0;
  private stopping = false;
  private abort = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(private readonly options: TelegramBotOptions) {}

  /** Starts long polling in the background; resolves at once. */
  startPolling(): void {
    this.loop ??= this.poll();
  }

  /** For webhook mode: learn the bot's name (for `/report@name`) without polling. */
  async connect(): Promise<boolean> {
    try {
      const me = await this.options.telegram.api.getMe(this.signal());
      this.username = me.username;
      this.options.health.connected(me.username);
      return true;
    } catch (error) {
      this.problem(error, "getMe");
      return false;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.abort.abort();
    await this.loop;
    this.options.health.stopped();
  }

  /** One update, from a poll or the webhook. Throws only when it should be delivered again. */
  async handleUpdate(update: unknown): Promise<void> {
    const { options } = this;
    options.health.updateSeen();
    this.noteMembership(update);
    const event = readUpdate(update, this.username);
    if (!event) return;
    if (event.kind === "button") {
      await pressButton(event.button, {
        store: options.store,
        review: options.review,
        telegram: options.telegram,
        adminChatId: options.adminChatId,
        admins: options.admins,
      });
      return;
    }
    const post = event.kind === "report" ? event.report.target : event.post;
    if (post.chat.type === "private" || post.chat.id === options.adminChatId) return;
    options.languages.observe(post.chat.id, post.chat.title, undefined);
    if (event.kind === "report") {
      options.languages.observe(post.chat.id, undefined, event.report.languageCode);
      await fileReport(event.report, { ...options, ...this.fileLimit() });
    } else if (event.kind === "report-without-reply") {
      await this.explainReport(post);
    } else if (event.kind === "post") {
      options.languages.observe(post.chat.id, post.text, post.languageCode);
      if (watched(post)) await ingestPost(post, { ...options, ...this.fileLimit() });
    }
  }

  /** A bare `/report`: how to use it, told privately (the group need not hear), when possible. */
  private async explainReport(post: TelegramPost): Promise<void> {
    const { api } = this.options.telegram;
    if (post.authorId === undefined || !post.authorIsUser) return;
    const language = languageOfUser(post.languageCode, this.options.languages.of(post.chat.id));
    await api.sendMessage(post.authorId, notice("reportHowTo", language)).catch(() => undefined);
  }

  private fileLimit(): { maxFileBytes?: number } {
    const max = this.options.maxFileBytes;
    return max === undefined ? {} : { maxFileBytes: max };
  }

  private async poll(): Promise<void> {
    const { telegram } = this.options;
    const baseDelay = this.options.retryDelayMs ?? 2000;
    let delay = baseDelay;
    while (!this.stopping) {
      try {
        if (this.username === undefined && !(await this.connect())) throw null;
        const updates = await telegram.api.getUpdates(
          {
            offset: this.offset,
            timeout: this.options.pollTimeoutSeconds ?? 25,
            allowed_updates: [...ALLOWED_UPDATES],
          },
          this.signal(),
        );
        delay = baseDelay;
        for (const update of updates) {
          if (this.stopping) return;
          await this.handleWithRetries(update);
          // Confirmed only after the update was handled: a crash before gets it again.
          this.offset = update.update_id + 1;
        }
      } catch (error) {
        if (this.stopping) return;
        if (error !== null) this.problem(error, "getUpdates");
        await this.sleep(delay);
        delay = Math.min(delay * 2, 60_000);
      }
    }
  }

  private async handleWithRetries(update: { update_id: number }): Promise<void> {
    const attempts = this.options.updateAttempts ?? 3;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.handleUpdate(update);
      } catch (error) {
        if (this.stopping) throw error;
        if (attempt >= attempts) {
          // Skipped so one bad update cannot stall the chat's others; the log says which.
          this.problem(error, "handleUpdate", { updateId: update.update_id });
          return;
        }
        await this.sleep(500 * 2 ** attempt);
      }
    }
  }

  /** The bot was demoted, kicked or lost a right it needs: say so before an action fails. */
  private noteMembership(update: unknown): void {
    const member = (update as { my_chat_member?: Record<string, unknown> }).my_chat_member;
    if (typeof member !== "object" || member === null) return;
    const chat = member.chat as { id?: unknown; type?: unknown } | undefined;
    const now = member.new_chat_member as Record<string, unknown> | undefined;
    // The admin chat only needs the bot to write there.
    if (!chat || typeof chat.id !== "number" || !now || chat.id === this.options.adminChatId)
      return;
    const status = String(now.status);
    // Channels have no members to ban: deleting is the one right the bot needs there.
    const rights =
      chat.type === "channel"
        ? ["can_delete_messages"]
        : ["can_delete_messages", "can_restrict_members"];
    const missing =
      status === "administrator"
        ? rights.filter((right) => now[right] !== true)
        : [status === "kicked" || status === "left" ? "membership" : "administrator"];
    if (missing.length === 0) return;
    const message = `The bot lacks ${missing.join(", ")} in chat ${chat.id}.`;
    this.problem(new Error(message), "my_chat_member", { chatId: chat.id });
  }

  private problem(error: unknown, method: string, details: JsonObject = {}): void {
    const chatId = typeof details.chatId === "number" ? details.chatId : undefined;
    const found = this.options.health.problem(error, {
      method,
      ...(chatId !== undefined ? { chatId } : {}),
    });
    this.options.log?.error({ ...details, ...found }, "telegram problem");
  }

  /** grammY's Node typings name the abort-controller package's signal; Node's own is the same at run time. */
  private signal(): Parameters<TelegramApi["api"]["getMe"]>[0] {
    return this.abort.signal as Parameters<TelegramApi["api"]["getMe"]>[0];
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.abort.signal.aborted) return resolve();
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** Posts worth an item: media, or text that is not a command to some bot. */
function watched(post: TelegramPost): boolean {
  if (post.media) return true;
  return post.text !== undefined && post.text.trim() !== "" && !post.text.startsWith("/");
}
