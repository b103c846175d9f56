import { describe, expect, it } from "vitest";
import { buildPolicyItem } from "../../test/helpers/policy.js";
import { evaluate } from "./evaluate.js";
import type { PolicyItem } from "./item.js";
import { parseRuleSet } from "./parse-rule.js";

const item = buildPolicyItem;

const ncii = item({
  bankMatches: [
    { bankId: "victim-submissions", entryId: 7, signalType: "pdq", distance: 12, labels: ["ncii"] },
  ],
});

const rules = parseRuleSet({
  rules: [
    {
      id: "ncii-known",
      version: 3,
      mode: "live",
      when: { kind: "bank_match", labels: ["ncii"], maxDistance: 31 },
      then: [{ kind: "remove" }, { kind: "webhook", event: "ncii.removed" }],
    },
    {
      id: "nudity-review",
      version: 1,
      mode: "live",
      when: { kind: "classifier", name: "nsfw.porn", atLeast: 0.8 },
      then: [
        { kind: "review", queue: "nudity" },
        { kind: "webhook", event: "ncii.removed" },
      ],
    },
    {
      id: "minor-reports",
      version: 2,
      mode: "shadow",
      severity: 5,
      when: { kind: "report_reason", reasons: ["minor"], atLeast: 3 },
      then: [{ kind: "remove_and_ban" }],
    },
    {
      id: "retired",
      version: 9,
      mode: "off",
      when: { kind: "report_count", atLeast: 1 },
      then: [{ kind: "block" }],
    },
  ],
});

describe("evaluate", () => {
  it("allows an item no rule fires on", () => {
    expect(evaluate(rules, item())).toEqual({
      verdict: "allow",
      actions: [],
      fired: [],
      shadow: [],
    });
  });

  it("records which live rule fired, on which facts, in words", () => {
    const result = evaluate(rules, ncii);
    expect(result.verdict).toBe("remove");
    expect(result.fired).toHaveLength(1);
    expect(result.fired[0]).toMatchObject({ ruleId: "ncii-known", version: 3, mode: "live" });
    expect(result.fired[0]!.evidence).toEqual([{ kind: "bank_match", match: ncii.bankMatches[0] }]);
    expect(result.fired[0]!.explanation).toBe(
      "rule `ncii-known` v3 fired: matched bank `victim-submissions` (ncii) at distance 12 via PDQ → remove, send webhook `ncii.removed`",
    );
  });

  it("takes the strongest verdict of the live rules and each action once", () => {
    const result = evaluate(rules, { ...ncii, classifiers: [{ name: "nsfw.porn", score: 0.9 }] });
    expect(result.verdict).toBe("remove");
    expect(result.fired.map((f) => f.ruleId)).toEqual(["ncii-known", "nudity-review"]);
    expect(result.actions).toEqual([
      { kind: "remove" },
      { kind: "webhook", event: "ncii.removed" },
      { kind: "review", queue: "nudity" },
    ]);
  });

  it("records a shadow rule's would-be actions without acting on them", () => {
    const reported = item({ reportCount: 3, reportReasons: ["minor", "minor", "minor"] });
    const result = evaluate(rules, reported);
    expect(result.verdict).toBe("allow");
    expect(result.actions).toEqual([]);
    expect(result.fired).toEqual([]);
    expect(result.shadow).toHaveLength(1);
    expect(result.shadow[0]).toMatchObject({
      ruleId: "minor-reports",
      mode: "shadow",
      severity: 5,
      actions: [{ kind: "remove_and_ban" }],
    });
    expect(result.shadow[0]!.explanation).toBe(
      "rule `minor-reports` v2 (shadow) would have fired: 3 reports for `minor` (at least 3) → remove and ban the author",
    );
  });

  it("skips rules that are off", () => {
    const result = evaluate(rules, item({ reportCount: 1 }));
    expect(result.verdict).toBe("allow");
    expect([...result.fired, ...result.shadow]).toEqual([]);
  });

  it("orders verdicts allow < review < block < remove < remove_and_ban", () => {
    const kinds = ["allow", "review", "block", "remove", "remove_and_ban"] as const;
    for (let i = 0; i < kinds.length; i++) {
      const set = parseRuleSet({
        rules: kinds
          .slice(0, i + 1)
          .reverse()
          .map((kind, j) => ({
            id: `r${j}`,
            version: 1,
            mode: "live",
            when: { kind: "report_count", atLeast: 1 },
            then: [{ kind }],
          })),
      });
      expect(evaluate(set, item({ reportCount: 1 })).verdict).toBe(kinds[i]);
    }
  });

  it("returns a frozen evaluation without freezing the caller's item", () => {
    const result = evaluate(rules, ncii);
    expect(Object.isFrozen(result)).toBe(true);
    expect(Object.isFrozen(result.fired[0]!.evidence[0])).toBe(true);
    expect(Object.isFrozen(ncii.bankMatches[0])).toBe(false);
  });

  it("gives the same evaluation for the same inputs", () => {
    expect(evaluate(rules, ncii)).toEqual(evaluate(rules, ncii));
  });
});

describe("explanations", () => {
  function explain(when: unknown, facts: Partial<PolicyItem>): string {
    const set = parseRuleSet({
      rules: [
        {
          id: "r",
          version: 1,
          mode: "live",
          when,
          then: [{ kind: "review", queue: "urgent", severity: 4 }],
        },
      ],
    });
    return evaluate(set, item(facts)).fired[0]!.explanation;
  }

  it("describes each kind of fact", () => {
    const facts: Partial<PolicyItem> = {
      source: "scan",
      platform: "telegram",
      visibility: "public",
      bankMatches: [{ bankId: "stopncii", entryId: 1, signalType: "md5", distance: 0, labels: [] }],
      classifiers: [{ name: "face.protected", score: 0.87654, model: "arcface" }],
      textFindings: [{ category: "sextortion", weight: 0.8, span: [10, 24], text: "pay or else" }],
      reportCount: 1,
      authorPriorTakedowns: 2,
    };
    const when = {
      kind: "all",
      of: [
        { kind: "bank_match" },
        { kind: "classifier", name: "face.protected", atLeast: 0.5 },
        { kind: "text_finding" },
        { kind: "report_count", atLeast: 1 },
        { kind: "author_history", priorTakedownsAtLeast: 1 },
      ],
    };
    expect(explain(when, facts)).toBe(
      "rule `r` v1 fired: matched bank `stopncii` exactly via MD5; " +
        "classifier `face.protected` (model `arcface`) scored 0.877 (at least 0.5); " +
        "text finding `sextortion` with weight 0.8 at characters 10–24; 1 report (at least 1); " +
        "the author has 2 prior takedowns (at least 1) → review (queue `urgent`, severity 4)",
    );
    expect(explain({ kind: "source", platforms: ["telegram"] }, facts)).toContain(
      "public content on `telegram` from source `scan`",
    );
  });

  it("quotes five facts and counts the rest", () => {
    const bankMatches = Array.from({ length: 7 }, (_, i) => ({
      bankId: `bank-${i}`,
      entryId: i,
      signalType: "video" as const,
      distance: 10,
      labels: ["deepfake"],
    }));
    const text = explain({ kind: "bank_match", labels: ["deepfake"] }, { bankMatches });
    expect(text).toContain("matched bank `bank-0` (deepfake) at distance 10 via vPDQ; ");
    expect(text).toContain("`bank-4`");
    expect(text).not.toContain("`bank-5`");
    expect(text).toContain("; and 2 more facts → review");
  });

  it("never quotes the matched text of a finding", () => {
    const facts = {
      textFindings: [
        { category: "sextortion", weight: 1, span: [0, 11] as const, text: "pay or else" },
      ],
    };
    expect(explain({ kind: "text_finding" }, facts)).not.toContain("pay or else");
  });

  it("says what was absent when a not held", () => {
    const when = {
      kind: "not",
      condition: { kind: "classifier", name: "nsfw.porn", atLeast: 0.9 },
    };
    expect(explain(when, {})).toBe(
      "rule `r` v1 fired: not: classifier `nsfw.porn` at least 0.9 → review (queue `urgent`, severity 4)",
    );
  });
});
