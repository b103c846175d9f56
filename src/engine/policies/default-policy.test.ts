import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../policy/index.js";
import { buildPolicyItem } from "../../../test/helpers/policy.js";
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

  it("sends solicitation and threats in text to review, never straight to removal", () => {
    const text = (category: string, weight: number) =>
      buildPolicyItem({ textFindings: [{ category, weight, span: [0, 4] }] });
    const solicitation = evaluate(DEFAULT_RULE_SET, text("solicitation", 0.9));
    expect(solicitation.verdict).toBe("review");
    expect(solicitation.actions).toEqual([{ kind: "review", queue: "text", severity: 3 }]);
    expect(evaluate(DEFAULT_RULE_SET, text("nudify_tool", 0.6)).verdict).toBe("review");
    expect(evaluate(DEFAULT_RULE_SET, text("threat", 0.7)).actions).toEqual([
      { kind: "review", queue: "text", severity: 4 },
    ]);
    // Findings below the text signals' own report floor do not fire.
    expect(evaluate(DEFAULT_RULE_SET, text("trade", 0.4)).verdict).toBe("allow");
  });

  it("reviews a protected person's face in a sexual image urgently, and nudity alone not at all", () => {
    const protectedFace = buildPolicyItem({
      classifiers: [
        { name: "nsfw.sexual", score: 0.93 },
        { name: "face.protected", score: 0.71 },
      ],
    });
    const result = evaluate(DEFAULT_RULE_SET, protectedFace);
    expect(result.verdict).toBe("review");
    expect(result.actions).toEqual([{ kind: "review", queue: "protected-faces", severity: 5 }]);
    const nudityAlone = buildPolicyItem({ classifiers: [{ name: "nsfw.sexual", score: 0.99 }] });
    expect(evaluate(DEFAULT_RULE_SET, nudityAlone).verdict).toBe("allow");
    const faceInNeutral = buildPolicyItem({
      classifiers: [
        { name: "nsfw.sexual", score: 0.1 },
        { name: "face.protected", score: 0.9 },
      ],
    });
    expect(evaluate(DEFAULT_RULE_SET, faceInNeutral).verdict).toBe("allow");
  });

  it("watches generator metadata on an explicit image in shadow", () => {
    const item = buildPolicyItem({
      classifiers: [
        { name: "nsfw.explicit", score: 0.95 },
        { name: "provenance.synthetic", score: 1 },
      ],
    });
    const result = evaluate(DEFAULT_RULE_SET, item);
    expect(result.verdict).toBe("allow");
    expect(result.shadow.map((f) => f.ruleId)).toEqual(["synthetic-explicit"]);
  });
});

describe("docs/POLICY.md", () => {
  it("lists the default rules with their modes as the code has them", () => {
    const doc = readFileSync(new URL("../../../docs/POLICY.md", import.meta.url), "utf8");
    const section = doc.split("## The default rule set")[1]!.split("\n## ")[0]!;
    const rows = [...section.matchAll(/^\| `([a-z.-]+)` +\| (live|shadow|off) /gm)];
    expect(rows.map((m) => [m[1], m[2]])).toEqual(
      DEFAULT_RULE_SET.rules.map((r) => [r.id, r.mode]),
    );
  });
});
