import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import type { Store } from "../store.js";

const HASH = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
const LEASE = { leaseMs: 60_000, role: "moderator" } as const;

forEachBackend((backend) => {
  describe("#cases review queue, #decisions, #appeals, #moderators", () => {
    let store: Store;
    let clock: ManualClock;
    let ann: string;
    let bob: string;
    let lead: string;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
      ann = (await store.moderators.create({ name: "ann", role: "moderator" })).id;
      bob = (await store.moderators.create({ name: "bob", role: "moderator" })).id;
      lead = (await store.moderators.create({ name: "lea", role: "lead" })).id;
    });

    const scanned = async () =>
      (
        await store.scans.record({
          signals: [{ signalType: "md5", value: "a".repeat(32) }],
          matches: [],
        })
      ).item.id;

    it("opens a case for an item, joins the next, and links a redelivered item once", async () => {
      const item = await scanned();
      const first = await store.cases.openForItem({
        groupKey: HASH,
        itemId: item,
        severity: 1,
        ruleId: "r1",
      });
      expect(first.created).toBe(true);
      expect(first.case).toMatchObject({
        reportCount: 0,
        itemCount: 1,
        severity: 1,
        status: "open",
      });
      clock.advance(1000);
      const again = await store.cases.openForItem({ groupKey: HASH, itemId: item, severity: 3 });
      expect(again).toEqual({ case: first.case, created: false });
      const other = await store.cases.openForItem({
        groupKey: HASH,
        itemId: await scanned(),
        severity: 3,
      });
      expect(other).toMatchObject({
        created: false,
        case: { id: first.case.id, itemCount: 2, severity: 3 },
      });
      const report = await store.reports.create({
        contentRef: "m1",
        contentHash: HASH,
        reporter: "u",
        reason: "ncii",
      });
      expect(report.case.id).toBe(first.case.id);
      expect((await store.cases.items(first.case.id)).map((i) => i.ruleId)).toEqual(["r1", null]);
    });

    it("opens one case for simultaneous items of one content", async () => {
      const items = await Promise.all(Array.from({ length: 8 }, scanned));
      const results = await Promise.all(
        items.map((itemId) => store.cases.openForItem({ groupKey: HASH, itemId, severity: 2 })),
      );
      expect(new Set(results.map((r) => r.case.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await store.cases.getReview(results[0]!.case.id)).toMatchObject({ itemCount: 8 });
    });

    it("orders the queue by severity, then age, and hides escalated cases from moderators", async () => {
      const low = (
        await store.cases.openForItem({ groupKey: "a", itemId: await scanned(), severity: 1 })
      ).case;
      clock.advance(1);
      const high = (
        await store.cases.openForItem({ groupKey: "b", itemId: await scanned(), severity: 3 })
      ).case;
      clock.advance(1);
      const low2 = (
        await store.cases.openForItem({ groupKey: "c", itemId: await scanned(), severity: 1 })
      ).case;
      expect((await store.cases.queue({ role: "moderator" })).map((c) => c.id)).toEqual([
        high.id,
        low.id,
        low2.id,
      ]);
      await store.cases.claim(high.id, ann, LEASE);
      await store.decisions.record({
        caseId: high.id,
        moderatorId: ann,
        decision: "escalate",
        reason: "minor",
      });
      expect((await store.cases.queue({ role: "moderator" })).map((c) => c.id)).toEqual([
        low.id,
        low2.id,
      ]);
      expect((await store.cases.queue({ role: "lead" })).map((c) => c.id)).toEqual([
        high.id,
        low.id,
        low2.id,
      ]);
      expect(await store.cases.claimNext(bob, LEASE)).toMatchObject({ id: low.id, assignee: bob });
      await expect(store.cases.claim(high.id, bob, LEASE)).rejects.toMatchObject({
        code: "store/conflict",
        details: { reason: "escalated" },
      });
      expect(await store.cases.claimNext(lead, { ...LEASE, role: "lead" })).toMatchObject({
        id: high.id,
        escalated: true,
      });
    });

    it("never gives two simultaneous claimers the same case, and re-offers an expired lease", async () => {
      for (let i = 0; i < 6; i++) {
        await store.cases.openForItem({ groupKey: `k${i}`, itemId: await scanned(), severity: 1 });
      }
      const mods = [ann, bob, lead, ann, bob, lead];
      const claimed = await Promise.all(mods.map((m) => store.cases.claimNext(m, LEASE)));
      expect(claimed.every((c) => c !== null)).toBe(true);
      expect(new Set(claimed.map((c) => c?.id)).size).toBe(6);
      expect(await store.cases.claimNext(ann, LEASE)).toBeNull();
      await expect(store.cases.claim(claimed[0]!.id, bob, LEASE)).rejects.toMatchObject({
        details: { reason: "leased" },
      });
      clock.advance(60_000);
      expect(await store.cases.claimNext(ann, LEASE)).toMatchObject({
        id: claimed[0]!.id,
        assignee: ann,
      });
      await expect(store.cases.renewLease(claimed[1]!.id, ann, 1000)).rejects.toMatchObject({
        details: { reason: "not-holder" },
      });
      expect(await store.cases.release(claimed[0]!.id, ann)).toMatchObject({
        assignee: null,
        leaseUntil: null,
      });
    });

    it("records a decision only from the lease holder or a privileged lead", async () => {
      const { case: c } = await store.cases.openForItem({
        groupKey: HASH,
        itemId: await scanned(),
        severity: 2,
      });
      const decide = { caseId: c.id, decision: "remove", reason: "ncii", note: "seen" } as const;
      await expect(store.decisions.record({ ...decide, moderatorId: ann })).rejects.toMatchObject({
        details: { reason: "not-holder" },
      });
      await store.cases.claim(c.id, ann, LEASE);
      await expect(store.decisions.record({ ...decide, moderatorId: bob })).rejects.toMatchObject({
        code: "store/conflict",
      });
      const done = await store.decisions.record({
        ...decide,
        moderatorId: ann,
        addedEntryIds: [7, 9],
      });
      expect(done.case).toMatchObject({
        status: "closed",
        lastDecision: "remove",
        decidedBy: ann,
        assignee: null,
      });
      expect(done.decision).toMatchObject({
        decision: "remove",
        reason: "ncii",
        note: "seen",
        addedEntryIds: [7, 9],
      });
      expect(await store.decisions.listByCase(c.id)).toEqual([done.decision]);
      await expect(
        store.decisions.record({ ...decide, moderatorId: lead, privileged: true }),
      ).rejects.toMatchObject({
        details: { reason: "closed" },
      });
      await expect(
        store.decisions.record({ ...decide, moderatorId: ann, reason: "spam" as never }),
      ).rejects.toMatchObject({
        code: "store/invalid",
        details: { field: "reason" },
      });
    });

    it("reopens a decided case for an appeal that only someone else may take and decide", async () => {
      const { case: c } = await store.cases.openForItem({
        groupKey: HASH,
        itemId: await scanned(),
        severity: 2,
      });
      await expect(
        store.appeals.create({ caseId: c.id, appellant: "author" }),
      ).rejects.toMatchObject({
        details: { reason: "open" },
      });
      await store.cases.claim(c.id, lead, { ...LEASE, role: "lead" });
      await store.decisions.record({
        caseId: c.id,
        moderatorId: lead,
        decision: "remove",
        reason: "deepfake",
      });
      const { appeal, case: reopened } = await store.appeals.create({
        caseId: c.id,
        appellant: "author",
        text: "Not me.",
      });
      expect(reopened).toMatchObject({ status: "open", appealId: appeal.id, closedAt: null });
      await expect(
        store.appeals.create({ caseId: c.id, appellant: "author" }),
      ).rejects.toMatchObject({
        details: { reason: "appeal-open" },
      });
      // A new report of the content meanwhile opens a fresh case: the appeal is about the past.
      const report = await store.reports.create({
        contentRef: "m",
        contentHash: HASH,
        reporter: "u",
        reason: "ncii",
      });
      expect(report.case.id).not.toBe(c.id);
      expect(await store.cases.claimNext(ann, LEASE)).toMatchObject({ id: report.case.id });
      expect(await store.cases.claimNext(lead, { ...LEASE, role: "lead" })).toBeNull();
      const other = (await store.moderators.create({ name: "lou", role: "lead" })).id;
      expect(await store.cases.claimNext(other, { ...LEASE, role: "lead" })).toMatchObject({
        id: c.id,
      });
      await expect(
        store.decisions.record({
          caseId: c.id,
          moderatorId: other,
          decision: "remove",
          reason: "ncii",
        }),
      ).rejects.toMatchObject({ details: { reason: "appeal-open" } });
      const settled = await store.decisions.recordAppeal({
        caseId: c.id,
        moderatorId: other,
        outcome: "overturned",
      });
      expect(settled.appeal).toMatchObject({
        status: "decided",
        outcome: "overturned",
        decidedBy: other,
      });
      expect(settled.decision).toMatchObject({
        decision: "overturn",
        reason: "deepfake",
        appealId: appeal.id,
      });
      expect(settled.case).toMatchObject({
        status: "closed",
        appealId: null,
        lastDecision: "overturn",
      });
      expect(await store.appeals.listByCase(c.id)).toEqual([settled.appeal]);
    });

    it("manages moderator accounts and links keys to them", async () => {
      await expect(store.moderators.create({ name: "ann", role: "lead" })).rejects.toMatchObject({
        code: "store/conflict",
      });
      await expect(
        store.moderators.create({ name: "x", role: "boss" as never }),
      ).rejects.toMatchObject({
        code: "store/invalid",
      });
      const disabled = await store.moderators.update(ann, { disabled: true, role: "lead" });
      expect(disabled).toMatchObject({ role: "lead", disabledAt: "2030-01-01T00:00:00.000Z" });
      expect(await store.moderators.update(ann, { disabled: false })).toMatchObject({
        disabledAt: null,
      });
      await expect(store.moderators.update("missing", {})).rejects.toMatchObject({
        code: "store/not-found",
      });
      expect((await store.moderators.list()).map((m) => m.name)).toEqual(["ann", "bob", "lea"]);
      const key = await store.apiKeys.create({
        name: "ann",
        prefix: "annkey",
        secretHash: "0".repeat(64),
        scopes: ["review"],
        moderatorId: ann,
      });
      expect(key.moderatorId).toBe(ann);
      expect(await store.apiKeys.get(key.id)).toEqual(key);
    });
  });
});
