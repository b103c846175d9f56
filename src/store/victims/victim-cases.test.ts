import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import type { Store } from "../store.js";

const HOUR = 3_600_000;
const PDQ = (n: number) => n.toString(16).padStart(64, "0");

forEachBackend((backend) => {
  describe("#victimCases and #entryHits", () => {
    let store: Store;
    let clock: ManualClock;
    let entryIds: number[];
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
      await store.banks.create({ id: "victim-submissions", name: "Victims", labels: ["ncii"] });
      const added = await store.entries.addMany(
        "victim-submissions",
        [1, 2, 3].map((n) => ({ signalType: "pdq" as const, value: PDQ(n) })),
      );
      entryIds = [...added.ids];
    });

    // One image per entry unless told which image each entry came from.
    const create = (caseNumber: string, ids: readonly number[], images?: readonly number[]) =>
      store.victimCases.create({
        caseNumber,
        pinHash: "scrypt$0123456789abcdef",
        images: ids.length,
        entries: ids.map((entryId, i) => ({ entryId, image: images?.[i] ?? i })),
      });

    it("stores a case with its entries and no more", async () => {
      const created = await create("VC-AB12-CD34", entryIds);
      expect(created).toEqual({
        caseNumber: "VC-AB12-CD34",
        status: "active",
        images: 3,
        createdAt: "2030-01-01T00:00:00.000Z",
        withdrawnAt: null,
      });
      expect(await store.victimCases.get("VC-AB12-CD34")).toEqual({
        ...created,
        pinHash: "scrypt$0123456789abcdef",
        failedAttempts: 0,
        failedSince: null,
      });
      expect(await store.victimCases.entryIds("VC-AB12-CD34")).toEqual(entryIds);
      expect(await store.victimCases.get("VC-ZZZZ-ZZZZ")).toBeNull();
      expect(await store.victimCases.get("not a number")).toBeNull();
      await expect(create("VC-AB12-CD34", [])).rejects.toMatchObject({ code: "store/conflict" });
    });

    it("counts wrong PINs in a window and starts a new window after it", async () => {
      await create("VC-AB12-CD34", entryIds);
      const windowStart = () => new Date(clock.now().getTime() - HOUR).toISOString();
      expect(await store.victimCases.recordFailure("VC-AB12-CD34", windowStart())).toBe(1);
      clock.advance(HOUR / 2);
      expect(await store.victimCases.recordFailure("VC-AB12-CD34", windowStart())).toBe(2);
      expect((await store.victimCases.get("VC-AB12-CD34"))?.failedSince).toBe(
        "2030-01-01T00:00:00.000Z",
      );
      clock.advance(HOUR);
      expect(await store.victimCases.recordFailure("VC-AB12-CD34", windowStart())).toBe(1);
      await store.victimCases.clearFailures("VC-AB12-CD34");
      expect((await store.victimCases.get("VC-AB12-CD34"))?.failedAttempts).toBe(0);
    });

    it("sums the hits of the case's entries only", async () => {
      await create("VC-AB12-CD34", entryIds.slice(0, 2));
      await store.entryHits.record([entryIds[0]!, entryIds[0]!, entryIds[1]!], "blocked");
      await store.entryHits.record([entryIds[0]!], "blocked");
      await store.entryHits.record([entryIds[1]!], "removed");
      await store.entryHits.record([entryIds[2]!], "removed");
      await store.entryHits.record([], "removed");
      expect(await store.victimCases.hits("VC-AB12-CD34")).toEqual({ blocked: 3, removed: 1 });
      await create("VC-0000-0000", []);
      expect(await store.victimCases.hits("VC-0000-0000")).toEqual({ blocked: 0, removed: 0 });
    });

    it("counts a copy that matched an image's two hashes once", async () => {
      // Entries 0 and 1 are one image's PDQ and MD5; entry 2 is a second image.
      await create("VC-AB12-CD34", entryIds, [0, 0, 1]);
      await store.entryHits.record([entryIds[0]!, entryIds[1]!], "blocked");
      await store.entryHits.record([entryIds[0]!], "blocked");
      await store.entryHits.record([entryIds[2]!], "blocked");
      await store.entryHits.record([entryIds[1]!], "removed");
      expect(await store.victimCases.hits("VC-AB12-CD34")).toEqual({ blocked: 3, removed: 1 });
    });

    it("withdraws, releasing only entries no other active case holds", async () => {
      await create("VC-AAAA-AAAA", entryIds.slice(0, 2));
      await create("VC-BBBB-BBBB", entryIds.slice(1));
      clock.advance(1000);
      const first = await store.victimCases.withdraw("VC-AAAA-AAAA");
      expect(first.case).toMatchObject({
        status: "withdrawn",
        withdrawnAt: "2030-01-01T00:00:01.000Z",
      });
      expect(first.releasedEntryIds).toEqual([entryIds[0]]);
      const second = await store.victimCases.withdraw("VC-BBBB-BBBB");
      expect(second.releasedEntryIds).toEqual(entryIds.slice(1));
      clock.advance(1000);
      const again = await store.victimCases.withdraw("VC-AAAA-AAAA");
      expect(again.case.withdrawnAt).toBe("2030-01-01T00:00:01.000Z");
      await expect(store.victimCases.withdraw("VC-CCCC-CCCC")).rejects.toMatchObject({
        code: "store/not-found",
      });
    });
  });
});
