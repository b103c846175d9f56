import { describe, expect, it } from "vitest";
import { parseRuleSet } from "../../policy/index.js";
import type { EvaluationRecord } from "../../store/index.js";
import { buildPolicyItem } from "../../../test/helpers/policy.js";
import { DEFAULT_RULE_SET } from "./default-policy.js";
import { FactsError, factsFromJson } from "./policy-facts.js";
import { backtestStored } from "./policy-backtest.js";
import type { JsonObject } from "../../core/index.js";

const asJson = (value: unknown) => JSON.parse(JSON.stringify(value)) as JsonObject;

function record(id: number, facts: JsonObject): EvaluationRecord {
  return {
    id,
    itemId: `item-${id}`,
    policyVersion: null,
    facts,
    verdict: "allow",
    fired: [],
    shadow: [],
    at: "2030-01-01T00:00:00.000Z",
  };
}

async function* pages(records: EvaluationRecord[], size = 2) {
  for (let i = 0; i < records.length; i += size) yield records.slice(i, i + size);
}

describe("factsFromJson", () => {
  it("reads back a stored item exactly", () => {
    const item = buildPolicyItem({
      platform: "telegram",
      visibility: "public",
      bankMatches: [{ bankId: "v", entryId: 4, signalType: "pdq", distance: 12, labels: ["ncii"] }],
      classifiers: [{ name: "nsfw.porn", score: 0.9, model: "m1" }],
      textFindings: [{ category: "sextortion", weight: 0.8, span: [1, 5], text: "pay" }],
      reportCount: 2,
      reportReasons: ["minor"],
      authorPriorTakedowns: 1,
    });
    expect(factsFromJson(asJson(item))).toEqual(item);
  });

  it("fills missing lists and ignores unknown fields, but refuses wrong values", () => {
    expect(factsFromJson({ source: "scan", futureField: 1 })).toEqual(
      buildPolicyItem({ source: "scan" }),
    );
    expect(() =>
      factsFromJson({ source: "scan", classifiers: [{ name: "x", score: "high" }] }),
    ).toThrow(new FactsError("classifiers[0].score: must be a number"));
    expect(() => factsFromJson({})).toThrow(FactsError);
  });
});

describe("backtestStored", () => {
  const minor = asJson(buildPolicyItem({ reportCount: 1, reportReasons: ["minor"] }));
  const quiet = asJson(buildPolicyItem());
  const many = asJson(buildPolicyItem({ reportCount: 6, reportReasons: ["other"] }));
  const candidate = parseRuleSet({
    rules: [
      {
        id: "many-reports",
        version: 1,
        mode: "live",
        when: { kind: "report_count", atLeast: 5 },
        then: [{ kind: "block" }],
      },
    ],
  });

  it("replays stored facts through both rule sets and counts the changes", async () => {
    const records = [record(1, minor), record(2, quiet), record(3, many), record(4, many)];
    const report = await backtestStored({
      baseline: DEFAULT_RULE_SET,
      candidate,
      records: pages(records),
    });
    expect(report).toMatchObject({
      items: 4,
      skipped: 0,
      changed: 3,
      transitions: { "review → allow": 1, "allow → block": 2 },
      samples: { "review → allow": ["item-1"], "allow → block": ["item-3", "item-4"] },
    });
    expect(report.before).toEqual({ allow: 3, review: 1, block: 0, remove: 0, remove_and_ban: 0 });
    expect(report.after).toEqual({ allow: 2, review: 0, block: 2, remove: 0, remove_and_ban: 0 });
    expect(report.rulesAfter).toEqual([
      { ruleId: "many-reports", version: 1, mode: "live", fired: 2 },
    ]);
  });

  it("skips and counts records whose facts do not read, and stops at the limit", async () => {
    const records = [record(1, { nonsense: true }), record(2, many), record(3, many)];
    const report = await backtestStored({
      baseline: DEFAULT_RULE_SET,
      candidate,
      records: pages(records),
      limit: 2,
    });
    expect(report).toMatchObject({ items: 1, skipped: 1, changed: 1 });
  });
});
