import { describe, expect, it } from "vitest";
import { describeRule } from "./describe-rule.js";
import { parseRule } from "./parse-rule.js";

describe("describeRule", () => {
  it("says in words when a rule fires and what it does, with its mode", () => {
    const rule = parseRule({
      id: "minor-reports",
      version: 1,
      mode: "shadow",
      severity: 5,
      when: { kind: "report_reason", reasons: ["minor"], atLeast: 3 },
      then: [{ kind: "review", queue: "urgent", severity: 5 }, { kind: "webhook" }],
    });
    expect(describeRule(rule)).toBe(
      "rule `minor-reports` v1 (shadow: recorded, never acted on, severity 5): when at least 3 " +
        "reports for `minor` → review (queue `urgent`, severity 5), send a webhook",
    );
  });

  it("marks an off rule as not evaluated", () => {
    const rule = parseRule({
      id: "x",
      version: 2,
      mode: "off",
      when: { kind: "all", of: [{ kind: "bank_match", labels: ["ncii"] }] },
      then: [{ kind: "remove" }],
    });
    expect(describeRule(rule)).toBe(
      "rule `x` v2 (off: not evaluated): when all of (a bank match labelled `ncii`) → remove",
    );
  });
});
