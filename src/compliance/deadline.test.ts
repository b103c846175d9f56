import { describe, expect, it } from "vitest";
import { deadlineFor } from "./deadline.js";
import { loadDeadlineRules } from "./deadline-file.js";

const at = (iso: string) => new Date(iso);

describe("deadlineFor", () => {
  it("gives a complete take-it-down notice the statutory 48 hours", () => {
    const deadline = deadlineFor({
      jurisdiction: "US",
      kind: "take-it-down",
      receivedAt: at("2026-06-01T10:00:00Z"),
      complete: true,
    });
    expect(deadline).toMatchObject({
      at: "2026-06-03T10:00:00.000Z",
      hours: 48,
      ruleId: "us-take-it-down",
      basis: "statutory",
      downgraded: null,
    });
    expect(deadline.source.title).toContain("TAKE IT DOWN");
  });

  it("keeps 48 hours as a target for an incomplete request and before the law applies", () => {
    const incomplete = deadlineFor({
      jurisdiction: "US",
      kind: "take-it-down",
      receivedAt: at("2026-06-01T10:00:00Z"),
      complete: false,
    });
    expect(incomplete).toMatchObject({
      at: "2026-06-03T10:00:00.000Z",
      basis: "target",
      downgraded: "incomplete",
    });
    const early = deadlineFor({
      jurisdiction: "US",
      kind: "take-it-down",
      receivedAt: at("2026-05-18T23:59:59Z"),
      complete: true,
    });
    expect(early).toMatchObject({ basis: "target", downgraded: "not-yet-in-force" });
  });

  it("sends a notice from an EU member state to the EU's DSA rule", () => {
    const deadline = deadlineFor({
      jurisdiction: "DE",
      kind: "dsa",
      receivedAt: at("2026-01-01T00:00:00Z"),
      complete: true,
    });
    expect(deadline).toMatchObject({
      ruleId: "eu-dsa",
      hours: 24,
      basis: "target",
      at: "2026-01-02T00:00:00.000Z",
    });
  });

  it("uses the KCSC rule for a Korean regulator's request, the default for anything else", () => {
    const received = at("2026-03-01T00:00:00Z");
    expect(
      deadlineFor({ jurisdiction: "KR", kind: "kcsc", receivedAt: received, complete: true })
        .ruleId,
    ).toBe("kr-kcsc");
    expect(
      deadlineFor({ jurisdiction: "BR", kind: "general", receivedAt: received, complete: true })
        .ruleId,
    ).toBe("default");
    // A kind's rule elsewhere beats a place's catch-all: the kind names the law.
    expect(
      deadlineFor({
        jurisdiction: "FR",
        kind: "take-it-down",
        receivedAt: received,
        complete: true,
      }).ruleId,
    ).toBe("default");
  });

  it("follows an operator's target", () => {
    const rules = loadDeadlineRules(
      JSON.stringify({
        version: 1,
        rules: [
          {
            id: "eu-dsa",
            jurisdiction: "EU",
            kind: "dsa",
            hours: 6,
            binding: false,
            source: { title: "policy" },
          },
        ],
      }),
    );
    const deadline = deadlineFor(
      { jurisdiction: "EU", kind: "dsa", receivedAt: at("2026-01-01T00:00:00Z"), complete: true },
      rules,
    );
    expect(deadline.at).toBe("2026-01-01T06:00:00.000Z");
  });
});
