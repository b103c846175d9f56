import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluate } from "./evaluate.js";
import { parseRuleSet } from "./parse-rule.js";

// docs/POLICY.md shows a complete rule set; it must stay one the parser accepts.
const doc = readFileSync(new URL("../../docs/POLICY.md", import.meta.url), "utf8");
const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];

describe("docs/POLICY.md", () => {
  it("shows an example rule set that parses and evaluates", () => {
    expect(example).toBeDefined();
    const rules = parseRuleSet(JSON.parse(example!));
    expect(rules.rules.map((r) => r.mode)).toEqual([
      "live",
      "live",
      "live",
      "live",
      "shadow",
      "off",
    ]);
    const result = evaluate(rules, {
      source: "stream",
      platform: "telegram",
      visibility: "public",
      bankMatches: [
        {
          bankId: "victim-submissions",
          entryId: 1,
          signalType: "pdq",
          distance: 12,
          labels: ["ncii"],
        },
      ],
      classifiers: [],
      textFindings: [],
      reportCount: 3,
      reportReasons: ["minor", "minor", "minor"],
      authorPriorTakedowns: 0,
    });
    expect(result.verdict).toBe("remove");
    expect(result.fired[0]!.explanation).toBe(
      "rule `ncii-known` v3 fired: matched bank `victim-submissions` (ncii) at distance 12 via PDQ → remove, send webhook `ncii.removed`",
    );
    expect(result.shadow.map((s) => s.ruleId)).toEqual(["minor-reports"]);
  });
});
