/**
 * platforms — one folder per platform Vigil watches and acts on. Telegram today: the bot
 * (`telegram/bot/`, grammY) added as an administrator reads updates, ingests photos, videos and
 * text, takes `/report`, brings cases to an admin chat with decision buttons, and carries out
 * verdicts (delete, ban or restrict, a notice in Korean or English) from `telegram` jobs
 * (docs/TELEGRAM.md). A channel monitor will sit beside the bot in `telegram/monitor/`.
 *
 * It must never decide a verdict (platform content goes through the engine's ingest like any
 * other), never keep or log content bytes, and never leak a bot token (errors are described
 * without the request URL).
 */
export { createTelegramApi, type TelegramApi } from "./telegram/bot/api.js";
export { ALLOWED_UPDATES, TelegramBot } from "./telegram/bot/bot.js";
export { safeMessage as describeTelegramError, TelegramHealth } from "./telegram/bot/health.js";
export { ChatLanguages } from "./telegram/bot/language.js";
export { TELEGRAM_TOPIC, TelegramEventSink } from "./telegram/bot/sink.js";
export { startTelegramActions } from "./telegram/bot/takedown.js";
export { MANY_REPORTERS_SEVERITY } from "./telegram/bot/report.js";
