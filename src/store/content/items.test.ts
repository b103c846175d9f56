import { beforeEach, describe, expect, it } from "vitest";
import { forEachBackend, manualClock } from "../../../test/helpers/store-backends.js";
import type { NewContentItem } from "./item-types.js";
import type { Store } from "../store.js";

const PDQ = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
const MD5 = "d41d8cd98f00b204e9800998ecf8427e";

const ITEM: NewContentItem = {
  source: "stream",
  idempotencyKey: "telegram:-100123:7",
  platform: "telegram",
  channelId: "-100123",
  externalId: "7",
  authorId: "u42",
  visibility: "public",
  text: "look at this",
  media: [{ url: "https://cdn.example/a.jpg", mimeType: "image/jpeg" }],
  signals: [{ signalType: "md5", value: MD5.toUpperCase() }],
  postedAt: "2030-01-01T00:00:00+09:00",
};

forEachBackend((backend) => {
  describe("#items", () => {
    let store: Store;
    let clock: ReturnType<typeof manualClock>;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
    });

    it("accepts an item queued, with its references and normalised hashes", async () => {
      const { item, created } = await store.items.accept(ITEM);
      expect(created).toBe(true);
      expect(item).toMatchObject({
        source: "stream",
        idempotencyKey: "telegram:-100123:7",
        platform: "telegram",
        channelId: "-100123",
        externalId: "7",
        authorId: "u42",
        visibility: "public",
        text: "look at this",
        media: [{ url: "https://cdn.example/a.jpg", mimeType: "image/jpeg" }],
        postedAt: "2029-12-31T15:00:00.000Z",
        status: "queued",
        verdict: null,
        reasons: [],
        processedAt: null,
        error: null,
      });
      const record = await store.items.get(item.id);
      expect(record?.signals).toEqual([{ signalType: "md5", value: MD5, quality: null }]);
      expect(await store.items.getByKey("telegram:-100123:7")).toEqual(item);
    });

    it("accepts a repeated idempotency key once, also when the repeats race", async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => store.items.accept(ITEM)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.item.id)).size).toBe(1);
      expect(await store.items.counts()).toEqual({ queued: 1, done: 0, failed: 0 });
      // Items without a key are all distinct.
      const { source } = ITEM;
      const a = await store.items.accept({ source });
      const b = await store.items.accept({ source });
      expect(a.item.id).not.toBe(b.item.id);
    });

    it("completes once: the outcome of a redelivered job is not recorded twice", async () => {
      const { item } = await store.items.accept(ITEM);
      const outcome = {
        signals: [{ signalType: "pdq" as const, value: PDQ, quality: 90 }],
        matches: [{ bankId: "victims", entryId: 3, signalType: "pdq" as const, distance: 4 }],
        verdict: "block",
        reasons: ["matched bank `victims` (ncii) at distance 4 via PDQ → block"],
      };
      clock.advance(1500);
      const first = await store.items.complete(item.id, outcome);
      expect(first.completed).toBe(true);
      expect(first.item).toMatchObject({ status: "done", verdict: "block" });
      expect(first.item.processedAt).toBe("2030-01-01T00:00:01.500Z");
      const again = await store.items.complete(item.id, { ...outcome, verdict: "allow" });
      expect(again).toEqual({ item: first.item, completed: false });
      const record = await store.items.get(item.id);
      expect(record?.signals.map((s) => s.signalType)).toEqual(["md5", "pdq"]);
      expect(record?.matches).toHaveLength(1);
      await expect(store.items.complete("nope", outcome)).rejects.toMatchObject({
        code: "store/not-found",
      });
    });

    it("marks failures, lists stale queued items, counts authors' takedowns", async () => {
      const a = (await store.items.accept({ ...ITEM, idempotencyKey: "a" })).item;
      const b = (await store.items.accept({ ...ITEM, idempotencyKey: "b" })).item;
      clock.advance(60_000);
      const c = (await store.items.accept({ ...ITEM, idempotencyKey: "c" })).item;
      const stale = await store.items.listQueued({ before: "2030-01-01T00:00:30.000Z" });
      expect(stale.map((i) => i.id)).toEqual([a.id, b.id]);

      const failed = await store.items.fail(a.id, "fetch/timeout: took too long");
      expect(failed).toMatchObject({ status: "failed", error: "fetch/timeout: took too long" });
      await store.items.complete(b.id, { signals: [], matches: [], verdict: "block", reasons: [] });
      // A done item is not failed by a late error.
      expect((await store.items.fail(b.id, "late")).status).toBe("done");
      expect(await store.items.counts()).toEqual({ queued: 1, done: 1, failed: 1 });
      expect(await store.items.authorTakedowns("telegram", "u42")).toBe(1);
      expect(await store.items.authorTakedowns("telegram", "u42", b.id)).toBe(0);
      expect(await store.items.authorTakedowns("discord", "u42")).toBe(0);
      expect(c.status).toBe("queued");

      // A moderator's removal counts too, until it is overturned; a verdict's takedown stays.
      await store.items.setTakenDown([c.id, b.id], true);
      expect(await store.items.authorTakedowns("telegram", "u42")).toBe(2);
      await store.items.setTakenDown([c.id, b.id], false);
      expect(await store.items.authorTakedowns("telegram", "u42")).toBe(1);
      await expect(store.items.setTakenDown(["x".repeat(65)], true)).rejects.toMatchObject({
        code: "store/invalid",
      });
    });

    it("keeps the analysis learned at ingest, and the worker's whole analysis once done", async () => {
      const atIngest = { kind: "nudity", mediaIndex: 0, scores: { porn: 0.91, neutral: 0.02 } };
      const { item } = await store.items.accept({ ...ITEM, analysis: [atIngest] });
      expect(item.analysis).toEqual([atIngest]);
      const text = { kind: "text", category: "solicitation", span: [0, 4], weight: 0.9 };
      const done = await store.items.complete(item.id, {
        signals: [],
        matches: [],
        analysis: [atIngest, text],
        verdict: "review",
        reasons: [],
      });
      expect(done.item.analysis).toEqual([atIngest, text]);
      // An outcome without an analysis leaves the stored one as it was.
      const other = (await store.items.accept({ ...ITEM, idempotencyKey: "x", analysis: [text] }))
        .item;
      const kept = await store.items.complete(other.id, {
        signals: [],
        matches: [],
        verdict: "allow",
        reasons: [],
      });
      expect(kept.item.analysis).toEqual([text]);
      expect((await store.items.accept({ ...ITEM, idempotencyKey: "y" })).item.analysis).toEqual(
        [],
      );
    });

    it("refuses an analysis that is not a bounded list of objects", async () => {
      for (const analysis of [[1], [null], [[]], Array.from({ length: 513 }, () => ({}))]) {
        await expect(
          store.items.accept({ ...ITEM, analysis: analysis as never }),
        ).rejects.toMatchObject({ code: "store/invalid" });
      }
      const huge = [{ kind: "text", text: "x".repeat(300_000) }];
      await expect(store.items.accept({ ...ITEM, analysis: huge })).rejects.toMatchObject({
        code: "store/invalid",
      });
    });

    it("refuses bad input with the field", async () => {
      await expect(
        store.items.accept({ ...ITEM, visibility: "secret" as "public" }),
      ).rejects.toMatchObject({ code: "store/invalid" });
      await expect(store.items.accept({ ...ITEM, postedAt: "yesterday" })).rejects.toMatchObject({
        code: "store/invalid",
      });
      await expect(
        store.items.accept({ ...ITEM, signals: [{ signalType: "md5", value: "xyz" }] }),
      ).rejects.toMatchObject({ code: "store/invalid" });
    });
  });
});
