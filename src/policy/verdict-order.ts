/**
 * The verdicts of a policy, weakest first. The strongest verdict among the live rules that fired
 * wins, so adding a rule can only make an outcome stricter; an exception is written as a `not`
 * inside the stricter rule, never as an `allow` rule that would have to outrank it.
 *
 * `block` refuses content before it is published (the scan API); `remove` takes down what is
 * already out; `remove_and_ban` also bans the author.
 */
import type { Action } from "./rule-types.js";

export const VERDICT_ORDER = ["allow", "review", "block", "remove", "remove_and_ban"] as const;
export type PolicyVerdict = (typeof VERDICT_ORDER)[number];

/** The verdict an action asks for; webhooks and bank additions go along with any verdict. */
export function verdictOf(action: Action): PolicyVerdict | undefined {
  switch (action.kind) {
    case "allow":
    case "review":
    case "block":
    case "remove":
    case "remove_and_ban":
      return action.kind;
    case "webhook":
    case "add_to_bank":
      return undefined;
  }
}

export function strongerVerdict(a: PolicyVerdict, b: PolicyVerdict): PolicyVerdict {
  return VERDICT_ORDER.indexOf(a) >= VERDICT_ORDER.indexOf(b) ? a : b;
}
