import { describe, expect, it } from "vitest";
import { FakeTelegram } from "../../../../test/helpers/fake-gramjs.js";
import { MemoryWatchList, RecordingIngest } from "../../../../test/helpers/monitor-ports.js";
import { CallGate } from "./call-gate.js";
import { GramJsMonitorClient } from "./gramjs/adapter.js";
import { MonitorHealth } from "./health.js";
import { ChannelMonitor, type ChannelMonitorOptions } from "./monitor.js";
import { addToWatchList } from "./watch-list.js";

const ROOM = 1_500_000_001;
const OTHER = 1_500_000_002;
const START = Date.parse("2026-01-01T00:00:00Z");

async function setUp(options: Partial<ChannelMonitorOptions> = {}) {
  const telegram = new FakeTelegram();
  telegram.addChannel({ id: ROOM, username: "trade_room" });
  telegram.addChannel({ id: OTHER, username: "other_room", megagroup: true });
  // Time moves only when something waits: no test sleeps for real.
  let now = START + 30 * 86_400_000;
  const time = {
    clock: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
  };
  const health = new MonitorHealth(() => new Date(now));
  const gate = new CallGate({
    callsPerMinute: 60,
    maxFloodWaitSeconds: 60,
    onFloodWait: (kind, seconds) => health.floodWait(kind, seconds),
    ...time,
  });
  const watchList = new MemoryWatchList();
  const ingest = new RecordingIngest();
  const monitor = new ChannelMonitor({
    client: new GramJsMonitorClient(telegram),
    watchList,
    ingest,
    health,
    gate,
    historyPosts: 5,
    historyDays: 365,
    pollSeconds: 60,
    maxMediaBytes: 100_000,
    clock: () => new Date(now),
    ...options,
  });
  const watch = async (channel: string) =>
    (await addToWatchList(watchList, { channel, addedBy: "analyst-1" })).entry;
  return {
    telegram,
    watchList,
    ingest,
    health,
    monitor,
    watch,
    time,
    advance: (ms: number) => (now += ms),
  };
}

const roomKey = (id: number) => `telegram:-100${ROOM}:${id}`;

describe("ChannelMonitor", () => {
  it("reads a window of recent history on first sight, oldest first, and the new posts after", async () => {
    const { telegram, ingest, watchList, health, monitor, watch } = await setUp();
    for (let i = 1; i <= 10; i++) telegram.post(ROOM, { text: `post ${i}` });
    const entry = await watch("https://t.me/trade_room");

    expect(await monitor.sweep()).toEqual({ channels: 1, posts: 5, failed: 0 });
    expect(ingest.keysAccepted()).toEqual([6, 7, 8, 9, 10].map(roomKey));
    expect(ingest.accepted[0]).toMatchObject({
      source: "monitor",
      platform: "telegram",
      channelId: `-100${ROOM}`,
      externalId: "6",
      authorId: null,
      visibility: "public",
      text: "post 6",
      media: [],
      unscanned: null,
      evidence: {
        link: "https://t.me/trade_room/6",
        channelUsername: "trade_room",
        channelKind: "channel",
      },
    });
    expect(watchList.get(entry.id)).toMatchObject({
      cursor: 10,
      channel: { username: "trade_room" },
    });

    telegram.post(ROOM, { text: "post 11" });
    telegram.post(ROOM, { text: "post 12", fromUserId: 42 });
    expect((await monitor.sweep()).posts).toBe(2);
    expect(ingest.keysAccepted().slice(5)).toEqual([roomKey(11), roomKey(12)]);
    expect(watchList.get(entry.id).cursor).toBe(12);
    expect((await monitor.sweep()).posts).toBe(0);
    expect(telegram.calls.filter((c) => c === "contacts.ResolveUsername")).toHaveLength(1);
    expect(health.view().channels[0]).toMatchObject({ username: "trade_room", postsSeen: 7 });
  });

  it("leaves out history older than the window's days", async () => {
    const { telegram, ingest, monitor, watch } = await setUp({ historyPosts: 100, historyDays: 2 });
    const day = 86_400;
    const base = (START + 30 * 86_400_000) / 1000;
    telegram.post(ROOM, { text: "old", date: base - 5 * day });
    telegram.post(ROOM, { text: "recent", date: base - day });
    await watch("@trade_room");
    await monitor.sweep();
    expect(ingest.accepted.map((i) => i.text)).toEqual(["recent"]);
  });

  it("catches up with a busy channel over several sweeps without skipping a post", async () => {
    const { telegram, ingest, watchList, monitor, watch } = await setUp({
      historyPosts: 0,
      maxPagesPerSweep: 2,
    });
    telegram.post(ROOM, { text: "before" });
    const entry = await watch("trade_room");
    await monitor.sweep();
    expect(ingest.accepted).toHaveLength(0);
    for (let i = 0; i < 250; i++) telegram.post(ROOM, { text: `burst ${i}` });
    // A stretch of 150 deleted messages, then more posts.
    for (let id = 60; id < 210; id++) telegram.remove(ROOM, id);

    await monitor.sweep();
    await monitor.sweep();
    await monitor.sweep();
    const ids = ingest.accepted.map((input) => Number(input.externalId));
    expect(ids).toEqual([
      ...Array.from({ length: 58 }, (_, i) => i + 2),
      ...Array.from({ length: 42 }, (_, i) => i + 210),
    ]);
    expect(watchList.get(entry.id).cursor).toBe(251);
  });

  it("downloads media within limits, and still sends a post whose media is skipped", async () => {
    const { telegram, ingest, monitor, watch } = await setUp({ historyPosts: 10 });
    telegram.post(ROOM, { photo: new Uint8Array([1, 2, 3]), text: "photo" });
    telegram.post(ROOM, { video: new Uint8Array(10), declaredSize: 900_000, text: "big" });
    telegram.post(ROOM, { document: { bytes: new Uint8Array(5), mimeType: "application/zip" } });
    telegram.post(ROOM, { photo: new Uint8Array([0xba, 0xad]), text: "broken" });
    await watch("trade_room");
    await monitor.sweep();

    const [photo, big, zip, broken] = ingest.accepted;
    expect(photo).toMatchObject({ media: [{ mimeType: "image/jpeg" }], unscanned: null });
    expect([...photo!.media[0]!.bytes]).toEqual([1, 2, 3]);
    expect(big).toMatchObject({
      media: [],
      unscanned: { reason: "too-large", kind: "video", size: 900_000 },
    });
    expect(zip).toMatchObject({ media: [], unscanned: { reason: "not-an-image-or-video" } });
    expect(broken).toMatchObject({
      media: [],
      unscanned: { reason: "media/corrupt", kind: "photo" },
    });
    expect(telegram.calls.filter((c) => c === "downloadMedia")).toHaveLength(2);
  });

  it("handles pushed posts from watched channels only, and does not download them twice", async () => {
    const { telegram, ingest, monitor, watch, health } = await setUp();
    telegram.addChannel({ id: 1_500_000_003, username: "friends_chat" });
    await watch("trade_room");
    monitor.start();
    await monitor.sweep();
    telegram.push(telegram.post(ROOM, { photo: new Uint8Array([7]), text: "pushed" }));
    telegram.push(telegram.post(1_500_000_003, { text: "not watched" }));
    await monitor.settled();
    expect(ingest.accepted.map((i) => [i.text, i.evidence.link])).toEqual([
      ["pushed", "https://t.me/trade_room/1"],
    ]);

    const edited = telegram.post(ROOM, { text: "edited later" });
    edited.editDate = Math.floor(START / 1000) + 999;
    telegram.push(edited, true);
    await monitor.settled();
    expect(ingest.keysAccepted().at(-1)).toBe(
      `${roomKey(2)}:edit:${Math.floor(START / 1000) + 999}`,
    );

    await monitor.sweep();
    expect(telegram.calls.filter((c) => c === "downloadMedia")).toHaveLength(1);
    await monitor.stop();
    expect(telegram.subscribers).toBe(0);
    expect(health.view().status).toBe("stopped");
  });

  it("honours a long FLOOD_WAIT: that channel waits, the others are read, nothing is lost", async () => {
    const { telegram, ingest, monitor, watch, health, advance } = await setUp();
    telegram.post(ROOM, { text: "a" });
    telegram.post(OTHER, { text: "b" });
    await watch("trade_room");
    await watch("other_room");
    await monitor.sweep();
    telegram.post(ROOM, { text: "c" });
    telegram.post(OTHER, { text: "d" });
    telegram.floodWait("messages.GetHistory", 600);

    const result = await monitor.sweep();
    expect(result.failed).toBe(2); // history calls are paused for both, until the wait is over
    expect(health.view().floodWaits).toBe(1);
    expect(health.view().channels[0]?.lastError?.kind).toBe("flood-wait");
    expect(ingest.accepted.map((i) => i.text)).toEqual(["a", "b"]);

    advance(600_000);
    await monitor.sweep();
    expect(ingest.accepted.map((i) => i.text)).toEqual(["a", "b", "c", "d"]);
    expect(health.view().channels[0]?.lastError).toBeNull();
  });

  it("sits out a short FLOOD_WAIT within the sweep", async () => {
    const { telegram, ingest, monitor, watch } = await setUp();
    telegram.post(ROOM, { text: "a" });
    await watch("trade_room");
    telegram.floodWait("messages.GetHistory", 5);
    expect((await monitor.sweep()).failed).toBe(0);
    expect(ingest.accepted).toHaveLength(1);
  });

  it("records a channel it cannot read and goes on with the rest", async () => {
    const { telegram, ingest, monitor, watch, health } = await setUp();
    telegram.post(OTHER, { text: "readable" });
    await watch("gone_channel");
    await watch("other_room");
    expect(await monitor.sweep()).toEqual({ channels: 2, posts: 1, failed: 1 });
    expect(ingest.accepted).toHaveLength(1);
    const view = health.view();
    expect(view.channels.find((c) => c.username === "gone_channel")?.lastError?.kind).toBe(
      "not-found",
    );
    expect(view.status).not.toBe("unauthorized");
  });

  it("stops a sweep when the session is signed out, and says so", async () => {
    const { telegram, monitor, watch, health } = await setUp();
    await watch("trade_room");
    await watch("other_room");
    telegram.rpcError("contacts.ResolveUsername", "AUTH_KEY_UNREGISTERED", 401);
    health.signedIn("@vigil_analyst");
    expect((await monitor.sweep()).failed).toBe(1);
    expect(health.view().status).toBe("unauthorized");
    expect(telegram.calls.filter((c) => c === "contacts.ResolveUsername")).toHaveLength(1);
  });

  it("moves the cursor only past accepted posts, so a failure is read again and not skipped", async () => {
    const { telegram, ingest, watchList, monitor, watch } = await setUp();
    for (let i = 1; i <= 3; i++) telegram.post(ROOM, { text: `p${i}` });
    const entry = await watch("trade_room");
    await monitor.sweep();
    for (let i = 4; i <= 6; i++) telegram.post(ROOM, { text: `p${i}` });
    const seen = ingest.accept.bind(ingest);
    let calls = 0;
    ingest.accept = async (input) => {
      if (++calls === 2) throw new Error("database is locked");
      return seen(input);
    };
    expect((await monitor.sweep()).failed).toBe(1);
    expect(watchList.get(entry.id).cursor).toBe(4);
    await monitor.sweep();
    expect(ingest.accepted.map((i) => i.text)).toEqual(["p1", "p2", "p3", "p4", "p5", "p6"]);
  });

  it("runs in the background until stopped, and only ever reads", async () => {
    let wake: () => void = () => undefined;
    const { telegram, ingest, monitor, watch } = await setUp({
      sleep: (_ms, signal) =>
        new Promise<void>((resolve) => {
          wake = resolve;
          signal.addEventListener("abort", () => resolve(), { once: true });
        }),
    });
    telegram.post(ROOM, { photo: new Uint8Array([1]) });
    await watch("trade_room");
    monitor.start();
    await expect.poll(() => ingest.accepted.length).toBe(1);
    telegram.post(ROOM, { text: "second" });
    wake();
    await expect.poll(() => ingest.accepted.length).toBe(2);
    await monitor.stop();
    const allowed = new Set([
      "contacts.ResolveUsername",
      "messages.GetHistory",
      "channels.GetMessages",
      "downloadMedia",
    ]);
    expect(telegram.calls.filter((call) => !allowed.has(call))).toEqual([]);
  });
});
