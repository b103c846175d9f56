import { describe, expect, it } from "vitest";
import { MemoryWatchList } from "../../../../test/helpers/monitor-ports.js";
import { isMonitorError } from "./errors.js";
import { addToWatchList, entryForChannel } from "./watch-list.js";

describe("addToWatchList", () => {
  it("keeps one entry per channel however it was written", async () => {
    const store = new MemoryWatchList();
    const first = await addToWatchList(store, {
      channel: "https://t.me/Trade_Room/55",
      addedBy: "a1",
      note: "  reported by a victim  ",
    });
    expect(first).toMatchObject({
      created: true,
      entry: { username: "trade_room", note: "reported by a victim", cursor: null, channel: null },
    });
    await store.setActive(first.entry.id, false);
    const again = await addToWatchList(store, { channel: "@trade_room", addedBy: "a2" });
    expect(again.created).toBe(false);
    expect(again.entry).toMatchObject({ id: first.entry.id, active: true });
    expect(await store.list()).toHaveLength(1);
  });

  it("refuses a private invite before anything is stored", async () => {
    const store = new MemoryWatchList();
    const failure = await addToWatchList(store, {
      channel: "https://t.me/+AbCdEf123",
      addedBy: "a1",
    }).catch((error: unknown) => error);
    expect(isMonitorError(failure, "invalid")).toBe(true);
    expect(await store.list()).toHaveLength(0);
  });
});

describe("entryForChannel", () => {
  it("finds a resolved entry by the Bot API form of its channel id", async () => {
    const store = new MemoryWatchList();
    const { entry } = await addToWatchList(store, { channel: "@trade_room", addedBy: "a1" });
    expect(entryForChannel(await store.list(), "-1005")).toBeUndefined();
    await store.resolved(entry.id, {
      id: "5",
      accessHash: "1",
      username: "trade_room",
      title: "T",
      kind: "channel",
    });
    expect(entryForChannel(await store.list(), "-1005")?.id).toBe(entry.id);
    expect(entryForChannel(await store.list(), "5")).toBeUndefined();
  });
});
