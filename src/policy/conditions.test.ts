import { describe, expect, it } from "vitest";
import { buildPolicyItem } from "../../test/helpers/policy.js";
import { checkCondition } from "./conditions.js";
import type { PolicyBankMatch, PolicyItem } from "./item.js";
import type { Condition } from "./rule-types.js";

const pdqMatch: PolicyBankMatch = {
  bankId: "victim-submissions",
  entryId: 7,
  signalType: "pdq",
  distance: 12,
  labels: ["ncii"],
};

const item = buildPolicyItem;

const holds = (c: Condition, i: PolicyItem) => checkCondition(c, i).holds;

describe("bank_match", () => {
  const matched = item({ bankMatches: [pdqMatch] });

  it("holds for any bank match when it has no filters, citing the match", () => {
    expect(checkCondition({ kind: "bank_match" }, matched)).toEqual({
      holds: true,
      evidence: [{ kind: "bank_match", match: pdqMatch }],
    });
    expect(holds({ kind: "bank_match" }, item())).toBe(false);
  });

  it("holds when the match carries any of the labels", () => {
    expect(holds({ kind: "bank_match", labels: ["deepfake", "ncii"] }, matched)).toBe(true);
    expect(holds({ kind: "bank_match", labels: ["deepfake"] }, matched)).toBe(false);
  });

  it("filters by bank and signal type", () => {
    expect(holds({ kind: "bank_match", banks: ["victim-submissions"] }, matched)).toBe(true);
    expect(holds({ kind: "bank_match", banks: ["other"] }, matched)).toBe(false);
    expect(holds({ kind: "bank_match", signalTypes: ["md5", "pdq"] }, matched)).toBe(true);
    expect(holds({ kind: "bank_match", signalTypes: ["video"] }, matched)).toBe(false);
  });

  it("limits PDQ distance but leaves digest and video matches to their banks", () => {
    expect(holds({ kind: "bank_match", maxDistance: 12 }, matched)).toBe(true);
    expect(holds({ kind: "bank_match", maxDistance: 11 }, matched)).toBe(false);
    const video = item({ bankMatches: [{ ...pdqMatch, signalType: "video", distance: 40 }] });
    expect(holds({ kind: "bank_match", maxDistance: 10 }, video)).toBe(true);
  });

  it("cites only the matches that pass every filter", () => {
    const far = { ...pdqMatch, entryId: 8, distance: 30 };
    const result = checkCondition(
      { kind: "bank_match", maxDistance: 20 },
      item({ bankMatches: [pdqMatch, far] }),
    );
    expect(result.evidence).toEqual([{ kind: "bank_match", match: pdqMatch }]);
  });
});

describe("classifier", () => {
  const scored = item({ classifiers: [{ name: "nsfw.porn", score: 0.92, model: "nsfw-v2" }] });

  it("holds when the named classifier scores at least the threshold", () => {
    expect(holds({ kind: "classifier", name: "nsfw.porn", atLeast: 0.92 }, scored)).toBe(true);
    expect(holds({ kind: "classifier", name: "nsfw.porn", atLeast: 0.93 }, scored)).toBe(false);
    expect(holds({ kind: "classifier", name: "nsfw.sexy", atLeast: 0.1 }, scored)).toBe(false);
  });
});

describe("text_finding", () => {
  const found = item({ textFindings: [{ category: "sextortion", weight: 0.8, span: [10, 24] }] });

  it("holds for a finding of a listed category with enough weight", () => {
    expect(holds({ kind: "text_finding" }, found)).toBe(true);
    expect(holds({ kind: "text_finding", categories: ["sextortion"], minWeight: 0.8 }, found)).toBe(
      true,
    );
    expect(holds({ kind: "text_finding", categories: ["grooming"] }, found)).toBe(false);
    expect(holds({ kind: "text_finding", minWeight: 0.9 }, found)).toBe(false);
  });
});

describe("reports and author", () => {
  it("counts reports", () => {
    expect(holds({ kind: "report_count", atLeast: 3 }, item({ reportCount: 3 }))).toBe(true);
    expect(holds({ kind: "report_count", atLeast: 3 }, item({ reportCount: 2 }))).toBe(false);
  });

  it("counts reports giving one of the reasons, repeats included", () => {
    const reported = item({ reportCount: 4, reportReasons: ["minor", "spam", "minor", "minor"] });
    expect(
      checkCondition({ kind: "report_reason", reasons: ["minor"], atLeast: 3 }, reported),
    ).toEqual({
      holds: true,
      evidence: [{ kind: "report_reason", reasons: ["minor"], count: 3, atLeast: 3 }],
    });
    expect(holds({ kind: "report_reason", reasons: ["minor"], atLeast: 4 }, reported)).toBe(false);
    expect(holds({ kind: "report_reason", reasons: ["ncii"] }, reported)).toBe(false);
  });

  it("looks at the author's prior takedowns", () => {
    const c: Condition = { kind: "author_history", priorTakedownsAtLeast: 2 };
    expect(holds(c, item({ authorPriorTakedowns: 2 }))).toBe(true);
    expect(holds(c, item({ authorPriorTakedowns: 1 }))).toBe(false);
  });
});

describe("source", () => {
  const telegram = item({ source: "stream", platform: "telegram", visibility: "public" });

  it("holds only when every given filter holds", () => {
    expect(holds({ kind: "source", visibility: "public", platforms: ["telegram"] }, telegram)).toBe(
      true,
    );
    expect(holds({ kind: "source", visibility: "private" }, telegram)).toBe(false);
    expect(holds({ kind: "source", sources: ["scan"] }, telegram)).toBe(false);
    expect(holds({ kind: "source", platforms: ["telegram"] }, item())).toBe(false);
  });
});

describe("all / any / not", () => {
  const porn = { kind: "classifier", name: "nsfw.porn", atLeast: 0.9 } as const;
  const reported = { kind: "report_count", atLeast: 1 } as const;
  const both = item({ classifiers: [{ name: "nsfw.porn", score: 0.95 }], reportCount: 1 });
  const pornOnly = item({ classifiers: [{ name: "nsfw.porn", score: 0.95 }] });

  it("all holds when every part does, with the evidence of each", () => {
    const result = checkCondition({ kind: "all", of: [porn, reported] }, both);
    expect(result.holds).toBe(true);
    expect(result.evidence.map((e) => e.kind)).toEqual(["classifier", "report_count"]);
    expect(holds({ kind: "all", of: [porn, reported] }, pornOnly)).toBe(false);
  });

  it("any holds when one part does, citing only the parts that held", () => {
    const result = checkCondition({ kind: "any", of: [reported, porn] }, pornOnly);
    expect(result.evidence.map((e) => e.kind)).toEqual(["classifier"]);
    expect(holds({ kind: "any", of: [reported] }, pornOnly)).toBe(false);
  });

  it("not holds when its condition does not, citing the absence", () => {
    expect(checkCondition({ kind: "not", condition: reported }, pornOnly)).toEqual({
      holds: true,
      evidence: [{ kind: "absent", condition: reported }],
    });
    expect(holds({ kind: "not", condition: reported }, both)).toBe(false);
  });

  it("cites a fact once when two parts rest on it", () => {
    const matched = item({ bankMatches: [pdqMatch] });
    const c: Condition = {
      kind: "all",
      of: [{ kind: "bank_match" }, { kind: "bank_match", labels: ["ncii"] }],
    };
    expect(checkCondition(c, matched).evidence).toHaveLength(1);
  });
});
