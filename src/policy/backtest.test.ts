import { describe, expect, it } from "vitest";
import { backtest, createBacktest } from "./backtest.js";
import type { PolicyItem } from "./item.js";
import { parseRuleSet } from "./parse-rule.js";

const before = parseRuleSet({
  rules: [
    {
      id: "ncii-known",
      version: 1,
      mode: "live",
      when: { kind: "bank_match", labels: ["ncii"] },
      then: [{ kind: "remove" }],
    },
    {
      id: "nudity",
      version: 1,
      mode: "shadow",
      when: { kind: "classifier", name: "nsfw.porn", atLeast: 0.9 },
      then: [{ kind: "review" }],
    },
  ],
});
const after = parseRuleSet({
  rules: [
    {
      id: "ncii-known",
      version: 2,
      mode: "live",
      when: { kind: "bank_match", labels: ["ncii"] },
      then: [{ kind: "remove" }],
    },
    {
      id: "nudity",
      version: 2,
      mode: "live",
      when: { kind: "classifier", name: "nsfw.porn", atLeast: 0.9 },
      then: [{ kind: "review" }],
    },
    {
      id: "repeat-offender",
      version: 1,
      mode: "shadow",
      when: { kind: "author_history", priorTakedownsAtLeast: 1 },
      then: [{ kind: "remove_and_ban" }],
    },
  ],
});

/** Item i: every 10th matches an NCII bank, every 4th scores high nudity, every 5th has a takedown. */
function* generated(count: number): Generator<{ id: string; item: PolicyItem }> {
  for (let i = 0; i < count; i++) {
    yield {
      id: `item-${i}`,
      item: {
        source: "stream",
        bankMatches:
          i % 10 === 0
            ? [{ bankId: "v", entryId: i, signalType: "pdq", distance: 5, labels: ["ncii"] }]
            : [],
        classifiers: [{ name: "nsfw.porn", score: i % 4 === 0 ? 0.95 : 0.1 }],
        textFindings: [],
        reportCount: 0,
        reportReasons: [],
        authorPriorTakedowns: i % 5 === 0 ? 1 : 0,
      },
    };
  }
}

describe("backtest", () => {
  it("counts verdicts before and after and the items that change", () => {
    const report = backtest(before, after, generated(1000), { maxChanges: 3 });
    // 100 NCII matches (i % 10); 250 high nudity (i % 4), 50 of them also NCII (i % 20).
    expect(report.items).toBe(1000);
    expect(report.before).toEqual({
      allow: 900,
      review: 0,
      block: 0,
      remove: 100,
      remove_and_ban: 0,
    });
    expect(report.after).toEqual({
      allow: 700,
      review: 200,
      block: 0,
      remove: 100,
      remove_and_ban: 0,
    });
    expect(report.changed).toBe(200);
    expect(report.transitions).toEqual({ "allow → review": 200 });
    expect(report.changes).toEqual([
      { id: "item-4", before: "allow", after: "review", firedBefore: [], firedAfter: ["nudity"] },
      { id: "item-8", before: "allow", after: "review", firedBefore: [], firedAfter: ["nudity"] },
      { id: "item-12", before: "allow", after: "review", firedBefore: [], firedAfter: ["nudity"] },
    ]);
  });

  it("counts how often each rule fired, live and shadow", () => {
    const report = backtest(before, after, generated(1000));
    expect(report.rulesBefore).toEqual([
      { ruleId: "ncii-known", version: 1, mode: "live", fired: 100 },
      { ruleId: "nudity", version: 1, mode: "shadow", fired: 250 },
    ]);
    expect(report.rulesAfter).toEqual([
      { ruleId: "ncii-known", version: 2, mode: "live", fired: 100 },
      { ruleId: "nudity", version: 2, mode: "live", fired: 250 },
      { ruleId: "repeat-offender", version: 1, mode: "shadow", fired: 200 },
    ]);
    expect(report.changes).toHaveLength(100);
  });

  it("consumes items one at a time, so a store cursor can feed it", () => {
    const run = createBacktest(before, after);
    for (const { id, item } of generated(20)) run.add(id, item);
    const report = run.report();
    expect(report.items).toBe(20);
    expect(Object.isFrozen(report)).toBe(true);
    run.add("late", generated(1).next().value!.item);
    expect(report.items).toBe(20);
    expect(run.report().items).toBe(21);
  });

  it("refuses a negative change limit", () => {
    expect(() => createBacktest(before, after, { maxChanges: -1 })).toThrow(RangeError);
  });
});
