import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import type { Store } from "../store.js";

const ruleSet = (id: string) => ({
  rules: [
    {
      id,
      version: 1,
      mode: "live",
      when: { kind: "report_count", atLeast: 3 },
      then: [{ kind: "review" }],
    },
  ],
});

forEachBackend((backend) => {
  describe("#policies", () => {
    let store: Store;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
    });

    it("has no current version before the first save", async () => {
      expect(await store.policies.current()).toBeNull();
      expect(await store.policies.get(1)).toBeNull();
      expect(await store.policies.list()).toEqual({ items: [], next: null });
    });

    it("numbers saves 1, 2, 3 and makes the newest current", async () => {
      const first = await store.policies.save({ ruleSet: ruleSet("a"), createdBy: "cli:amy" });
      clock.advance(1000);
      const second = await store.policies.save({
        ruleSet: ruleSet("b"),
        createdBy: "apikey:k1",
        comment: "tighter",
      });
      expect(first).toEqual({
        version: 1,
        ruleSet: ruleSet("a"),
        createdAt: "2030-01-01T00:00:00.000Z",
        createdBy: "cli:amy",
        comment: null,
      });
      expect(second).toMatchObject({ version: 2, comment: "tighter", ruleSet: ruleSet("b") });
      expect(await store.policies.current()).toEqual(second);
      expect(await store.policies.get(1)).toEqual(first);
    });

    it("gives concurrent saves different versions", async () => {
      const saved = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          store.policies.save({ ruleSet: ruleSet(`r${i}`), createdBy: "test" }),
        ),
      );
      expect(saved.map((p) => p.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    it("lists newest first, a page at a time", async () => {
      for (const id of ["a", "b", "c"]) {
        await store.policies.save({ ruleSet: ruleSet(id), createdBy: "test" });
      }
      const page = await store.policies.list({ limit: 2 });
      expect(page.items.map((p) => p.version)).toEqual([3, 2]);
      expect(page.next).toBe(2);
      const rest = await store.policies.list({ limit: 2, before: 2 });
      expect(rest).toEqual({ items: [await store.policies.get(1)], next: null });
    });

    it("refuses a rule set that is not an object, and a missing author", async () => {
      await expect(
        store.policies.save({ ruleSet: [] as never, createdBy: "test" }),
      ).rejects.toMatchObject({ code: "store/invalid", details: { field: "ruleSet" } });
      await expect(
        store.policies.save({ ruleSet: ruleSet("a"), createdBy: "" }),
      ).rejects.toMatchObject({ code: "store/invalid", details: { field: "createdBy" } });
      expect(await store.policies.current()).toBeNull();
    });
  });
});
