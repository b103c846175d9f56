import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluate } from "../policy/index.js";
import { buildPolicyItem } from "../../test/helpers/policy.js";
import { DEFAULT_RULE_SET } from "./default-policy.js";

describe("DEFAULT_RULE_SET", () => {
  it("sends a report that the person shown is a minor to urgent review, severity 5", () => {
    const result = evaluate(
      DEFAULT_RULE_SET,
      buildPolicyItem({ reportCount: 1, reportReasons: ["minor"] }),
    );
    expect(result.verdict).toBe("review");
    expect(result.actions).toEqual([{ kind: "review", queue: "urgent", severity: 5 }]);
    expect(result.fired[0]?.explanation).toBe(
      "rule `minor-reported` v1 fired: 1 report for `minor` (at least 1) → review (queue `urgent`, severity 5)",
    );
  });

  it("reviews three NCII or deepfake reports but not two", () => {
    const reports = (n: number) =>
      buildPolicyItem({ reportCount: n, reportReasons: Array(n).fill("deepfake") });
    expect(evaluate(DEFAULT_RULE_SET, reports(2)).verdict).toBe("allow");
    expect(evaluate(DEFAULT_RULE_SET, reports(3)).verdict).toBe("review");
  });

  it("removes a copy of banked NCII", () => {
    const item = buildPolicyItem({
      bankMatches: [{ bankId: "v", entryId: 1, signalType: "pdq", distance: 9, labels: ["ncii"] }],
    });
    expect(evaluate(DEFAULT_RULE_SET, item).verdict).toBe("remove");
  });

  it("only watches classifier and text signals, in shadow", () => {
    const item = buildPolicyItem({
      classifiers: [
        { name: "nsfw.porn", score: 0.95 },
        { name: "face.protected", score: 0.9 },
        { name: "deepfake.sexual", score: 0.99 },
      ],
      textFindings: [{ category: "sextortion", weight: 0.9, span: [0, 4] }],
    });
    const result = evaluate(DEFAULT_RULE_SET, item);
    expect(result.verdict).toBe("allow");
    expect(result.shadow.map((f) => f.ruleId)).toEqual([
      "sextortion-text",
      "nudity-protected-face",
      "deepfake-classifier",
    ]);
  });
});

describe("docs/POLICY.md", () => {
  it("lists the default rules with their modes as the code has them", () => {
    const doc = readFileSync(new URL("../../docs/POLICY.md", import.meta.url), "utf8");
    const section = doc.split("## The default rule set")[1]!.split("\n## ")[0]!;
    const rows = [...section.matchAll(/^\| `([a-z.-]+)` +\| (live|shadow|off) /gm)];
    expect(rows.map((m) => [m[1], m[2]])).toEqual(
      DEFAULT_RULE_SET.rules.map((r) => [r.id, r.mode]),
    );
  });
});
