/**
 * What the bot's operators need to see in `/healthz`: whether the token works, whether polling
 * runs, and the last Bot API problem (missing admin rights, a chat it cannot read, a revoked
 * token) with the chat it concerns. Problems are recorded here and logged; none stops the process.
 */
import { GrammyError, HttpError } from "grammy";

export type TelegramStatus = "starting" | "ok" | "degraded" | "unauthorized" | "stopped";

export interface TelegramProblem {
  /** `unauthorized` (revoked token), `forbidden` (kicked, no rights), `bad-request`, `rate-limited`, `network`, `other`. */
  readonly kind: string;
  /** The Bot API's description, which never holds the token. */
  readonly message: string;
  readonly method?: string;
  readonly chatId?: string;
  readonly at: string;
}

export interface TelegramHealthView {
  readonly status: TelegramStatus;
  readonly mode: "polling" | "webhook";
  readonly bot: string | null;
  readonly lastUpdateAt: string | null;
  readonly lastProblem: TelegramProblem | null;
  /** Problems since start, by kind. */
  readonly problems: Readonly<Record<string, number>>;
}

export class TelegramHealth {
  private status: TelegramStatus = "starting";
  private bot: string | null = null;
  private lastUpdateAt: string | null = null;
  private lastProblem: TelegramProblem | null = null;
  private readonly counts: Record<string, number> = {};

  constructor(
    private readonly mode: "polling" | "webhook",
    private readonly clock: () => Date = () => new Date(),
  ) {}

  connected(username: string): void {
    this.bot = username;
    this.status = "ok";
  }

  updateSeen(): void {
    this.lastUpdateAt = this.clock().toISOString();
    if (this.status === "degraded") this.status = "ok";
  }

  stopped(): void {
    this.status = "stopped";
  }

  /** Records a failed call; returns the problem (for the log). */
  problem(
    error: unknown,
    context: { method?: string; chatId?: string | number } = {},
  ): TelegramProblem {
    const kind = problemKind(error);
    const found: TelegramProblem = {
      kind,
      message: safeMessage(error),
      ...(context.method ? { method: context.method } : {}),
      ...(context.chatId !== undefined ? { chatId: String(context.chatId) } : {}),
      at: this.clock().toISOString(),
    };
    this.lastProblem = found;
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    if (kind === "unauthorized") this.status = "unauthorized";
    else if (this.status === "ok") this.status = "degraded";
    return found;
  }

  view(): TelegramHealthView {
    return {
      status: this.status,
      mode: this.mode,
      bot: this.bot,
      lastUpdateAt: this.lastUpdateAt,
      lastProblem: this.lastProblem,
      problems: { ...this.counts },
    };
  }
}

export function problemKind(error: unknown): string {
  if (error instanceof GrammyError) {
    if (error.error_code === 401 || error.error_code === 404) return "unauthorized";
    if (error.error_code === 403) return "forbidden";
    if (error.error_code === 429) return "rate-limited";
    if (error.error_code === 400) return "bad-request";
    return "other";
  }
  if (error instanceof HttpError) return "network";
  return "other";
}

/** grammY's HttpError message can quote the request URL, which holds the token: never show it. */
export function safeMessage(error: unknown): string {
  if (error instanceof GrammyError)
    return `${error.error_code}: ${error.description}`.slice(0, 300);
  if (error instanceof HttpError) return "The Bot API could not be reached.";
  if (error instanceof Error && !/\/bot\d+:/.test(error.message))
    return error.message.slice(0, 300);
  return "Unexpected error.";
}

/** The Bot API's answer to deleting a message that is already gone: the goal is reached. */
export function isAlreadyGone(error: unknown): boolean {
  return (
    error instanceof GrammyError &&
    error.error_code === 400 &&
    /message to delete not found|message can't be found|MESSAGE_ID_INVALID/i.test(error.description)
  );
}
