/**
 * policy — what to do about an item, decided by rules that are data. A rule set is parsed and
 * validated once (a bad rule is refused with the path of the bad field), frozen, and then
 * evaluated against the facts of each item; the result says which rules fired, on which facts,
 * in words a moderator can read. The same evaluation runs over stored items in a backtest.
 *
 * It must never do I/O, read a clock, draw random numbers or import the engine above it:
 * evaluation is a pure function of the rule set and the item, so it can be replayed, backtested
 * and explained. Acting on a verdict belongs to the actions part; reading rule files from disk, to callers
 * (`parseRuleSetText` takes their text).
 */
export {
  createBacktest,
  type BacktestReport,
  type RuleFireCount,
  type VerdictChange,
} from "./backtest.js";
export type { ClassifierScore, PolicyBankMatch, PolicyItem, TextFinding } from "./item.js";
export { evaluate, type Evaluation } from "./evaluate.js";
export { strongerVerdict, type PolicyVerdict } from "./verdict-order.js";
export { parseRuleSetText, type RuleFileFormat } from "./parse-text.js";
export type { RuleSet } from "./rule-types.js";
export { diffRuleSets, type RuleSetDiff } from "./diff.js";
export { describeRule } from "./describe-rule.js";
export { parseRuleSet } from "./parse-rule.js";
