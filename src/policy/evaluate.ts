/**
 * evaluate: what a rule set says about one item. Pure: the same rule set and item give the same
 * evaluation, every time and anywhere, which is what makes a backtest and an explanation honest.
 *
 * Rules run in order; `off` rules are skipped. Live rules that fire decide the verdict (the
 * strongest, see verdict-order.ts) and contribute their actions; shadow rules that would have
 * fired are recorded apart and never change either.
 */
import { checkCondition } from "./conditions.js";
import type { Evidence } from "./evidence-types.js";
import { explainRule } from "./explain.js";
import { deepFreeze } from "./freeze.js";
import type { PolicyItem } from "./item.js";
import type { Action, RuleMode, RuleSet } from "./rule-types.js";
import { strongerVerdict, verdictOf, type PolicyVerdict } from "./verdict-order.js";

export interface FiredRule {
  readonly ruleId: string;
  readonly version: number;
  readonly mode: Exclude<RuleMode, "off">;
  readonly severity?: number;
  /** What the rule does (live) or would have done (shadow). */
  readonly actions: readonly Action[];
  readonly evidence: readonly Evidence[];
  readonly explanation: string;
}

export interface Evaluation {
  /** `allow` when no live rule fired. */
  readonly verdict: PolicyVerdict;
  /** The actions of the live rules that fired, in rule order, each once. */
  readonly actions: readonly Action[];
  /** Live rules that fired, in rule order. */
  readonly fired: readonly FiredRule[];
  /** Shadow rules that would have fired, in rule order. */
  readonly shadow: readonly FiredRule[];
}

export function evaluate(ruleSet: RuleSet, item: PolicyItem): Evaluation {
  const fired: FiredRule[] = [];
  const shadow: FiredRule[] = [];
  for (const rule of ruleSet.rules) {
    if (rule.mode === "off") continue;
    const result = checkCondition(rule.when, item);
    if (!result.holds) continue;
    const record: FiredRule = {
      ruleId: rule.id,
      version: rule.version,
      mode: rule.mode,
      ...(rule.severity === undefined ? {} : { severity: rule.severity }),
      // Copies, so freezing the evaluation never freezes the caller's item or rule objects.
      actions: structuredClone(rule.then),
      evidence: structuredClone(result.evidence),
      explanation: explainRule(rule, result.evidence),
    };
    (rule.mode === "live" ? fired : shadow).push(record);
  }
  const actions = dedupe(fired.flatMap((f) => f.actions));
  let verdict: PolicyVerdict = "allow";
  for (const action of actions) {
    const asked = verdictOf(action);
    if (asked) verdict = strongerVerdict(verdict, asked);
  }
  return deepFreeze({ verdict, actions, fired, shadow });
}

/** Two rules asking for the same action (same kind and fields) ask for it once. */
function dedupe(actions: readonly Action[]): Action[] {
  const seen = new Set<string>();
  return actions.filter((action) => {
    const key = actionKey(action);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function actionKey(action: Action): string {
  const fields = Object.entries(action).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(fields);
}
