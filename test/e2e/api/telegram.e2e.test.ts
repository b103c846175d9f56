import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterEach, beforeAll, expect, it } from "vitest";
import { encode, scenePixels } from "../../helpers/images.js";
import { startTestWorkers, testServer, type TestServer } from "../../helpers/server.js";
import { forEachBackend } from "../../helpers/store-backends.js";
import { StandInBotApi, type TgChat, type TgUser } from "../../helpers/telegram-api.js";
import {
  MANY_REPORTERS_SEVERITY,
  TELEGRAM_TOPIC,
  TelegramEventSink,
  TelegramHealth,
} from "../../../src/platforms/index.js";
import { NO_EVENTS } from "../../../src/engine/index.js";
import { openQueue } from "../../../src/queue/index.js";
import type { Store } from "../../../src/store/index.js";
import { loadServerConfig } from "../../../src/server/process/config.js";
import { createSignals } from "../../../src/server/process/signals.js";
import { startTelegram, type TelegramConnector } from "../../../src/server/process/telegram.js";
import type { Workers } from "../../../src/server/process/workers.js";

/**
 * The Telegram bot end to end, against a local stand-in of the Bot API over HTTP: updates are
 * polled, media fetched through getFile and the file URL, items decided by the real pipeline on
 * a real store and queue, and verdicts carried back to the bot through the `telegram` topic.
 */
const ADMIN_CHAT = -1009999;
const GROUP: TgChat = { id: -1001234, type: "supergroup", title: "우리 동네 모임" };
const POSTER: TgUser = { id: 4201, first_name: "Poster", language_code: "ko" };
const OTHER: TgUser = { id: 4202, first_name: "Other", language_code: "ko" };
const ADMIN: TgUser = { id: 9001, first_name: "Admin", language_code: "en" };

let original: Buffer;
let edited: Buffer;
let unrelated: Buffer;

beforeAll(async () => {
  original = await encode(scenePixels(640, 480, 3), "jpeg", { quality: 90 });
  // What a member would post: the banked picture re-encoded smaller, as Telegram does.
  edited = await sharp(original).resize(320).jpeg({ quality: 60 }).toBuffer();
  unrelated = await encode(scenePixels(640, 480, 8), "jpeg");
});

forEachBackend((backend) => {
  let api: StandInBotApi;
  let server: TestServer | undefined;
  let workers: Workers | undefined;
  let connector: TelegramConnector | undefined;
  let health: TelegramHealth;

  afterEach(async () => {
    await connector?.stop();
    await workers?.stop();
    await server?.app.close();
    await api?.close();
    connector = undefined;
    workers = undefined;
    server = undefined;
  });

  /** The server, its workers and the bot, as one process with role `all` assembles them. */
  async function start(store: Store, env: Record<string, string> = {}) {
    api = await new StandInBotApi().start();
    const queue = await openQueue({
      url: `sqlite:${join(mkdtempSync(join(tmpdir(), "vigil-tg-")), "q.db")}`,
      pollIntervalMs: 20,
    });
    const events = new TelegramEventSink(NO_EVENTS, store, queue);
    server = await testServer(store, {}, { queue, events });
    server.app.addHook("onClose", async () => queue.close());
    const s = server;
    workers = startTestWorkers(s, {
      events,
      // The text and provenance signals, as a real process runs them (the image models have their own e2e).
      analyser: createSignals(
        loadServerConfig({ env: { VIGIL_SIGNALS: "text,provenance" } }).signals,
      )!.analyser,
      concurrency: 2,
    });
    const config = loadServerConfig({
      env: {
        VIGIL_TELEGRAM_TOKEN: api.token,
        VIGIL_TELEGRAM_API_ROOT: api.url,
        VIGIL_TELEGRAM_ADMIN_CHAT: String(ADMIN_CHAT),
        ...env,
      },
    });
    health = new TelegramHealth("polling");
    connector = await startTelegram({
      config,
      telegram: config.telegram!,
      store,
      queue,
      events,
      matcher: () => s.matcher,
      health,
      log: s.app.log,
      backoff: () => 20,
      pollTimeoutSeconds: 1,
      retryDelayMs: 50,
    });
    return { store, queue };
  }

  /** Banks the original picture as NCII; the rule set removes copies and bans the sender. */
  async function bankOriginal(): Promise<void> {
    const s = server!;
    await s.call("POST", "/v1/banks", {
      json: { id: "victims", name: "Victims", labels: ["ncii"] },
    });
    const scanned = await s.call("POST", "/v1/scan", { body: original, contentType: "image/jpeg" });
    const pdq = (scanned.json() as { hashes: { pdq: { hash: string }[] } }).hashes.pdq[0]!.hash;
    await s.call("POST", "/v1/banks/victims/entries", { json: { signalType: "pdq", value: pdq } });
    await s.policies.update(
      {
        rules: [
          {
            id: "known-ncii-ban",
            version: 1,
            mode: "live",
            when: { kind: "bank_match", labels: ["ncii"] },
            then: [{ kind: "remove_and_ban" }],
          },
        ],
      },
      { actor: "test" },
    );
  }

  function photo(from: TgUser, bytes: Buffer, caption?: string) {
    const small = api.addFile(bytes.subarray(0, 10), `photos/thumb_${api.calls.length}.jpg`);
    const large = api.addFile(bytes, `photos/file_${api.calls.length}_${bytes.length}.jpg`);
    return api.message({
      chat: GROUP,
      from,
      photo: [small, large],
      ...(caption ? { caption } : {}),
    });
  }

  async function itemOf(store: Store, messageId: unknown, suffix = "") {
    for (let i = 0; i < 800; i++) {
      const item = await store.items.getByKey(`telegram:${GROUP.id}:${String(messageId)}${suffix}`);
      if (item?.status === "done") return item;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`message ${String(messageId)} was not decided`);
  }

  it("deletes a banked image posted in a group and bans its sender; an unrelated photo stays", async () => {
    const { store } = await start(await backend.open());
    await bankOriginal();
    const banked = photo(POSTER, edited, "ㅋㅋ 이거 봐");
    const other = photo(OTHER, unrelated);
    api.pushMessage(banked);
    api.pushMessage(other);

    expect((await itemOf(store, banked.message_id)).verdict).toBe("remove_and_ban");
    expect((await itemOf(store, other.message_id)).verdict).toBe("allow");
    await api.until(() => api.callsOf("banChatMember").length > 0, "the ban");
    await api.until(
      () => api.callsOf("sendMessage").some((m) => m.chat_id === ADMIN_CHAT),
      "the admin notice",
    );

    const deleted = api.callsOf("deleteMessage");
    expect(deleted).toEqual([{ chat_id: GROUP.id, message_id: banked.message_id }]);
    expect(api.callsOf("banChatMember")).toEqual([{ chat_id: GROUP.id, user_id: POSTER.id }]);
    await api.until(() => api.callsOf("sendMessage").some((m) => m.chat_id === GROUP.id), "notice");
    // The group speaks Korean: the notice does too, and says nothing about the picture.
    expect(api.callsOf("sendMessage").find((m) => m.chat_id === GROUP.id)?.text).toMatch(
      /삭제하고 보낸 사람을 내보냈습니다/,
    );
    expect(api.callsOf("sendMessage").filter((m) => m.chat_id === GROUP.id)).toHaveLength(1);
    const item = await store.items.getByKey(`telegram:${GROUP.id}:${banked.message_id}`);
    expect(item).toMatchObject({
      platform: "telegram",
      channelId: String(GROUP.id),
      authorId: String(POSTER.id),
      visibility: "public",
      text: "ㅋㅋ 이거 봐",
      // The photo keeps its place in the item's media, by type only: bytes and file URLs are gone.
      media: [{ mimeType: "image/jpeg" }],
    });
  });

  it("flags a Korean solicitation for review and brings it to the admin chat; ordinary chat passes", async () => {
    const store = await backend.open();
    await start(store);
    const solicitation = api.message({
      chat: GROUP,
      from: POSTER,
      text: "같은 반 여자애 사진 있는데 ㅈㅇㄴㅇ 해주실 분 구해요 텔레 DM",
    });
    const chat = api.message({ chat: GROUP, from: OTHER, text: "오늘 급식 뭐 나와?" });
    api.pushMessage(solicitation);
    api.pushMessage(chat);
    const card = () =>
      api.callsOf("sendMessage").find((m) => m.chat_id === ADMIN_CHAT && m.reply_markup);
    await api.until(() => card() !== undefined, "the case card in the admin chat");
    const flagged = await itemOf(store, solicitation.message_id);
    expect(flagged).toMatchObject({ status: "done", verdict: "review" });
    expect(flagged.reasons.join(" ")).toContain("solicitation-text");
    expect(flagged.analysis).toContainEqual(
      expect.objectContaining({ kind: "text", category: "solicitation", language: "ko" }),
    );
    const ordinary = await itemOf(store, chat.message_id);
    expect(ordinary).toMatchObject({ status: "done", verdict: "allow", analysis: [] });
    // Review is a moderator's call: nothing is deleted and nobody is banned before it.
    expect(api.callsOf("deleteMessage")).toEqual([]);
    expect(api.callsOf("banChatMember")).toEqual([]);
  });

  it("honours a 429's retry_after, and dead-letters an action that keeps failing", async () => {
    const { store, queue } = await start(await backend.open());
    await bankOriginal();
    api.failNext("deleteMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 1",
      retry_after: 1,
    });
    api.failNext(
      "banChatMember",
      {
        error_code: 400,
        description: "Bad Request: not enough rights to restrict/ban chat member",
      },
      50,
    );
    const banked = photo(POSTER, edited);
    api.pushMessage(banked);
    await itemOf(store, banked.message_id);
    await api.until(() => api.callsOf("deleteMessage").length >= 2, "the repeated delete");
    for (let i = 0; i < 400 && (await queue.deadLetters(TELEGRAM_TOPIC)).length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const dead = await queue.deadLetters(TELEGRAM_TOPIC);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.error).toMatch(/not enough rights/);
    // The delete was retried after the wait, once: the 429 never reached the queue.
    expect(api.callsOf("deleteMessage")).toHaveLength(2);
    expect(health.view().lastProblem).toMatchObject({ kind: "bad-request", method: "ban" });
    expect(api.callsOf("banChatMember").length).toBe(6);
  });

  it("opens a case on /report, raises it with many reporters, and an admin's button decides it", async () => {
    const store = await backend.open();
    const moderator = await store.moderators.create({ name: "ann", role: "moderator" });
    await start(store, { VIGIL_TELEGRAM_ADMINS: `${ADMIN.id}:${moderator.id}` });
    const reported = photo(POSTER, unrelated);
    api.pushMessage(reported);
    const reporters = [OTHER, { ...OTHER, id: 4301 }, { ...OTHER, id: 4302 }];
    for (const reporter of [reporters[0]!, ...reporters]) {
      api.pushMessage(
        api.message({ chat: GROUP, from: reporter, text: "/report", reply_to_message: reported }),
      );
    }
    const card = () =>
      api.callsOf("sendMessage").find((m) => m.chat_id === ADMIN_CHAT && m.reply_markup);
    await api.until(() => card() !== undefined, "the case card");
    await api.until(() => api.callsOf("deleteMessage").length >= 4, "the /report commands removed");
    const buttons = (
      card()!.reply_markup as {
        inline_keyboard: { text: string; callback_data: string }[][];
      }
    ).inline_keyboard[0]!;
    const caseId = buttons[0]!.callback_data.split(":")[2]!;
    const opened = await store.cases.getReview(caseId);
    // Four /report commands from three members: three reports, and the case raised.
    expect(opened).toMatchObject({ status: "open", reportCount: 3 });
    expect(opened!.severity).toBe(MANY_REPORTERS_SEVERITY);
    // The reporter is thanked in private, in their language.
    expect(api.callsOf("sendMessage").find((m) => m.chat_id === OTHER.id)?.text).toMatch(/감사/);
    // A bare `/report` is explained to its sender, privately.
    api.pushMessage(api.message({ chat: GROUP, from: OTHER, text: "/report" }));
    await api.until(
      () =>
        api
          .callsOf("sendMessage")
          .some((m) => m.chat_id === OTHER.id && /답장/.test(String(m.text))),
      "the how-to",
    );

    const adminCard = { message_id: 77, chat: { id: ADMIN_CHAT, type: "supergroup" } };
    const stranger = api.pushCallback({ ...ADMIN, id: 1234 }, adminCard, buttons[1]!.callback_data);
    await api.until(
      () => api.callsOf("answerCallbackQuery").some((a) => a.callback_query_id === stranger),
      "the refusal",
    );
    expect(api.callsOf("answerCallbackQuery")[0]!.text).toMatch(/not mapped/);
    expect((await store.cases.getReview(caseId))!.status).toBe("open");

    const press = api.pushCallback(ADMIN, adminCard, buttons[1]!.callback_data);
    await api.until(
      () => api.callsOf("answerCallbackQuery").some((a) => a.callback_query_id === press),
      "the answer",
    );
    expect(api.callsOf("answerCallbackQuery").at(-1)!.text).toMatch(/remove_and_ban/);
    expect(await store.cases.getReview(caseId)).toMatchObject({
      status: "closed",
      lastDecision: "remove_and_ban",
      decidedBy: moderator.id,
    });
    await api.until(
      () => api.callsOf("banChatMember").some((b) => b.user_id === POSTER.id),
      "the ban after the decision",
    );
    expect(api.callsOf("deleteMessage")).toContainEqual({
      chat_id: GROUP.id,
      message_id: reported.message_id,
    });
  });

  it("takes down an edit that swaps a banked picture into an innocent post", async () => {
    const { store } = await start(await backend.open());
    await bankOriginal();
    const innocent = photo(POSTER, unrelated);
    api.pushMessage(innocent);
    expect((await itemOf(store, innocent.message_id)).verdict).toBe("allow");
    const swapped = photo(POSTER, edited);
    api.push({
      edited_message: { ...swapped, message_id: innocent.message_id, edit_date: 1_800_000_000 },
    });
    await api.until(() => api.callsOf("banChatMember").length > 0, "the ban after the edit");
    expect(api.callsOf("deleteMessage")).toEqual([
      { chat_id: GROUP.id, message_id: innocent.message_id },
    ]);
    const version = await itemOf(store, innocent.message_id, ":edit:1800000000");
    expect(version).toMatchObject({
      verdict: "remove_and_ban",
      externalId: String(innocent.message_id),
    });
  });

  it("deletes a channel post whose notice the channel refuses, without failing the job", async () => {
    const { store, queue } = await start(await backend.open());
    await bankOriginal();
    const channel: TgChat = { id: -1005555, type: "channel", title: "News" };
    api.failNext("sendMessage", {
      error_code: 400,
      description: "Bad Request: need administrator rights in the channel chat",
    });
    const file = api.addFile(edited, "photos/channel.jpg");
    const post = api.message({ chat: channel, sender_chat: channel, photo: [file] });
    api.pushMessage(post);
    await api.until(() => api.callsOf("deleteMessage").length > 0, "the delete");
    await api.until(
      () => api.callsOf("sendMessage").some((m) => m.chat_id === ADMIN_CHAT),
      "the admin notice after the refused one",
    );
    expect(api.callsOf("deleteMessage")).toEqual([
      { chat_id: channel.id, message_id: post.message_id },
    ]);
    // A channel is its own author: nobody to ban.
    expect(api.callsOf("banChatMember")).toHaveLength(0);
    expect(await queue.deadLetters(TELEGRAM_TOPIC)).toHaveLength(0);
    const skipped = await store.actionLog.list({ kind: "telegram.notice" });
    expect(skipped.items.map((action) => action.outcome)).toEqual(["skipped"]);
  });

  it("shows in the health view a chat where the bot lacks the right to delete", async () => {
    await start(await backend.open());
    api.push({
      my_chat_member: {
        chat: GROUP,
        from: POSTER,
        date: 1,
        old_chat_member: { user: { id: 7_000_000_001, is_bot: true }, status: "member" },
        new_chat_member: {
          user: { id: 7_000_000_001, is_bot: true },
          status: "administrator",
          can_delete_messages: false,
          can_restrict_members: true,
        },
      },
    });
    for (let i = 0; i < 400 && health.view().lastProblem === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(health.view()).toMatchObject({
      status: "degraded",
      bot: "vigil_test_bot",
      lastProblem: {
        chatId: String(GROUP.id),
        message: expect.stringMatching(/can_delete_messages/),
      },
    });
  });

  it("records a file over the Bot API's download limit as unscanned, without fetching it", async () => {
    const { store } = await start(await backend.open());
    const file = api.addFile(unrelated, "documents/big.mp4", 25 * 1024 * 1024);
    const big = api.message({
      chat: GROUP,
      from: POSTER,
      caption: "big video",
      document: { ...file, mime_type: "video/mp4", file_name: "big.mp4" },
    });
    api.pushMessage(big);
    const item = await itemOf(store, big.message_id);
    expect(item.verdict).toBe("allow");
    const unscanned = await store.actionLog.getByKey(`telegram:unscanned:${item.id}`);
    expect(unscanned).toMatchObject({
      kind: "telegram.unscanned",
      outcome: "skipped",
      detail: { reason: "too-large", fileSize: 25 * 1024 * 1024, kind: "document" },
    });
    expect(api.callsOf("getFile")).toHaveLength(0);
  });
});
