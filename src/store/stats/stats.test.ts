import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import type { Store } from "../store.js";
import { bucketLabels, bucketOfDay } from "./stats-buckets.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PDQ = (n: number) => n.toString(16).padStart(64, "0");

describe("stats buckets", () => {
  it("labels days, ISO weeks and months in UTC, oldest first", () => {
    const now = new Date("2030-01-02T23:59:00.000Z"); // a Wednesday
    expect(bucketLabels("day", 3, now)).toEqual(["2029-12-31", "2030-01-01", "2030-01-02"]);
    expect(bucketLabels("week", 2, now)).toEqual(["2029-12-24", "2029-12-31"]);
    expect(bucketLabels("month", 3, now)).toEqual(["2029-11", "2029-12", "2030-01"]);
    expect(bucketOfDay("week", "2030-01-06")).toBe("2029-12-31");
    expect(bucketOfDay("week", "2030-01-07")).toBe("2030-01-07");
    expect(bucketOfDay("month", "2030-01-31")).toBe("2030-01");
  });
});

forEachBackend((backend) => {
  describe("#stats", () => {
    let store: Store;
    let clock: ManualClock;
    let entry: number;
    beforeEach(async () => {
      // Wednesday 2030-01-02, noon.
      clock = manualClock("2030-01-02T12:00:00.000Z");
      store = await backend.open({ clock: clock.now });
      await store.banks.create({ id: "known", name: "Known", labels: ["ncii", "deepfake"] });
      await store.banks.create({ id: "minors", name: "Minors", labels: ["minor"] });
      const added = await store.entries.add("known", { signalType: "pdq", value: PDQ(1) });
      entry = added.entry.id;
    });

    const scanned = (matched: boolean, bankId = "known") =>
      store.scans.record({
        signals: [{ signalType: "pdq", value: PDQ(2), quality: 90 }],
        matches: matched ? [{ bankId, entryId: entry, signalType: "pdq", distance: 3 }] : [],
      });

    async function streamed(verdict: string, matched: boolean) {
      const { item } = await store.items.accept({ source: "stream" });
      await store.items.complete(item.id, {
        signals: [],
        matches: matched
          ? [{ bankId: "known", entryId: entry, signalType: "pdq", distance: 0 }]
          : [],
        verdict,
        reasons: [],
      });
    }

    it("counts items, matches and takedowns per day, source and label", async () => {
      clock.advance(-2 * DAY); // Monday
      await scanned(false);
      await streamed("block", true);
      clock.advance(2 * DAY); // Wednesday
      await scanned(true);
      await scanned(true, "minors");
      await streamed("allow", false);
      await store.items.accept({ source: "telegram" });
      await store.reports.create({ contentRef: "m/1", reporter: "u", reason: "ncii" });
      await store.victimCases.create({
        caseNumber: "VC-AAAA-AAAA",
        pinHash: "scrypt$0123456789abcdef",
        images: 3,
        entries: [],
      });

      const daily = await store.stats.summary({ period: "day", buckets: 3 });
      expect(daily.period).toBe("day");
      expect(daily.since).toBe("2029-12-31T00:00:00.000Z");
      expect(daily.series).toEqual([
        { bucket: "2029-12-31", scanned: 2, matched: 1, removed: 1 },
        { bucket: "2030-01-01", scanned: 0, matched: 0, removed: 0 },
        { bucket: "2030-01-02", scanned: 4, matched: 2, removed: 0 },
      ]);
      expect(daily.bySource).toEqual({ scan: 3, stream: 2, telegram: 1, report: 1, victim: 3 });
      expect(daily.byLabel).toEqual({ ncii: 2, deepfake: 2, minor: 1 });

      // Only today: Monday's items fall outside.
      const today = await store.stats.summary({ period: "day", buckets: 1 });
      expect(today.series).toEqual([{ bucket: "2030-01-02", scanned: 4, matched: 2, removed: 0 }]);
      expect(today.bySource).toMatchObject({ scan: 2, stream: 1 });

      const weekly = await store.stats.summary({ period: "week", buckets: 2 });
      expect(weekly.series).toEqual([
        { bucket: "2029-12-24", scanned: 0, matched: 0, removed: 0 },
        { bucket: "2029-12-31", scanned: 6, matched: 3, removed: 1 },
      ]);
      const monthly = await store.stats.summary({ period: "month", buckets: 2 });
      expect(monthly.series).toEqual([
        { bucket: "2029-12", scanned: 2, matched: 1, removed: 1 },
        { bucket: "2030-01", scanned: 4, matched: 2, removed: 0 },
      ]);
    });

    it("takes the median time from report to decision, and ages open cases", async () => {
      const mod = await store.moderators.create({ name: "mina", role: "lead" });
      const decideAfter = async (ref: string, seconds: number) => {
        const { case: opened } = await store.reports.create({
          contentRef: ref,
          reporter: "u",
          reason: "ncii",
        });
        clock.advance(seconds * 1000);
        await store.decisions.record({
          caseId: opened.id,
          moderatorId: mod.id,
          decision: "remove",
          reason: "ncii",
          privileged: true,
        });
      };
      expect(
        (await store.stats.summary({ period: "day", buckets: 7 })).medianReportToDecisionSeconds,
      ).toBeNull();
      await decideAfter("a", 60);
      await decideAfter("b", 600);
      await decideAfter("c", 120);
      expect(
        (await store.stats.summary({ period: "day", buckets: 7 })).medianReportToDecisionSeconds,
      ).toBe(120);
      await decideAfter("d", 300);
      expect(
        (await store.stats.summary({ period: "day", buckets: 7 })).medianReportToDecisionSeconds,
      ).toBe(210);

      await store.reports.create({ contentRef: "old", reporter: "u", reason: "ncii" });
      clock.advance(20 * HOUR);
      await store.reports.create({ contentRef: "mid", reporter: "u", reason: "ncii" });
      clock.advance(30 * HOUR);
      await store.reports.create({ contentRef: "new", reporter: "u", reason: "minor" });
      clock.advance(HOUR);
      const { openCasesByAge } = await store.stats.summary({ period: "day", buckets: 7 });
      expect(openCasesByAge).toEqual({ under24h: 1, under48h: 1, older: 1 });
    });

    it("finds cases by id, content hash and author", async () => {
      const hash = PDQ(7);
      const reported = await store.reports.create({
        contentRef: "m/1",
        contentHash: hash,
        reporter: "u",
        reason: "ncii",
      });
      const { item } = await store.items.accept({
        source: "stream",
        authorId: "author-42",
        signals: [{ signalType: "md5", value: "ab".repeat(16) }],
      });
      const { case: linked } = await store.cases.openForItem({
        groupKey: `item:${item.id}`,
        itemId: item.id,
        severity: 2,
      });
      expect(await store.stats.searchCases(reported.case.id)).toEqual([reported.case.id]);
      expect(await store.stats.searchCases(hash.toUpperCase())).toEqual([reported.case.id]);
      expect(await store.stats.searchCases("AB".repeat(16))).toEqual([linked.id]);
      expect(await store.stats.searchCases("author-42")).toEqual([linked.id]);
      expect(await store.stats.searchCases("nobody")).toEqual([]);
      expect(await store.stats.searchCases("  ")).toEqual([]);
    });

    it("refuses a bad period or bucket count", async () => {
      await expect(
        store.stats.summary({ period: "year" as "day", buckets: 3 }),
      ).rejects.toMatchObject({ code: "store/invalid" });
      await expect(store.stats.summary({ period: "day", buckets: 0 })).rejects.toMatchObject({
        code: "store/invalid",
      });
    });
  });
});
