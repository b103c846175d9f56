import { beforeEach, describe, expect, it } from "vitest";
import { forEachBackend, manualClock } from "../../../test/helpers/store-backends.js";
import type { Store } from "../../store/index.js";
import type { VigilEvent } from "../shared/index.js";
import { ReviewService } from "./review.js";
import type { ConfirmedHash, ReviewActor } from "./review-types.js";

const PDQ_OR_SHA = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22";
const MD5 = "0123456789abcdef0123456789abcdef";

/** The confirmed bank as the engine sees it: a port, recorded here. */
function recordingBank() {
  const added: { caseId: string; reason: string; hashes: readonly ConfirmedHash[] }[] = [];
  const withdrawn: number[][] = [];
  let next = 1;
  return {
    added,
    withdrawn,
    bank: {
      add: async (input: (typeof added)[number]) => {
        added.push(input);
        return input.hashes.map(() => next++);
      },
      withdraw: async (ids: readonly number[]) => void withdrawn.push([...ids]),
    },
  };
}

forEachBackend((backend) => {
  describe("ReviewService", () => {
    let store: Store;
    let events: VigilEvent[];
    let recorded: ReturnType<typeof recordingBank>;
    let review: ReviewService;
    let ann: ReviewActor;
    let lea: ReviewActor;
    beforeEach(async () => {
      const clock = manualClock();
      store = await backend.open({ clock: clock.now });
      events = [];
      recorded = recordingBank();
      review = new ReviewService({
        store,
        events: { emit: async (event) => void events.push(event) },
        confirmed: recorded.bank,
        clock: clock.now,
      });
      ann = {
        id: (await store.moderators.create({ name: "ann", role: "moderator" })).id,
        role: "moderator",
      };
      lea = { id: (await store.moderators.create({ name: "lea", role: "lead" })).id, role: "lead" };
    });

    async function caseWithReportsAndItem(): Promise<string> {
      await store.reports.create({
        contentRef: "a",
        contentHash: PDQ_OR_SHA,
        reporter: "u",
        reason: "ncii",
      });
      const scan = await store.scans.record({
        signals: [
          { signalType: "md5", value: MD5 },
          { signalType: "pdq", value: PDQ_OR_SHA, quality: 90 },
        ],
        matches: [],
      });
      const { case: c } = await store.cases.openForItem({
        groupKey: PDQ_OR_SHA,
        itemId: scan.item.id,
        severity: 2,
      });
      return c.id;
    }

    it("confirms every distinct hash of a removed NCII case, a 64-hex report hash as PDQ and SHA-256", async () => {
      const caseId = await caseWithReportsAndItem();
      await review.claim(caseId, ann);
      const { decision } = await review.decide(caseId, ann, {
        decision: "remove",
        reason: "ncii",
        note: "private",
      });
      expect(recorded.added).toHaveLength(1);
      expect(recorded.added[0]!.hashes).toEqual([
        { signalType: "pdq", value: PDQ_OR_SHA },
        { signalType: "sha256", value: PDQ_OR_SHA },
        { signalType: "md5", value: MD5 },
      ]);
      expect(decision.addedEntryIds).toEqual([1, 2, 3]);
      expect(events).toEqual([
        expect.objectContaining({ id: `decision:${decision.id}`, type: "case.decided" }),
      ]);
      expect(JSON.stringify(events)).not.toContain("private");
    });

    it("adds nothing for a decision that does not confirm NCII or a deepfake", async () => {
      const caseId = await caseWithReportsAndItem();
      await review.claim(caseId, ann);
      await review.decide(caseId, ann, { decision: "remove", reason: "harassment" });
      expect(recorded.added).toEqual([]);
    });

    it("refuses before adding hashes when the moderator does not hold the case", async () => {
      const caseId = await caseWithReportsAndItem();
      await expect(
        review.decide(caseId, ann, { decision: "remove", reason: "ncii" }),
      ).rejects.toMatchObject({
        code: "store/conflict",
        details: { reason: "not-holder" },
      });
      await expect(
        review.decide(caseId, ann, { decision: "ban" as never, reason: "ncii" }),
      ).rejects.toMatchObject({
        code: "review/invalid",
      });
      expect(recorded.added).toEqual([]);
    });

    it("withdraws what the overturned removal added, and refuses a plain decision during an appeal", async () => {
      const caseId = await caseWithReportsAndItem();
      await review.claim(caseId, ann);
      await review.decide(caseId, ann, { decision: "remove", reason: "deepfake" });
      await review.appeal(caseId, { appellant: "author" }, "apikey:x");
      await expect(
        review.decide(caseId, lea, { decision: "no_violation", reason: "other" }),
      ).rejects.toMatchObject({
        code: "review/appeal-open",
      });
      const result = await review.decideAppeal(caseId, lea, { outcome: "overturn" });
      expect(result.withdrawnEntryIds).toEqual([1, 2, 3]);
      expect(recorded.withdrawn).toEqual([[1, 2, 3]]);
      expect(events.map((e) => e.type)).toEqual([
        "case.decided",
        "case.appealed",
        "appeal.decided",
      ]);
    });

    it("does not let the moderator who decided settle the appeal", async () => {
      const caseId = await caseWithReportsAndItem();
      await review.claim(caseId, lea);
      await review.decide(caseId, lea, { decision: "no_violation", reason: "other" });
      await review.appeal(caseId, { appellant: "reporter" }, "apikey:x");
      await expect(review.decideAppeal(caseId, lea, { outcome: "uphold" })).rejects.toMatchObject({
        details: { reason: "own-decision" },
      });
    });
  });
});
