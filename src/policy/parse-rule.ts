/**
 * parseRule / parseRuleSet: untrusted JSON (a file, an API body) in, a deeply frozen rule set
 * out, or a `policy/invalid-rule` error whose message and `details.path` name the bad field,
 * e.g. `rules[2].when.of[1].atLeast: must be a number from 0 to 1`.
 */
import type { Rule, RuleSet } from "./rule-types.js";
import { deepFreeze } from "./freeze.js";
import { parseAction } from "./parse-action.js";
import { parseCondition } from "./parse-condition.js";
import {
  at,
  fail,
  optional,
  readArray,
  readInteger,
  readObject,
  readOneOf,
  readSlug,
  readString,
} from "./read.js";

/** Most rules in one set; far above any real policy, low enough to refuse a flood. */
export const MAX_RULES = 1000;
const MAX_ACTIONS = 16;
const MODES = ["live", "shadow", "off"] as const;

export function parseRule(json: unknown): Rule {
  return deepFreeze(readRule(json, ""));
}

export function parseRuleSet(json: unknown): RuleSet {
  const f = readObject(json, "", ["rules"], ["description"]);
  const list = readArray(f["rules"], "rules", 0, MAX_RULES);
  const seen = new Set<string>();
  const rules = list.map((value, i) => {
    const rule = readRule(value, at("rules", i));
    if (seen.has(rule.id)) fail(at(at("rules", i), "id"), `repeats the rule id \`${rule.id}\``);
    seen.add(rule.id);
    return rule;
  });
  return deepFreeze({ ...optional(f, "description", "", readString), rules });
}

function readRule(value: unknown, path: string): Rule {
  const f = readObject(
    value,
    path,
    ["id", "version", "mode", "when", "then"],
    ["description", "severity"],
  );
  return {
    id: readSlug(f["id"], at(path, "id")),
    version: readInteger(f["version"], at(path, "version"), 1, Number.MAX_SAFE_INTEGER),
    mode: readOneOf(f["mode"], at(path, "mode"), MODES),
    ...optional(f, "description", path, readString),
    ...optional(f, "severity", path, (v, p) => readInteger(v, p, 1, 5)),
    when: parseCondition(f["when"], at(path, "when")),
    then: readArray(f["then"], at(path, "then"), 1, MAX_ACTIONS).map((action, i) =>
      parseAction(action, at(at(path, "then"), i)),
    ),
  };
}
