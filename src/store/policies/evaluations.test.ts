import { beforeEach, describe, expect, it } from "vitest";
import {
  forEachBackend,
  manualClock,
  type ManualClock,
} from "../../../test/helpers/store-backends.js";
import type { EvaluationRecord, NewEvaluation } from "./policy-types.js";
import type { Store } from "../store.js";
import type { JsonObject } from "../../core/index.js";

const facts: JsonObject = {
  source: "stream",
  bankMatches: [],
  classifiers: [],
  textFindings: [],
  reportCount: 3,
  reportReasons: ["minor", "minor", "minor"],
  authorPriorTakedowns: 0,
};

const fired = (ruleId: string, mode: "live" | "shadow") => ({
  ruleId,
  version: 1,
  mode,
  actions: [{ kind: "review" }],
  evidence: [],
  explanation: `rule \`${ruleId}\` v1 fired`,
});

function evaluation(itemId: string, overrides: Partial<NewEvaluation> = {}): NewEvaluation {
  return {
    itemId,
    policyVersion: 1,
    facts,
    verdict: "review",
    fired: [fired("minor-reports", "live")],
    shadow: [fired("many-reports", "shadow")],
    ...overrides,
  };
}

async function collect(pages: AsyncIterable<readonly EvaluationRecord[]>) {
  const sizes: number[] = [];
  const items: string[] = [];
  for await (const page of pages) {
    sizes.push(page.length);
    items.push(...page.map((e) => e.itemId));
  }
  return { sizes, items };
}

forEachBackend((backend) => {
  describe("#evaluations", () => {
    let store: Store;
    let clock: ManualClock;
    beforeEach(async () => {
      clock = manualClock();
      store = await backend.open({ clock: clock.now });
    });

    it("records an evaluation and reads it back by item", async () => {
      const { evaluation: record, created } = await store.evaluations.record(evaluation("item-1"));
      expect(created).toBe(true);
      expect(record).toEqual({
        ...evaluation("item-1"),
        id: expect.any(Number),
        at: "2030-01-01T00:00:00.000Z",
      });
      expect(await store.evaluations.get("item-1")).toEqual(record);
      expect(await store.evaluations.get("item-2")).toBeNull();
    });

    it("keeps the first record of an item: a second one changes nothing", async () => {
      const first = await store.evaluations.record(evaluation("item-1"));
      clock.advance(5000);
      const again = await store.evaluations.record(
        evaluation("item-1", { verdict: "remove", fired: [], shadow: [] }),
      );
      expect(again).toEqual({ evaluation: first.evaluation, created: false });
      expect(await store.evaluations.ruleCounts()).toEqual([
        { ruleId: "many-reports", mode: "shadow", count: 1 },
        { ruleId: "minor-reports", mode: "live", count: 1 },
      ]);
    });

    it("records an item once when the same evaluation arrives several times at once", async () => {
      const results = await Promise.all(
        Array.from({ length: 5 }, () => store.evaluations.record(evaluation("item-1"))),
      );
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.evaluation.id)).size).toBe(1);
      expect(await store.evaluations.ruleCounts()).toEqual([
        { ruleId: "many-reports", mode: "shadow", count: 1 },
        { ruleId: "minor-reports", mode: "live", count: 1 },
      ]);
    });

    it("records the default rule set as policy version null", async () => {
      const { evaluation: record } = await store.evaluations.record(
        evaluation("item-1", { policyVersion: null, verdict: "allow", fired: [], shadow: [] }),
      );
      expect(record.policyVersion).toBeNull();
    });

    it("iterates oldest first in pages, within a limit and since a time", async () => {
      for (let i = 1; i <= 7; i++) {
        await store.evaluations.record(evaluation(`item-${i}`));
        clock.advance(60_000);
      }
      expect(await collect(store.evaluations.iterate({ pageSize: 3 }))).toEqual({
        sizes: [3, 3, 1],
        items: ["item-1", "item-2", "item-3", "item-4", "item-5", "item-6", "item-7"],
      });
      expect(await collect(store.evaluations.iterate({ pageSize: 2, limit: 5 }))).toEqual({
        sizes: [2, 2, 1],
        items: ["item-1", "item-2", "item-3", "item-4", "item-5"],
      });
      // item-5 was recorded at 00:04; a since with an offset names the same instant.
      expect(
        await collect(store.evaluations.iterate({ since: "2030-01-01T09:04:00+09:00" })),
      ).toEqual({ sizes: [3], items: ["item-5", "item-6", "item-7"] });
    });

    it("counts per rule and mode, since a time", async () => {
      await store.evaluations.record(evaluation("a"));
      clock.advance(60_000);
      await store.evaluations.record(
        evaluation("b", { shadow: [fired("many-reports", "shadow"), fired("x", "shadow")] }),
      );
      await store.evaluations.record(evaluation("c", { fired: [], shadow: [], verdict: "allow" }));
      expect(await store.evaluations.ruleCounts()).toEqual([
        { ruleId: "many-reports", mode: "shadow", count: 2 },
        { ruleId: "minor-reports", mode: "live", count: 2 },
        { ruleId: "x", mode: "shadow", count: 1 },
      ]);
      expect(await store.evaluations.ruleCounts({ since: "2030-01-01T00:01:00.000Z" })).toEqual([
        { ruleId: "many-reports", mode: "shadow", count: 1 },
        { ruleId: "minor-reports", mode: "live", count: 1 },
        { ruleId: "x", mode: "shadow", count: 1 },
      ]);
    });

    it("refuses fired lists without rule ids, bad verdicts and bad times", async () => {
      await expect(
        store.evaluations.record(evaluation("a", { fired: [{ mode: "live" }] })),
      ).rejects.toMatchObject({ code: "store/invalid", details: { field: "fired[0].ruleId" } });
      await expect(store.evaluations.record(evaluation("a", { shadow: {} }))).rejects.toMatchObject(
        { code: "store/invalid", details: { field: "shadow" } },
      );
      await expect(
        store.evaluations.record(evaluation("a", { verdict: "DROP TABLE" })),
      ).rejects.toMatchObject({ code: "store/invalid", details: { field: "verdict" } });
      expect(() => store.evaluations.iterate({ since: "yesterday" })).toThrow(/since/);
      expect(await store.evaluations.get("a")).toBeNull();
    });
  });
});
