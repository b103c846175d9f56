/**
 * Webhook mode: Telegram POSTs each update here. The secret token set with `setWebhook` comes
 * back in a header and is compared in constant time; anything else is refused before parsing is
 * trusted. An update that fails is answered 500, so Telegram delivers it again.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { describeTelegramError, type TelegramBot } from "../actions/index.js";

export const TELEGRAM_WEBHOOK_PATH = "/telegram/updates";
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export function registerTelegramWebhook(
  app: FastifyInstance,
  bot: TelegramBot,
  secret: string,
  log: FastifyBaseLogger,
): void {
  const expected = Buffer.from(secret);
  app.post(
    TELEGRAM_WEBHOOK_PATH,
    { schema: { hide: true }, bodyLimit: 1024 * 1024 },
    async (request, reply) => {
      const given = Buffer.from(String(request.headers[SECRET_HEADER] ?? ""));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return reply
          .status(401)
          .send({ error: { code: "auth/invalid-key", message: "Unknown sender." } });
      }
      try {
        await bot.handleUpdate(request.body);
      } catch (error) {
        // Not the error object: a network error of the Bot API client can quote the URL, token and all.
        log.error({ problem: describeTelegramError(error) }, "telegram update failed");
        return reply.status(500).send({ error: { code: "internal", message: "Try again." } });
      }
      return reply.status(200).send({ ok: true });
    },
  );
}
