import { describe, expect, it } from "vitest";
import { isVigilError } from "../core/index.js";
import { guessFormat, parseRuleSetText } from "./parse-text.js";
import { parseRuleSet } from "./parse-rule.js";

const YAML_RULES = `
description: Example
rules:
  - id: ncii-known
    version: 3
    mode: live
    when: { kind: bank_match, labels: [ncii], maxDistance: 31 }
    then:
      - kind: remove
  - id: minor-reports
    version: 1
    mode: shadow
    when:
      kind: report_reason
      reasons: [minor]
      atLeast: 3
    then: [{ kind: review, queue: urgent, severity: 5 }]
`;

const JSON_RULES = JSON.stringify({
  description: "Example",
  rules: [
    {
      id: "ncii-known",
      version: 3,
      mode: "live",
      when: { kind: "bank_match", labels: ["ncii"], maxDistance: 31 },
      then: [{ kind: "remove" }],
    },
    {
      id: "minor-reports",
      version: 1,
      mode: "shadow",
      when: { kind: "report_reason", reasons: ["minor"], atLeast: 3 },
      then: [{ kind: "review", queue: "urgent", severity: 5 }],
    },
  ],
});

function refusal(parse: () => unknown): { message: string; details: Record<string, unknown> } {
  try {
    parse();
  } catch (error) {
    if (!isVigilError(error) || error.code !== "policy/invalid-rule") throw error;
    return { message: error.message, details: { ...error.details } };
  }
  throw new Error("expected the text to be refused");
}

describe("parseRuleSetText", () => {
  it("reads the same rule set from YAML and from JSON", () => {
    const fromYaml = parseRuleSetText(YAML_RULES);
    expect(fromYaml).toEqual(parseRuleSetText(JSON_RULES));
    expect(fromYaml).toEqual(parseRuleSet(JSON.parse(JSON_RULES)));
    expect(fromYaml.rules.map((r) => r.id)).toEqual(["ncii-known", "minor-reports"]);
    expect(Object.isFrozen(fromYaml.rules[0])).toBe(true);
  });

  it("guesses JSON from a leading brace and YAML otherwise, unless told", () => {
    expect(guessFormat('  \n{"rules": []}')).toBe("json");
    expect(guessFormat("rules: []")).toBe("yaml");
    // Flow-style YAML is also JSON-like; told "yaml", it is read as YAML.
    expect(parseRuleSetText("{ rules: [] }", "yaml")).toEqual({ rules: [] });
    expect(refusal(() => parseRuleSetText("{ rules: [] }")).message).toMatch(/not valid JSON/);
  });

  it("refuses a bad rule in YAML with the path of the bad field", () => {
    const bad = YAML_RULES.replace("atLeast: 3", "atLeast: 0");
    expect(refusal(() => parseRuleSetText(bad))).toEqual({
      message: "rules[1].when.atLeast: must be a whole number from 1 to 1000000",
      details: { path: "rules[1].when.atLeast" },
    });
  });

  it("names the line and column of a YAML syntax error", () => {
    const { message, details } = refusal(() =>
      parseRuleSetText("rules:\n  - id: a\n    mode: [live\n"),
    );
    expect(message).toMatch(/^line \d+, column \d+: not valid YAML: /);
    expect(details["line"]).toBeGreaterThanOrEqual(3);
    expect(details["path"]).toBe("");
  });

  it("names the line and column of a JSON syntax error", () => {
    const { message, details } = refusal(() => parseRuleSetText('{\n  "rules": [,]\n}'));
    expect(message).toMatch(/^line 2, column \d+: not valid JSON$/);
    expect(details["line"]).toBe(2);
  });

  it("refuses repeated keys rather than keeping the last", () => {
    expect(refusal(() => parseRuleSetText("rules: []\nrules: []\n")).message).toMatch(
      /line 2, column 1: not valid YAML: Map keys must be unique/,
    );
  });

  it("refuses custom and unknown tags instead of reading them as strings", () => {
    for (const tag of ["!!js/function", "!!binary", "!custom"]) {
      const text = `description: ${tag} x\nrules: []\n`;
      expect(refusal(() => parseRuleSetText(text)).message).toMatch(/Unresolved tag/);
    }
  });

  it("refuses a billion-laughs file quickly and clearly", () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    lines.push("rules: []");
    expect(refusal(() => parseRuleSetText(lines.join("\n"))).message).toMatch(
      /YAML could not be read: .*alias/i,
    );
  });

  it("refuses several documents in one file", () => {
    expect(refusal(() => parseRuleSetText("rules: []\n---\nrules: []\n")).message).toMatch(
      /not valid YAML/,
    );
  });

  it("refuses a file too large to be a rule set", () => {
    expect(refusal(() => parseRuleSetText(" ".repeat(4 * 1024 * 1024 + 1))).message).toMatch(
      /larger than/,
    );
  });
});
