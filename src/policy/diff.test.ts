import { describe, expect, it } from "vitest";
import { diffRuleSets } from "./diff.js";
import { parseRuleSet } from "./parse-rule.js";
import type { RuleSet } from "./rule-types.js";

const rule = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  version: 1,
  mode: "live",
  when: { kind: "report_count", atLeast: 3 },
  then: [{ kind: "review" }],
  ...extra,
});

describe("diffRuleSets", () => {
  it("names added, removed, re-moded and re-versioned rules", () => {
    const before = parseRuleSet({
      rules: [rule("a"), rule("b", { mode: "shadow" }), rule("c"), rule("d")],
    });
    const after = parseRuleSet({
      rules: [
        rule("b", { mode: "live" }),
        rule("c", { version: 2, when: { kind: "report_count", atLeast: 5 } }),
        rule("d", { when: { kind: "report_count", atLeast: 9 } }),
        rule("e"),
      ],
    });
    expect(diffRuleSets(before, after)).toEqual({
      added: ["e"],
      removed: ["a"],
      modeChanged: [{ ruleId: "b", from: "shadow", to: "live" }],
      versionChanged: [{ ruleId: "c", from: 1, to: 2 }],
      changedWithoutVersion: ["d"],
    });
  });

  it("finds nothing between equal rule sets", () => {
    const set = parseRuleSet({ rules: [rule("a")] });
    expect(diffRuleSets(set, parseRuleSet({ rules: [rule("a")] }))).toEqual({
      added: [],
      removed: [],
      modeChanged: [],
      versionChanged: [],
      changedWithoutVersion: [],
    });
  });
});

describe("diffRuleSets key order", () => {
  it("does not mistake a stored rule with its keys in another order for a change", () => {
    const a = parseRuleSet({ rules: [rule("a")] });
    const reversed = Object.fromEntries(Object.entries(rule("a")).reverse());
    // As a database that does not keep key order (PostgreSQL jsonb) might hand it back.
    const stored = { rules: [reversed] } as unknown as RuleSet;
    expect(diffRuleSets(a, stored).changedWithoutVersion).toEqual([]);
  });
});
