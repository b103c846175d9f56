import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import { GENESIS_HASH } from "./audit-hash.js";
import type { Store } from "../store.js";

forEachBackend((backend) => {
  describe("#audit", () => {
    let store: Store;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
    });

    it("appends an event with its details and lists it", async () => {
      const event = await store.audit.append({
        actor: "moderator:alice",
        action: "entry.withdraw",
        subjectType: "entry",
        subjectId: "17",
        details: {
          bankId: "victims",
          reason: "appeal upheld",
          nested: { n: 1, list: [true, null] },
        },
      });
      expect(event).toEqual({
        id: expect.any(Number),
        at: "2030-01-01T00:00:00.000Z",
        actor: "moderator:alice",
        action: "entry.withdraw",
        subjectType: "entry",
        subjectId: "17",
        details: {
          bankId: "victims",
          reason: "appeal upheld",
          nested: { n: 1, list: [true, null] },
        },
        prevHash: GENESIS_HASH,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(await store.audit.list()).toEqual({ items: [event], next: null });
    });

    it("keeps backslashes and non-ASCII text in details", async () => {
      const details = { path: "C:\\ud800\\x", emoji: "😀", korean: "신고 접수" };
      const event = await store.audit.append({ actor: "system", action: "x", details });
      expect(event.details).toEqual(details);
      expect((await store.audit.list()).items[0]?.details).toEqual(details);
    });

    it("defaults to no subject and empty details", async () => {
      const event = await store.audit.append({ actor: "system", action: "store.open" });
      expect(event).toMatchObject({ subjectType: null, subjectId: null, details: {} });
    });

    it("lists newest first, a page at a time, and by subject", async () => {
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) {
        const subjectId = i % 2 === 0 ? "even" : "odd";
        ids.push(
          (
            await store.audit.append({
              actor: "system",
              action: `a${i}`,
              subjectType: "bank",
              subjectId,
            })
          ).id,
        );
        clock.advance(1);
      }
      const page1 = await store.audit.list({ limit: 2 });
      expect(page1.items.map((e) => e.action)).toEqual(["a4", "a3"]);
      expect(page1.next).toBe(ids[3]);
      const page2 = await store.audit.list({ limit: 2, before: page1.next! });
      expect(page2.items.map((e) => e.action)).toEqual(["a2", "a1"]);
      const page3 = await store.audit.list({ limit: 2, before: page2.next! });
      expect(page3.items.map((e) => e.action)).toEqual(["a0"]);
      expect(page3.next).toBeNull();
      const even = await store.audit.list({ subjectType: "bank", subjectId: "even" });
      expect(even.items.map((e) => e.action)).toEqual(["a4", "a2", "a0"]);
      expect((await store.audit.list({ subjectType: "case" })).items).toEqual([]);
    });

    it.each([
      ["an empty actor", { actor: "", action: "x" }, "actor"],
      ["details that are a list", { actor: "a", action: "x", details: [1] }, "details"],
      ["details with a NUL", { actor: "a", action: "x", details: { s: "a\u0000" } }, "details"],
      [
        "details with a lone surrogate",
        { actor: "a", action: "x", details: { s: "\ud800" } },
        "details",
      ],
      [
        "details over 16 KiB",
        { actor: "a", action: "x", details: { s: "x".repeat(17_000) } },
        "details",
      ],
    ])("refuses %s", async (_, event, field) => {
      await expect(store.audit.append(event as never)).rejects.toMatchObject({
        code: "store/invalid",
        details: { field },
      });
    });
  });
});
