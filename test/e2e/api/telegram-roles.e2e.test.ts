import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterEach, expect, it } from "vitest";
import { encode, scenePixels } from "../../helpers/images.js";
import { StandInBotApi, type TgChat } from "../../helpers/telegram-api.js";
import { PolicyService } from "../../../src/engine/index.js";
import { hashImage } from "../../../src/signals/index.js";
import { openStore } from "../../../src/store/index.js";
import { loadServerConfig } from "../../../src/server/process/config.js";
import { startServer, type RunningServer } from "../../../src/server/process/start.js";

/**
 * The bot in its own process role: a `worker` decides the item, a `connector` runs the bot, and
 * the verdict reaches the bot only through the durable queue the two share. And webhook mode:
 * updates pushed to the route, refused without Telegram's secret header.
 */
const GROUP: TgChat = { id: -100777, type: "supergroup", title: "Study group" };
const running: RunningServer[] = [];
let api: StandInBotApi | undefined;

afterEach(async () => {
  for (const server of running.splice(0).reverse()) await server.close();
  await api?.close();
  api = undefined;
});

function config(dir: string, role: string, env: Record<string, string> = {}) {
  return loadServerConfig({
    env: { VIGIL_DATA_DIR: dir, VIGIL_QUEUE_LEASE_MS: "2000", ...env },
    flags: { port: 0, host: "127.0.0.1", role },
  });
}

it("a worker process decides, the connector process takes the message down", async () => {
  api = await new StandInBotApi().start();
  const dir = mkdtempSync(join(tmpdir(), "vigil-tg-roles-"));
  const original = await encode(scenePixels(512, 384, 5), "jpeg", { quality: 90 });
  const copy = await sharp(original).resize(300).jpeg({ quality: 70 }).toBuffer();
  // The bank and the rule set exist before the processes start (as after an admin's setup).
  const setup = await openStore({ url: `sqlite:${dir}/vigil.db` });
  await setup.banks.create({ id: "victims", name: "Victims", labels: ["ncii"] });
  const { pdq, quality } = await hashImage(original);
  await setup.entries.add("victims", { signalType: "pdq", value: pdq, quality });
  await new PolicyService({ store: setup }).update(
    {
      rules: [
        {
          id: "known-ncii",
          version: 1,
          mode: "live",
          when: { kind: "bank_match", labels: ["ncii"] },
          then: [{ kind: "remove" }],
        },
      ],
    },
    { actor: "test" },
  );
  await setup.close();

  running.push(await startServer(config(dir, "worker"), { logger: false }));
  const telegram = { VIGIL_TELEGRAM_TOKEN: api.token, VIGIL_TELEGRAM_API_ROOT: api.url };
  running.push(await startServer(config(dir, "connector", telegram), { logger: false }));

  const file = api.addFile(copy, "photos/file_1.jpg");
  const posted = api.message({
    chat: GROUP,
    from: { id: 31, first_name: "Sender", language_code: "en" },
    photo: [file],
  });
  api.pushMessage(posted);
  await api.until(() => api!.callsOf("restrictChatMember").length > 0, "the restriction");
  expect(api.callsOf("deleteMessage")).toEqual([
    { chat_id: GROUP.id, message_id: posted.message_id },
  ]);
  // `remove` restricts the sender from posting media for a week; `remove_and_ban` would ban.
  const restricted = api.callsOf("restrictChatMember")[0]!;
  expect(restricted).toMatchObject({
    chat_id: GROUP.id,
    user_id: 31,
    permissions: { can_send_messages: true, can_send_photos: false },
  });
  expect(api.callsOf("banChatMember")).toHaveLength(0);
  await api.until(() => api!.callsOf("sendMessage").length > 0, "the notice");
  expect(api.callsOf("sendMessage")[0]).toMatchObject({
    chat_id: GROUP.id,
    text: "A message that broke this chat's rules was removed.",
  });
});

it("takes updates by webhook only with Telegram's secret header", async () => {
  api = await new StandInBotApi().start();
  const dir = mkdtempSync(join(tmpdir(), "vigil-tg-hook-"));
  const secret = "s3cret-token-for-the-webhook";
  const server = await startServer(
    config(dir, "all", {
      VIGIL_TELEGRAM_TOKEN: api.token,
      VIGIL_TELEGRAM_API_ROOT: api.url,
      VIGIL_TELEGRAM_MODE: "webhook",
      VIGIL_TELEGRAM_WEBHOOK_URL: "https://vigil.example.org",
      VIGIL_TELEGRAM_WEBHOOK_SECRET: secret,
    }),
    { logger: false },
  );
  running.push(server);
  expect(api.callsOf("setWebhook")[0]).toMatchObject({
    url: "https://vigil.example.org/telegram/updates",
    secret_token: secret,
  });
  const update = {
    update_id: 1,
    message: api.message({
      chat: GROUP,
      from: { id: 32, first_name: "Member" },
      text: "hello everyone",
    }),
  };
  const send = (headers: Record<string, string>) =>
    server.app.inject({ method: "POST", url: "/telegram/updates", headers, payload: update });
  expect((await send({})).statusCode).toBe(401);
  expect(
    (await send({ "x-telegram-bot-api-secret-token": "wrong-secret-of-same-len" })).statusCode,
  ).toBe(401);
  expect(
    await server.store.items.getByKey(`telegram:${GROUP.id}:${update.message.message_id}`),
  ).toBeNull();
  expect((await send({ "x-telegram-bot-api-secret-token": secret })).statusCode).toBe(200);
  const item = await server.store.items.getByKey(
    `telegram:${GROUP.id}:${update.message.message_id}`,
  );
  expect(item).toMatchObject({ text: "hello everyone", authorId: "32", visibility: "public" });
  // Nothing polls in webhook mode.
  expect(api.callsOf("getUpdates")).toHaveLength(0);
});

it("shows a revoked token in /healthz and keeps serving", async () => {
  const revoked = await new StandInBotApi().start();
  api = revoked;
  revoked.revoke();
  const dir = mkdtempSync(join(tmpdir(), "vigil-tg-start-"));
  const settings = loadServerConfig({
    env: {
      VIGIL_DATA_DIR: dir,
      VIGIL_TELEGRAM_TOKEN: revoked.token,
      VIGIL_TELEGRAM_API_ROOT: revoked.url,
    },
    flags: { port: 0, host: "127.0.0.1", role: "connector" },
  });
  const server = await startServer(settings, { logger: false });
  running.push(server);
  let body: { status: string; telegram?: { status: string; lastProblem?: { kind: string } } } = {
    status: "",
  };
  for (let i = 0; i < 200 && body.telegram?.status !== "unauthorized"; i++) {
    const response = await server.app.inject({ method: "GET", url: "/healthz" });
    expect(response.statusCode).toBe(200);
    body = response.json();
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  expect(body).toMatchObject({
    status: "ok",
    telegram: { status: "unauthorized", lastProblem: { kind: "unauthorized" } },
  });
  expect(JSON.stringify(body)).not.toContain(revoked.token.split(":")[1]!);
});
