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
export type {
  Action,
  ActionKind,
  AllCondition,
  AnyCondition,
  AuthorHistoryCondition,
  BankMatchCondition,
  BankSignalType,
  ClassifierCondition,
  Condition,
  NotCondition,
  ReportCountCondition,
  ReportReasonCondition,
  Rule,
  RuleMode,
  RuleSet,
  SourceCondition,
  TextFindingCondition,
  Visibility,
} from "./rule-types.js";
export type { ClassifierScore, PolicyBankMatch, PolicyItem, TextFinding } from "./item.js";
export type { ConditionResult, Evidence } from "./evidence-types.js";
export { parseRule, parseRuleSet, MAX_RULES } from "./parse-rule.js";
export { MAX_DEPTH } from "./parse-condition.js";
export { checkCondition } from "./conditions.js";
export { evaluate, type Evaluation, type FiredRule } from "./evaluate.js";
export { VERDICT_ORDER, strongerVerdict, verdictOf, type PolicyVerdict } from "./verdict-order.js";
export { describeAction, describeCondition, describeEvidence, explainRule } from "./explain.js";
export {
  backtest,
  createBacktest,
  type Backtest,
  type BacktestOptions,
  type BacktestReport,
  type RuleFireCount,
  type VerdictChange,
} from "./backtest.js";
export { guessFormat, parseRuleSetText, MAX_RULE_TEXT, type RuleFileFormat } from "./parse-text.js";
export { diffRuleSets, type RuleSetDiff } from "./diff.js";
export { describeRule } from "./describe-rule.js";
