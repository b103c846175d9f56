import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import type { NewReport } from "./report-types.js";
import type { Store } from "../store.js";

const HASH = "F8F8F0CEE0F4A84F06370A22038F63F0B36E2ED596621E1D33E6B39C4E9C9B22";

const report = (overrides: Partial<NewReport> = {}): NewReport => ({
  contentRef: "https://t.me/c/1/2",
  reporter: "user:1",
  reason: "ncii",
  ...overrides,
});

forEachBackend((backend) => {
  describe("#reports and #cases", () => {
    let store: Store;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
    });

    it("opens a case with the first report of a content", async () => {
      const result = await store.reports.create(report({ contentHash: HASH, text: "It's me." }));
      expect(result.caseCreated).toBe(true);
      expect(result.case).toEqual({
        id: expect.any(String),
        groupKey: HASH.toLowerCase(),
        status: "open",
        severity: 2,
        reportCount: 1,
        createdAt: "2030-01-01T00:00:00.000Z",
        updatedAt: "2030-01-01T00:00:00.000Z",
        closedAt: null,
      });
      expect(result.report).toEqual({
        id: expect.any(String),
        caseId: result.case.id,
        contentRef: "https://t.me/c/1/2",
        contentHash: HASH.toLowerCase(),
        reporter: "user:1",
        reason: "ncii",
        text: "It's me.",
        createdAt: "2030-01-01T00:00:00.000Z",
      });
      expect(await store.reports.get(result.report.id)).toEqual(result.report);
      expect(await store.cases.get(result.case.id)).toEqual(result.case);
      expect(await store.cases.findOpen(HASH.toLowerCase())).toEqual(result.case);
    });

    it("joins later reports of the same hash, from anywhere, to the open case", async () => {
      const first = await store.reports.create(report({ contentHash: HASH }));
      clock.advance(5);
      const second = await store.reports.create(
        report({ contentHash: HASH, contentRef: "elsewhere", reason: "minor", reporter: "user:2" }),
      );
      expect(second.caseCreated).toBe(false);
      expect(second.case).toEqual({
        ...first.case,
        severity: 3,
        reportCount: 2,
        updatedAt: "2030-01-01T00:00:00.005Z",
      });
      const third = await store.reports.create(report({ contentHash: HASH, reason: "other" }));
      expect(third.case).toMatchObject({ severity: 3, reportCount: 3 });
    });

    it("groups by the content reference when no hash is given", async () => {
      const a = await store.reports.create(report({ contentRef: "msg:1" }));
      const b = await store.reports.create(report({ contentRef: "msg:1", reason: "deepfake" }));
      const c = await store.reports.create(report({ contentRef: "msg:2" }));
      expect(b.case.id).toBe(a.case.id);
      expect(b.case.groupKey).toBe("msg:1");
      expect(c.case.id).not.toBe(a.case.id);
    });

    it("joins simultaneous reports of one content into one case", async () => {
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) => store.reports.create(report({ reporter: `u${i}` }))),
      );
      expect(new Set(results.map((r) => r.case.id)).size).toBe(1);
      expect(results.filter((r) => r.caseCreated)).toHaveLength(1);
      const caseId = results[0]!.case.id;
      expect(await store.cases.get(caseId)).toMatchObject({ reportCount: 12 });
      expect((await store.reports.listByCase(caseId)).items).toHaveLength(12);
    });

    it.skipIf(!backend.persistent)(
      "joins simultaneous reports through two separate stores into one case",
      async () => {
        const database = backend.database();
        const one = await database.open();
        const two = await database.open();
        const [a, b] = await Promise.all([
          one.reports.create(report({ contentHash: HASH })),
          two.reports.create(report({ contentHash: HASH })),
        ]);
        expect(a.case.id).toBe(b.case.id);
        expect([a.caseCreated, b.caseCreated].sort()).toEqual([false, true]);
        expect(await one.cases.get(a.case.id)).toMatchObject({ reportCount: 2 });
      },
    );

    it("opens a new case for a content whose case was closed", async () => {
      const first = await store.reports.create(report());
      clock.advance(1000);
      const closed = await store.cases.close(first.case.id);
      expect(closed).toMatchObject({
        status: "closed",
        closedAt: "2030-01-01T00:00:01.000Z",
        updatedAt: "2030-01-01T00:00:01.000Z",
      });
      clock.advance(1000);
      expect(await store.cases.close(first.case.id)).toEqual(closed);
      expect(await store.cases.findOpen(first.case.groupKey)).toBeNull();
      const next = await store.reports.create(report());
      expect(next.caseCreated).toBe(true);
      expect(next.case.id).not.toBe(first.case.id);
    });

    it("lists cases oldest first, by status, a page at a time", async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await store.reports.create(report({ contentRef: `m${i}` }))).case.id);
        clock.advance(1);
      }
      await store.cases.close(ids[1]!);
      const page1 = await store.cases.list({ limit: 2 });
      expect(page1.items.map((c) => c.id)).toEqual(ids.slice(0, 2));
      const page2 = await store.cases.list({ limit: 2, after: page1.next! });
      expect(page2.items.map((c) => c.id)).toEqual(ids.slice(2, 4));
      const page3 = await store.cases.list({ limit: 2, after: page2.next! });
      expect(page3).toEqual({ items: [expect.objectContaining({ id: ids[4] })], next: null });
      const open = await store.cases.list({ status: "open" });
      expect(open.items.map((c) => c.id)).toEqual([ids[0], ids[2], ids[3], ids[4]]);
      expect((await store.cases.list({ status: "closed" })).items.map((c) => c.id)).toEqual([
        ids[1],
      ]);
    });

    it("lists a case's reports oldest first, a page at a time", async () => {
      const created = [];
      for (let i = 0; i < 3; i++) created.push(await store.reports.create(report()));
      const caseId = created[0]!.case.id;
      const page = await store.reports.listByCase(caseId, { limit: 2 });
      expect(page.items).toEqual([created[0]!.report, created[1]!.report]);
      const rest = await store.reports.listByCase(caseId, { after: page.next! });
      expect(rest).toEqual({ items: [created[2]!.report], next: null });
    });

    it("says not-found for a missing case, and null for missing reads", async () => {
      const missing = "0190aaaa-0000-7000-8000-000000000000";
      await expect(store.cases.close(missing)).rejects.toMatchObject({ code: "store/not-found" });
      await expect(store.reports.listByCase(missing)).rejects.toMatchObject({
        code: "store/not-found",
      });
      expect(await store.cases.get(missing)).toBeNull();
      expect(await store.reports.get(missing)).toBeNull();
      // An id from a URL can hold anything; it is refused as invalid, never a crash.
      await expect(store.cases.get("a\u0000b")).rejects.toMatchObject({ code: "store/invalid" });
    });

    it.each([
      ["an unknown reason", report({ reason: "spam" as never }), "reason"],
      ["an empty content reference", report({ contentRef: "" }), "contentRef"],
      [
        "a content reference over 2000 bytes",
        report({ contentRef: "é".repeat(1001) }),
        "contentRef",
      ],
      ["a content hash that is not hex", report({ contentHash: "z".repeat(64) }), "contentHash"],
      ["an empty reporter", report({ reporter: " " }), "reporter"],
    ])("refuses %s", async (_, input, field) => {
      await expect(store.reports.create(input)).rejects.toMatchObject({
        code: "store/invalid",
        details: { field },
      });
      expect((await store.cases.list()).items).toEqual([]);
    });
  });
});
