/**
 * describeRule: what a rule does, in words, before it has seen any item — for the rules page,
 * `vigil policy validate` and a reviewer of a change, e.g. "rule `minor-reports` v1 (shadow): when
 * at least 3 reports for `minor` → review (queue `urgent`, severity 5)".
 */
import { describeAction, describeCondition } from "./explain.js";
import type { Rule } from "./rule-types.js";

const MODE_WORDS = {
  live: "live",
  shadow: "shadow: recorded, never acted on",
  off: "off: not evaluated",
} as const;

export function describeRule(rule: Rule): string {
  const severity = rule.severity === undefined ? "" : `, severity ${rule.severity}`;
  const actions = rule.then.map(describeAction).join(", ");
  return (
    `rule \`${rule.id}\` v${rule.version} (${MODE_WORDS[rule.mode]}${severity}): ` +
    `when ${describeCondition(rule.when)} → ${actions}`
  );
}
