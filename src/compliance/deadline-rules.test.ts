import { describe, expect, it } from "vitest";
import { VigilError } from "../core/index.js";
import { DEFAULT_DEADLINE_RULES, loadDeadlineRules } from "./deadline-file.js";
import { parseDeadlineRules } from "./deadline-rules.js";

const rule = (fields: Record<string, unknown> = {}) => ({
  id: "r",
  jurisdiction: "US",
  kind: "general",
  hours: 24,
  binding: false,
  source: { title: "in-house target" },
  ...fields,
});

function refusal(run: () => unknown): VigilError {
  try {
    run();
  } catch (error) {
    if (error instanceof VigilError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("the shipped deadline rules", () => {
  it("state the source of every rule", () => {
    for (const r of DEFAULT_DEADLINE_RULES.rules) expect(r.source.title.length).toBeGreaterThan(5);
  });

  it("bind the US TAKE IT DOWN Act to 48 hours from 19 May 2026", () => {
    const us = DEFAULT_DEADLINE_RULES.rules.find((r) => r.id === "us-take-it-down");
    expect(us).toMatchObject({
      jurisdiction: "US",
      kind: "take-it-down",
      hours: 48,
      binding: true,
      effectiveFrom: "2026-05-19",
      onlyWhenComplete: true,
    });
    expect(us?.source.url).toMatch(/^https:\/\/www\.congress\.gov\//);
  });

  it("keep the DSA's and Korea's 'without delay' as configurable targets, not law", () => {
    const targets = DEFAULT_DEADLINE_RULES.rules.filter((r) =>
      ["EU", "KR"].includes(r.jurisdiction),
    );
    expect(targets.map((r) => r.kind).sort()).toEqual(["dsa", "general", "kcsc"]);
    expect(targets.every((r) => !r.binding)).toBe(true);
  });
});

describe("parseDeadlineRules", () => {
  it("refuses a bad file naming the bad field", () => {
    const error = refusal(() =>
      parseDeadlineRules({ version: 1, rules: [rule(), rule({ id: "s", hours: -1 })] }),
    );
    expect(error.code).toBe("compliance/invalid-rules");
    expect(error.message).toBe("rules[1].hours: must be a number from 0.25 to 8760");
    expect(error.details.path).toBe("rules[1].hours");
  });

  it.each([
    [{ jurisdiction: "USA" }, "rules[0].jurisdiction: must be at most 2 characters"],
    [{ kind: "dmca" }, "rules[0].kind: must be one of take-it-down, kcsc, dsa, general, *"],
    [{ binding: "yes" }, "rules[0].binding: must be true or false"],
    [{ effectiveFrom: "2026-02-30" }, "rules[0].effectiveFrom: must be a date as YYYY-MM-DD"],
    [
      { source: { title: "x", url: "http://insecure.example" } },
      "rules[0].source.url: must be an https URL",
    ],
    [{ source: {} }, "rules[0].source.title: is required"],
    [{ priority: 1 }, "rules[0].priority: is not a known field"],
  ])("refuses %j", (fields, message) => {
    expect(refusal(() => parseDeadlineRules({ version: 1, rules: [rule(fields)] })).message).toBe(
      message,
    );
  });

  it("refuses two rules for one jurisdiction and kind: two clocks would be a guess", () => {
    const error = refusal(() =>
      parseDeadlineRules({ version: 1, rules: [rule(), rule({ id: "other" })] }),
    );
    expect(error.message).toBe("rules[1]: has the same jurisdiction and kind as rule `r`");
  });

  it("refuses a repeated id and an unknown version", () => {
    expect(
      refusal(() => parseDeadlineRules({ version: 1, rules: [rule(), rule({ kind: "dsa" })] }))
        .message,
    ).toBe("rules[1].id: repeats the rule id `r`");
    expect(refusal(() => parseDeadlineRules({ version: 2, rules: [rule()] })).message).toBe(
      "version: must be 1",
    );
  });
});

describe("loadDeadlineRules", () => {
  it("applies an operator's YAML over the shipped rules: same id or same place and kind replace", () => {
    const rules = loadDeadlineRules(`
version: 1
rules:
  - id: eu-dsa
    jurisdiction: EU
    kind: dsa
    hours: 12
    binding: false
    source: { title: "Our trust & safety policy, section 4" }
  - id: kr-kcsc-strict
    jurisdiction: KR
    kind: kcsc
    hours: 6
    binding: false
    source: { title: "Agreement with the regulator" }
  - id: jp-general
    jurisdiction: JP
    kind: general
    hours: 48
    binding: false
    source: { title: "In-house" }
`);
    const byId = new Map(rules.rules.map((r) => [r.id, r]));
    expect(byId.get("eu-dsa")?.hours).toBe(12);
    expect(byId.has("kr-kcsc")).toBe(false);
    expect(byId.get("kr-kcsc-strict")?.hours).toBe(6);
    expect(byId.get("jp-general")?.hours).toBe(48);
    expect(byId.get("us-take-it-down")?.hours).toBe(48);
  });

  it("reads JSON too, and refuses a syntax error with its line", () => {
    expect(
      loadDeadlineRules(JSON.stringify({ version: 1, rules: [rule()] })).rules.some(
        (r) => r.id === "r",
      ),
    ).toBe(true);
    const error = refusal(() => loadDeadlineRules("version: 1\nrules: [\n"));
    expect(error.code).toBe("compliance/invalid-rules");
    expect(error.message).toMatch(/^line \d+, column \d+: not valid JSON or YAML/);
  });

  it("refuses YAML tags and duplicate keys rather than guessing", () => {
    expect(refusal(() => loadDeadlineRules("version: 1\nversion: 1\nrules: []\n")).code).toBe(
      "compliance/invalid-rules",
    );
    expect(refusal(() => loadDeadlineRules("version: !!js/function 'x'\n")).code).toBe(
      "compliance/invalid-rules",
    );
  });
});
