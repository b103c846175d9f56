/**
 * actions — what Vigil does with a verdict beyond a platform, and how it trades hashes: signed
 * webhooks (`WebhookDispatcher` queues events, `startWebhookDelivery` sends them, with retries,
 * dead letters and replay; docs/WEBHOOKS.md) and hash exchanges (hash lists in and out: plain,
 * CSV, StopNCII-shaped JSON). Platform adapters (the Telegram bot) live in `platforms`.
 *
 * It must never decide a verdict (that is the engine's and the policies' job), never send content
 * bytes or pixels anywhere — only hashes, ids and decisions — and never log content.
 */
export { formatHashList } from "./exchange/format.js";
export { parseHashList } from "./exchange/parse.js";
export type { HashListFormat, ParseHashListOptions } from "./exchange/types.js";
export { newWebhookSecret, verifyWebhookSignature } from "./webhooks/signature.js";
export { enqueueWebhook, WebhookDispatcher } from "./webhooks/dispatcher.js";
export { startWebhookDelivery } from "./webhooks/delivery.js";
export { redeliverWebhook, replayWebhookDeadLetter } from "./webhooks/replay.js";
export { WEBHOOK_TOPIC } from "./webhooks/job.js";
