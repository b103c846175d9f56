/**
 * Webhook mode: Telegram POSTs each update here. The secret token set with `setWebhook` comes
 * back in a header and is compared in constant time; anything else is refused before parsing is
 * trusted. An update that fails is answered 500, so Telegram delivers it again.
 */
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { describeTelegramError, type TelegramBot } from "../../platforms/index.js";
import { sameSecret } from "../auth/api-keys.js";

export const TELEGRAM_WEBHOOK_PATH = "/telegram/updates";
const SECRET_HEADER = "x-telegram-bot-api-secret-token";

export function registerTelegramWebhook(
  app: FastifyInstance,
  bot: TelegramBot,
  secret: string,
  log: FastifyBaseLogger,
): void {
  app.post(
    TELEGRAM_WEBHOOK_PATH,
    { schema: { hide: true }, bodyLimit: 1024 * 1024 },
    async (request, reply) => {
      if (!sameSecret(String(request.headers[SECRET_HEADER] ?? ""), secret)) {
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
