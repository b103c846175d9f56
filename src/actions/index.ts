/**
 * actions — what Vigil does with a verdict and how it talks to the outside: signed webhooks,
 * platform adapters (Telegram), and hash exchanges (import and export of hash lists, feedback).
 * Webhooks: `WebhookDispatcher` queues events, `startWebhookDelivery` sends them (docs/WEBHOOKS.md).
 * Telegram: `TelegramBot` reads updates, `TelegramEventSink` queues verdicts for it,
 * `startTelegramActions` carries them out (docs/TELEGRAM.md).
 *
 * It must never decide a verdict (that is the engine's and the policies' job), never send content
 * bytes or pixels anywhere — only hashes, ids and decisions — and never log content.
 */
export { formatHashList } from "./exchange/format.js";
export { detectHashListFormat, parseHashList } from "./exchange/parse.js";
export { STOPNCII_TYPE } from "./exchange/stopncii.js";
export type {
  ExchangeEntry,
  ExchangeSignalType,
  ExchangeStatus,
  FormatHashListOptions,
  FormattedHashList,
  HashListError,
  HashListFormat,
  HashListParse,
  HashRecord,
  ParseHashListOptions,
} from "./exchange/types.js";
export {
  DEFAULT_TOLERANCE_SECONDS,
  newWebhookSecret,
  SIGNATURE_HEADER,
  signWebhook,
  verifyWebhookSignature,
  type VerifyOptions,
} from "./webhooks/signature.js";
export { enqueueWebhook, WebhookDispatcher } from "./webhooks/dispatcher.js";
export {
  DEFAULT_WEBHOOK_ATTEMPTS,
  DEFAULT_WEBHOOK_BACKOFF,
  startWebhookDelivery,
  type WebhookDeliveryOptions,
} from "./webhooks/delivery.js";
export { redeliverWebhook, replayWebhookDeadLetter } from "./webhooks/replay.js";
export { deliveryKey, WEBHOOK_TOPIC, type WebhookJob } from "./webhooks/job.js";
export { USER_AGENT, webhookBody, type FetchLike } from "./webhooks/post.js";
export {
  BOT_API_DOWNLOAD_LIMIT,
  createTelegramApi,
  type TelegramApi,
  type TelegramApiOptions,
} from "./telegram/api.js";
export { retryAfter, type RetryAfterOptions } from "./telegram/retry-after.js";
export {
  ALLOWED_UPDATES,
  TelegramBot,
  type TelegramBotOptions,
  type TelegramLog,
} from "./telegram/bot.js";
export {
  safeMessage as describeTelegramError,
  TelegramHealth,
  type TelegramHealthView,
} from "./telegram/health.js";
export { ChatLanguages, type Language } from "./telegram/language.js";
export { TELEGRAM_TOPIC, TelegramEventSink } from "./telegram/sink.js";
export {
  RESTRICT_DAYS,
  startTelegramActions,
  type TelegramActionsOptions,
} from "./telegram/takedown.js";
export { MANY_REPORTERS, MANY_REPORTERS_SEVERITY } from "./telegram/report.js";
export { postKey } from "./telegram/ingest-post.js";
