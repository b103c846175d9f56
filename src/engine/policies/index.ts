/**
 * engine/policies — the rule set in force and its history: PolicyService (versioned, audited
 * changes, live / shadow / off), the default rule set, and backtests that replay the stored
 * evaluation record under a new rule set.
 *
 * It must never evaluate content itself (that is the content sub-area's decide step) and never
 * change a stored decision: a backtest only reports what would have changed.
 */
export { PolicyService } from "./policies.js";
export { runPolicyBacktest, type PolicyBacktestSummary } from "./policy-backtest-run.js";
