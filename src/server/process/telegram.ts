/**
 * The Telegram connector in a process (roles `all` and `connector`): the bot that reads updates,
 * and the consumer of `telegram` jobs that carries out verdicts and decisions. Decisions pressed
 * in the admin chat go through a ReviewService of this process, as the console's do.
 */
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import {
  ALLOWED_UPDATES,
  ChatLanguages,
  createTelegramApi,
  startTelegramActions,
  TelegramBot,
  TelegramHealth,
  type TelegramApi,
} from "../../platforms/index.js";
import {
  BankService,
  ConfirmedBank,
  IngestService,
  type ContentAnalyser,
  ReviewService,
  type BankMatcher,
  type EventSink,
} from "../../engine/index.js";
import type { Backoff, JobQueue } from "../../queue/index.js";
import type { Store } from "../../store/index.js";
import type { ServerConfig, TelegramConfig } from "./config.js";
import { registerTelegramWebhook, TELEGRAM_WEBHOOK_PATH } from "../routes/telegram-webhook.js";

export interface TelegramDeps {
  readonly config: ServerConfig;
  readonly telegram: TelegramConfig;
  readonly store: Store;
  readonly queue: JobQueue;
  /** The process's event sink (webhooks and the `telegram` topic). */
  readonly events: EventSink;
  readonly matcher: () => BankMatcher;
  /** The AI signal providers: photos the bot fetches are analysed before their bytes are dropped. */
  readonly analyser?: ContentAnalyser;
  readonly health: TelegramHealth;
  readonly log: FastifyBaseLogger;
  /** Webhook mode: the app the update route is added to (before it listens). */
  readonly app?: FastifyInstance;
  /** Tests shorten these. */
  readonly backoff?: Backoff;
  readonly pollTimeoutSeconds?: number;
  readonly retryDelayMs?: number;
}

export interface TelegramConnector {
  readonly bot: TelegramBot;
  readonly api: TelegramApi;
  /** Stops polling and the job consumer (running jobs finish). */
  stop(): Promise<void>;
}

export function telegramHealthOf(config: ServerConfig): TelegramHealth | undefined {
  return config.telegram ? new TelegramHealth(config.telegram.mode) : undefined;
}

export async function startTelegram(deps: TelegramDeps): Promise<TelegramConnector> {
  const { telegram, store, queue, health, log } = deps;
  const api = createTelegramApi({
    token: telegram.token,
    ...(telegram.apiRoot ? { apiRoot: telegram.apiRoot } : {}),
    retry: {
      onWait: (method, seconds) => log.warn({ method, seconds }, "telegram rate limit: waiting"),
    },
  });
  const languages = new ChatLanguages(telegram.language);
  const review = new ReviewService({
    store,
    events: deps.events,
    confirmed: new ConfirmedBank(
      store,
      new BankService(store, deps.matcher()),
      deps.config.confirmedBankId,
    ),
    leaseMs: deps.config.reviewLeaseMs,
  });
  const bot = new TelegramBot({
    store,
    ingest: new IngestService(store, queue, deps.analyser),
    events: deps.events,
    review,
    telegram: api,
    health,
    languages,
    admins: telegram.admins,
    ...(telegram.adminChatId !== undefined ? { adminChatId: telegram.adminChatId } : {}),
    log,
    ...(deps.pollTimeoutSeconds !== undefined
      ? { pollTimeoutSeconds: deps.pollTimeoutSeconds }
      : {}),
    ...(deps.retryDelayMs !== undefined ? { retryDelayMs: deps.retryDelayMs } : {}),
  });
  const actions = startTelegramActions({
    queue,
    store,
    telegram: api,
    health,
    languages,
    ...(telegram.adminChatId !== undefined ? { adminChatId: telegram.adminChatId } : {}),
    ...(deps.backoff ? { backoff: deps.backoff } : {}),
    onError: (error) => log.error({ err: error }, "telegram queue error"),
    onProblem: (message, details) => log.error(details, message),
  });
  if (telegram.mode === "webhook" && deps.app) {
    registerTelegramWebhook(deps.app, bot, telegram.webhookSecret ?? "", log);
    if (await bot.connect()) {
      // A failure here (a bad URL, a revoked token) is in the health view; the process runs on.
      await api.api
        .setWebhook(`${telegram.webhookUrl}${TELEGRAM_WEBHOOK_PATH}`, {
          secret_token: telegram.webhookSecret!,
          allowed_updates: [...ALLOWED_UPDATES],
        })
        .catch((error: unknown) => {
          log.error(health.problem(error, { method: "setWebhook" }), "telegram problem");
        });
    }
  } else {
    bot.startPolling();
  }
  return {
    bot,
    api,
    async stop() {
      await bot.stop();
      await actions.stop();
    },
  };
}
