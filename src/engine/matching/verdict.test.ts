import { describe, expect, it } from "vitest";
import type { BankMatch, MatcherBank } from "./matcher-types.js";
import { decideVerdict } from "./verdict.js";

const bank = (id: string, action: "block" | "review", extra: Partial<MatcherBank> = {}) => ({
  id,
  enabled: true,
  matchThreshold: 31,
  action,
  labels: [],
  ...extra,
});

const banks: MatcherBank[] = [
  bank("victim-submissions", "block", { labels: ["ncii"] }),
  bank("suspected", "review"),
  bank("paused", "block", { enabled: false }),
];

function pdq(bankId: string, distance: number, entryId = 1, labels: string[] = []): BankMatch {
  return {
    bankId,
    entryId,
    signalType: "pdq",
    distance,
    labels,
    details: { kind: "pdq", queryIndex: 0, variant: "original" },
  };
}

describe("decideVerdict", () => {
  it("allows what matched no bank", () => {
    expect(decideVerdict([], banks)).toEqual({ verdict: "allow", reasons: ["no bank matched"] });
  });

  it("says which bank matched, how closely and by which signal", () => {
    const verdict = decideVerdict([pdq("victim-submissions", 12, 1, ["ncii"])], banks);
    expect(verdict).toEqual({
      verdict: "block",
      reasons: ["matched bank `victim-submissions` (ncii) at distance 12 via PDQ → block"],
    });
  });

  it("lets block win over review, and lists the blocking bank first", () => {
    const verdict = decideVerdict([pdq("suspected", 3), pdq("victim-submissions", 20)], banks);
    expect(verdict.verdict).toBe("block");
    expect(verdict.reasons).toEqual([
      "matched bank `victim-submissions` at distance 20 via PDQ → block",
      "matched bank `suspected` at distance 3 via PDQ → review",
    ]);
    expect(decideVerdict([pdq("suspected", 3)], banks).verdict).toBe("review");
  });

  it("ignores matches of disabled and unknown banks", () => {
    expect(decideVerdict([pdq("paused", 0), pdq("gone", 0)], banks).verdict).toBe("allow");
  });

  it("speaks for each bank with its best match and counts the rest", () => {
    const digest: BankMatch = {
      bankId: "suspected",
      entryId: 9,
      signalType: "sha256",
      distance: 0,
      labels: [],
      details: { kind: "digest" },
    };
    const rotated: BankMatch = {
      ...pdq("suspected", 4, 2),
      details: { kind: "pdq", queryIndex: 0, variant: "rotate90" },
    };
    const video: BankMatch = {
      bankId: "victim-submissions",
      entryId: 5,
      signalType: "video",
      distance: 10,
      labels: ["ncii"],
      details: {
        kind: "video",
        queryMatchPercent: 90,
        bankMatchPercent: 95.5,
        queryFrames: 10,
        bankFrames: 20,
      },
    };
    expect(decideVerdict([rotated, digest, pdq("suspected", 9, 3), video], banks).reasons).toEqual([
      "matched bank `victim-submissions` (ncii) via vPDQ (90% of the upload's frames, 96% of the banked video's) → block",
      "matched bank `suspected` exactly via SHA-256, and 2 more entries → review",
    ]);
    expect(decideVerdict([rotated], banks).reasons).toEqual([
      "matched bank `suspected` at distance 4 via PDQ (rotate90) → review",
    ]);
  });
});
