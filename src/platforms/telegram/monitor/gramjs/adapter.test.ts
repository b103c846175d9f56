import { Api } from "telegram";
import { describe, expect, it } from "vitest";
import { FakeTelegram } from "../../../../../test/helpers/fake-gramjs.js";
import { isMonitorError, type MonitorError } from "../errors.js";
import type { MonitorPost } from "../types.js";
import { GramJsMonitorClient } from "./adapter.js";

const ROOM = 1_234_567_890;

function setUp() {
  const telegram = new FakeTelegram();
  telegram.addChannel({ id: ROOM, username: "Trade_Room", title: "Trade room" });
  const client = new GramJsMonitorClient(telegram);
  return { telegram, client };
}

async function failure(promise: Promise<unknown>): Promise<MonitorError> {
  try {
    await promise;
  } catch (error) {
    if (isMonitorError(error)) return error;
    throw error;
  }
  throw new Error("it succeeded");
}

describe("GramJsMonitorClient", () => {
  it("resolves a public username to the channel, and names a missing one not-found", async () => {
    const { client } = setUp();
    expect(await client.resolve("trade_room")).toMatchObject({
      id: String(ROOM),
      username: "trade_room",
      kind: "channel",
    });
    expect((await failure(client.resolve("nobody_here"))).kind).toBe("not-found");
  });

  it("pages through history newest first, skipping service messages", async () => {
    const { telegram, client } = setUp();
    for (let i = 0; i < 5; i++) telegram.post(ROOM, { text: `post ${i + 1}` });
    telegram.service(ROOM, 6);
    const channel = await client.resolve("trade_room");
    const newest = await client.history(channel, { limit: 3 });
    expect(newest.map((p) => p.messageId)).toEqual([5, 4]);
    const older = await client.history(channel, { limit: 3, offsetId: 4 });
    expect(older.map((p) => p.messageId)).toEqual([3, 2, 1]);
    const newer = await client.history(channel, { limit: 10, minId: 3 });
    expect(newer.map((p) => p.link)).toEqual([
      "https://t.me/trade_room/5",
      "https://t.me/trade_room/4",
    ]);
  });

  it("reads a channel again by its stored id and access hash, without resolving", async () => {
    const { telegram, client } = setUp();
    telegram.post(ROOM, { text: "hello" });
    const channel = await client.resolve("trade_room");
    const again = new GramJsMonitorClient(telegram);
    const calls = telegram.calls.length;
    expect((await again.history({ ...channel }, { limit: 1 }))[0]?.text).toBe("hello");
    expect(telegram.calls.slice(calls)).toEqual(["messages.GetHistory"]);
    const forged = { ...channel, accessHash: "1" };
    expect((await failure(again.history(forged, { limit: 1 }))).kind).toBe("not-found");
  });

  it("downloads media within the limit, and stops a download that outgrows it", async () => {
    const { telegram, client } = setUp();
    const photo = new Uint8Array(100_000).fill(7);
    telegram.post(ROOM, { photo });
    // Declares 1 KB, delivers 300 KB: the bytes that arrive are what counts.
    telegram.post(ROOM, { video: new Uint8Array(300_000), declaredSize: 1_000 });
    telegram.post(ROOM, { video: new Uint8Array(10), declaredSize: 50_000_000 });
    const channel = await client.resolve("trade_room");
    const [big, lying, small] = await client.history(channel, { limit: 10 });
    expect(await client.download(channel, small!, 200_000)).toEqual(photo);

    const stopped = await failure(client.download(channel, lying!, 200_000));
    expect(stopped.kind).toBe("too-large");
    expect(telegram.downloadedBytes).toBeLessThan(100_000 + 200_000 + 65_536 + 1);

    const calls = telegram.calls.length;
    expect((await failure(client.download(channel, big!, 200_000))).kind).toBe("too-large");
    expect(telegram.calls.length).toBe(calls); // refused on the declared size, nothing fetched
  });

  it("downloads a post it did not hand out by fetching the message first", async () => {
    const { telegram, client } = setUp();
    telegram.post(ROOM, { photo: new Uint8Array([1, 2, 3]) });
    const channel = await client.resolve("trade_room");
    const [post] = await client.history(channel, { limit: 1 });
    const copy: MonitorPost = JSON.parse(JSON.stringify(post));
    expect([...(await client.download(channel, copy, 1_000))]).toEqual([1, 2, 3]);
    expect(telegram.calls).toContain("channels.GetMessages");
    telegram.remove(ROOM, 1);
    expect((await failure(client.download(channel, { ...copy }, 1_000))).kind).toBe("gone");
  });

  it("hands pushed channel posts to subscribers until they unsubscribe", async () => {
    const { telegram, client } = setUp();
    const seen: MonitorPost[] = [];
    const stop = client.subscribe((post) => seen.push(post));
    telegram.push(telegram.post(ROOM, { text: "new", photo: new Uint8Array([5]) }));
    telegram.push(telegram.post(ROOM, { text: "edited" }), true);
    expect(seen.map((p) => [p.messageId, p.text, p.channelUsername])).toEqual([
      [1, "new", null],
      [2, "edited", null],
    ]);
    const channel = await client.resolve("trade_room");
    expect([...(await client.download(channel, seen[0]!, 10))]).toEqual([5]);
    stop();
    telegram.push(telegram.post(ROOM, { text: "after" }));
    expect(seen).toHaveLength(2);
    expect(telegram.subscribers).toBe(0);
  });

  it("reports through the option flow, choosing the category that fits", async () => {
    const { telegram, client } = setUp();
    telegram.post(ROOM, { photo: new Uint8Array([1]) });
    const channel = await client.resolve("trade_room");
    const outcome = await client.report(channel, [1], "non-consensual-imagery", "Vigil ref 1");
    expect(outcome).toEqual({
      status: "reported",
      path: ["Illegal adult content", "Non-consensual sexual imagery"],
    });
    expect(telegram.reports).toEqual([
      {
        channelId: String(ROOM),
        ids: [1],
        path: ["Illegal adult content", "Non-consensual sexual imagery"],
        comment: "Vigil ref 1",
      },
    ]);
    await client.report(channel, [1], "child-abuse", "ref 2");
    expect(telegram.reports[1]?.path).toEqual(["Child abuse"]);
  });

  it("falls back to reporting the channel with the old reason codes when no option fits", async () => {
    const { telegram, client } = setUp();
    telegram.post(ROOM, { photo: new Uint8Array([1]) });
    telegram.reportTree = [{ text: "I don't like it" }, { text: "Spam" }];
    const channel = await client.resolve("trade_room");
    const outcome = await client.report(channel, [1], "non-consensual-imagery", "Vigil ref 1");
    expect(outcome).toEqual({ status: "reported-channel", path: [] });
    expect(telegram.reports).toEqual([]);
    expect(telegram.peerReports).toEqual([
      {
        channelId: String(ROOM),
        reason: new Api.InputReportReasonPornography().className,
        message: "Vigil ref 1 https://t.me/trade_room/1",
      },
    ]);
  });

  it("turns FLOOD_WAIT into a flood-wait error with its seconds, and other errors into kinds", async () => {
    const { telegram, client } = setUp();
    const channel = await client.resolve("trade_room");
    telegram.floodWait("messages.GetHistory", 42);
    const flood = await failure(client.history(channel, { limit: 1 }));
    expect([flood.kind, flood.seconds, flood.code]).toEqual([
      "flood-wait",
      42,
      "request/rate-limited",
    ]);
    telegram.rpcError("messages.GetHistory", "CHANNEL_PRIVATE");
    expect((await failure(client.history(channel, { limit: 1 }))).kind).toBe("private");
    telegram.rpcError("messages.GetHistory", "AUTH_KEY_UNREGISTERED", 401);
    expect((await failure(client.history(channel, { limit: 1 }))).kind).toBe("unauthorized");
    telegram.rpcError("messages.GetHistory", "INTERNAL", 500);
    expect((await failure(client.history(channel, { limit: 1 }))).kind).toBe("network");
    telegram.fail("messages.GetHistory", new Error("socket hang up"));
    const network = await failure(client.history(channel, { limit: 1 }));
    expect(network.kind).toBe("network");
    expect(network.message).not.toContain("socket");
    telegram.rpcError("messages.Report", "MESSAGE_ID_INVALID");
    expect((await failure(client.report(channel, [99], "other", ""))).kind).toBe("gone");
  });
});
