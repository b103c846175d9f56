import { describe, expect, it } from "vitest";
import { isVigilError } from "../core/index.js";
import { parseRule, parseRuleSet } from "./parse-rule.js";

const rule = (overrides: Record<string, unknown> = {}) => ({
  id: "ncii-known",
  version: 3,
  mode: "live",
  when: { kind: "bank_match", labels: ["ncii"], maxDistance: 31 },
  then: [{ kind: "remove" }],
  ...overrides,
});

/** The path and message of the error a bad input is refused with. */
function refusal(parse: () => unknown): { path: unknown; message: string; status: number } {
  try {
    parse();
  } catch (error) {
    if (!isVigilError(error) || error.code !== "policy/invalid-rule") throw error;
    return { path: error.details["path"], message: error.message, status: error.status };
  }
  throw new Error("expected the input to be refused");
}

describe("parseRuleSet", () => {
  it("accepts every condition and action kind", () => {
    const set = parseRuleSet({
      description: "all kinds",
      rules: [
        rule({
          severity: 5,
          description: "everything",
          when: {
            kind: "all",
            of: [
              {
                kind: "bank_match",
                labels: ["ncii"],
                banks: ["b"],
                maxDistance: 0,
                signalTypes: ["pdq", "video"],
              },
              { kind: "classifier", name: "nsfw.porn", atLeast: 0.9 },
              { kind: "text_finding", categories: ["sextortion"], minWeight: 0.5 },
              { kind: "report_count", atLeast: 3 },
              { kind: "report_reason", reasons: ["minor"], atLeast: 2 },
              { kind: "author_history", priorTakedownsAtLeast: 1 },
              {
                kind: "source",
                visibility: "public",
                platforms: ["telegram"],
                sources: ["stream"],
              },
              {
                kind: "any",
                of: [{ kind: "not", condition: { kind: "report_count", atLeast: 1 } }],
              },
            ],
          },
          then: [
            { kind: "block" },
            { kind: "remove" },
            { kind: "remove_and_ban" },
            { kind: "review", queue: "urgent", severity: 5 },
            { kind: "allow" },
            { kind: "webhook", event: "ncii.removed" },
            { kind: "add_to_bank", bank: "victim-submissions" },
          ],
        }),
      ],
    });
    expect(set.rules).toHaveLength(1);
    expect(set.rules[0]!.then).toHaveLength(7);
    expect(set.description).toBe("all kinds");
  });

  it("returns deeply frozen rules that do not share objects with the input", () => {
    const input = {
      rules: [rule({ when: { kind: "all", of: [{ kind: "report_count", atLeast: 2 }] } })],
    };
    const set = parseRuleSet(input);
    expect(Object.isFrozen(set)).toBe(true);
    expect(Object.isFrozen(set.rules)).toBe(true);
    const when = set.rules[0]!.when;
    expect(Object.isFrozen(when)).toBe(true);
    expect(when.kind === "all" && Object.isFrozen(when.of[0])).toBe(true);
    expect(Object.isFrozen(input.rules[0])).toBe(false);
  });

  it("accepts an empty rule set", () => {
    expect(parseRuleSet({ rules: [] }).rules).toEqual([]);
  });

  it.each([
    ["a non-object input", null, "", "input: must be an object"],
    ["an array as input", [rule()], "", "input: must be an object"],
    ["a missing rules list", {}, "rules", "rules: is required"],
    [
      "an unknown top-level field",
      { rules: [], version: 2 },
      "version",
      "version: is not a known field",
    ],
    ["a rule that is not an object", { rules: ["x"] }, "rules[0]", "rules[0]: must be an object"],
    [
      "an unknown rule field",
      { rules: [rule({ priority: 1 })] },
      "rules[0].priority",
      "is not a known field",
    ],
    ["a missing id", { rules: [rule({ id: undefined })] }, "rules[0].id", "is required"],
    [
      "an id that is not a slug",
      { rules: [rule({ id: "NCII Known" })] },
      "rules[0].id",
      "must be a slug",
    ],
    [
      "a version of 0",
      { rules: [rule({ version: 0 })] },
      "rules[0].version",
      "whole number from 1",
    ],
    [
      "a fractional version",
      { rules: [rule({ version: 1.5 })] },
      "rules[0].version",
      "whole number",
    ],
    [
      "an unknown mode",
      { rules: [rule({ mode: "dry-run" })] },
      "rules[0].mode",
      "must be one of live, shadow, off",
    ],
    ["a severity of 6", { rules: [rule({ severity: 6 })] }, "rules[0].severity", "from 1 to 5"],
    ["no actions", { rules: [rule({ then: [] })] }, "rules[0].then", "must list at least 1"],
    [
      "an unknown condition kind",
      { rules: [rule({ when: { kind: "regex" } })] },
      "rules[0].when.kind",
      "must be one of bank_match",
    ],
    [
      "a condition without kind",
      { rules: [rule({ when: { atLeast: 1 } })] },
      "rules[0].when.kind",
      "is required",
    ],
    [
      "a string as condition",
      { rules: [rule({ when: "nsfw" })] },
      "rules[0].when",
      "must be an object",
    ],
    [
      "a missing classifier name",
      { rules: [rule({ when: { kind: "classifier", atLeast: 0.5 } })] },
      "rules[0].when.name",
      "is required",
    ],
    [
      "a score above 1",
      { rules: [rule({ when: { kind: "classifier", name: "nsfw", atLeast: 1.5 } })] },
      "rules[0].when.atLeast",
      "must be a number from 0 to 1",
    ],
    [
      "a score given as a string",
      { rules: [rule({ when: { kind: "classifier", name: "nsfw", atLeast: "0.5" } })] },
      "rules[0].when.atLeast",
      "must be a number from 0 to 1",
    ],
    [
      "a PDQ distance of 48",
      { rules: [rule({ when: { kind: "bank_match", maxDistance: 48 } })] },
      "rules[0].when.maxDistance",
      "from 0 to 47",
    ],
    [
      "an unknown signal type",
      { rules: [rule({ when: { kind: "bank_match", signalTypes: ["pdq", "sha1"] } })] },
      "rules[0].when.signalTypes[1]",
      "must be one of pdq, md5, sha256, video",
    ],
    [
      "an empty label list",
      { rules: [rule({ when: { kind: "bank_match", labels: [] } })] },
      "rules[0].when.labels",
      "at least 1",
    ],
    [
      "an empty label",
      { rules: [rule({ when: { kind: "bank_match", labels: ["ncii", " "] } })] },
      "rules[0].when.labels[1]",
      "non-empty string",
    ],
    [
      "a field of another kind",
      { rules: [rule({ when: { kind: "report_count", atLeast: 2, reasons: ["x"] } })] },
      "rules[0].when.reasons",
      "is not a known field",
    ],
    [
      "a report count of 0",
      { rules: [rule({ when: { kind: "report_count", atLeast: 0 } })] },
      "rules[0].when.atLeast",
      "whole number from 1",
    ],
    [
      "a source condition without filters",
      { rules: [rule({ when: { kind: "source" } })] },
      "rules[0].when",
      "at least one of visibility",
    ],
    [
      "an unknown visibility",
      { rules: [rule({ when: { kind: "source", visibility: "unlisted" } })] },
      "rules[0].when.visibility",
      "public, private",
    ],
    [
      "an empty all",
      { rules: [rule({ when: { kind: "all", of: [] } })] },
      "rules[0].when.of",
      "at least 1",
    ],
    [
      "a not without condition",
      { rules: [rule({ when: { kind: "not" } })] },
      "rules[0].when.condition",
      "is required",
    ],
    [
      "an unknown action kind",
      { rules: [rule({ then: [{ kind: "delete" }] })] },
      "rules[0].then[0].kind",
      "must be one of block",
    ],
    [
      "a field on a bare action",
      { rules: [rule({ then: [{ kind: "remove", bank: "x" }] })] },
      "rules[0].then[0].bank",
      "is not a known field",
    ],
    [
      "add_to_bank without a bank",
      { rules: [rule({ then: [{ kind: "add_to_bank" }] })] },
      "rules[0].then[0].bank",
      "is required",
    ],
    [
      "a review severity of 0",
      { rules: [rule({ then: [{ kind: "review", severity: 0 }] })] },
      "rules[0].then[0].severity",
      "from 1 to 5",
    ],
  ])("refuses %s, naming the field", (_name, input, path, message) => {
    const error = refusal(() => parseRuleSet(input));
    expect(error.path).toBe(path);
    expect(error.message).toContain(message);
    expect(error.status).toBe(400);
  });

  it("names the exact nested field, as in rules[2].when.of[1].atLeast", () => {
    const bad = rule({
      id: "third",
      when: {
        kind: "all",
        of: [
          { kind: "report_count", atLeast: 1 },
          { kind: "classifier", name: "nsfw", atLeast: 2 },
        ],
      },
    });
    const error = refusal(() =>
      parseRuleSet({ rules: [rule({ id: "a" }), rule({ id: "b" }), bad] }),
    );
    expect(error.message).toBe("rules[2].when.of[1].atLeast: must be a number from 0 to 1");
    expect(error.path).toBe("rules[2].when.of[1].atLeast");
  });

  it("refuses a repeated rule id at the second rule", () => {
    const error = refusal(() => parseRuleSet({ rules: [rule(), rule({ version: 4 })] }));
    expect(error.path).toBe("rules[1].id");
    expect(error.message).toContain("repeats the rule id `ncii-known`");
  });

  it("refuses the 17th level of nested conditions", () => {
    let when: unknown = { kind: "report_count", atLeast: 1 };
    for (let i = 0; i < 16; i++) when = { kind: "not", condition: when };
    const error = refusal(() => parseRuleSet({ rules: [rule({ when })] }));
    expect(error.message).toContain("nests deeper than 16");
    expect(error.path).toBe(`rules[0].when${".condition".repeat(16)}`);
  });

  it("accepts conditions nested exactly 16 deep", () => {
    let when: unknown = { kind: "report_count", atLeast: 1 };
    for (let i = 0; i < 15; i++) when = { kind: "not", condition: when };
    expect(() => parseRuleSet({ rules: [rule({ when })] })).not.toThrow();
  });

  it("refuses a hostile, very deep input without exhausting the stack", () => {
    let when: unknown = { kind: "report_count", atLeast: 1 };
    for (let i = 0; i < 100_000; i++) when = { kind: "any", of: [when] };
    expect(refusal(() => parseRuleSet({ rules: [rule({ when })] })).message).toContain(
      "nests deeper",
    );
  });

  it("refuses a __proto__ key as an unknown field", () => {
    const input = JSON.parse('{"rules":[],"__proto__":{"polluted":true}}') as unknown;
    expect(refusal(() => parseRuleSet(input)).path).toBe("__proto__");
  });
});

describe("parseRule", () => {
  it("reports paths relative to the rule", () => {
    const error = refusal(() =>
      parseRule(rule({ when: { kind: "classifier", name: "x", atLeast: -1 } })),
    );
    expect(error.message).toBe("when.atLeast: must be a number from 0 to 1");
  });

  it("keeps optional fields out when they are absent", () => {
    const parsed = parseRule(rule());
    expect("description" in parsed).toBe(false);
    expect(parsed).toEqual(rule());
    expect(Object.isFrozen(parsed.then[0])).toBe(true);
  });
});
