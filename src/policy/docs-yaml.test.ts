import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRuleSet } from "./parse-rule.js";
import { parseRuleSetText } from "./parse-text.js";

// docs/POLICY.md shows two rules of its JSON example again in YAML; they must stay the same rules.
const doc = readFileSync(new URL("../../docs/POLICY.md", import.meta.url), "utf8");
const json = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
const yaml = /```yaml\n([\s\S]*?)\n```/.exec(doc)?.[1];

describe("docs/POLICY.md in YAML", () => {
  it("shows the first and fifth rules of the JSON example, identical once parsed", () => {
    const fromJson = parseRuleSet(JSON.parse(json!));
    const fromYaml = parseRuleSetText(yaml!, "yaml");
    expect(fromYaml).toEqual({
      description: fromJson.description,
      rules: [fromJson.rules[0], fromJson.rules[4]],
    });
  });
});
