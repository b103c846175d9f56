/**
 * engine — the path of one piece of content, wiring the lower parts together: today the bank
 * matcher (in-memory indexes of every bank entry, kept in step with each change and rebuilt from
 * the store at start-up) and the verdict its matches lead to.
 *
 * It must never talk HTTP, send webhooks or reach a platform (that is `actions` and `server`),
 * never depend on a concrete store or queue (only on their interfaces), and never log content.
 */
export { BankMatcher } from "./bank-matcher.js";
export { PDQ_MIN_QUALITY } from "./query-check.js";
export { decideVerdict, type Verdict, type VerdictKind } from "./verdict.js";
export type {
  AddEntriesResult,
  BankAction,
  BankMatch,
  MatchDetails,
  MatcherBank,
  MatcherEntry,
  MatcherSignalType,
  MatcherStats,
  MatchQuery,
  MatchResult,
  PdqQuery,
  SkippedSignal,
} from "./matcher-types.js";
export {
  EVENT_TYPES,
  NO_EVENTS,
  type EventSink,
  type EventType,
  type VigilEvent,
} from "./events.js";
export {
  PolicyService,
  type ActivePolicy,
  type PolicyServiceOptions,
  type PolicyUpdate,
} from "./policies.js";
export { DEFAULT_RULE_SET } from "./default-policy.js";
export { FactsError, factsFromJson } from "./policy-facts.js";
export {
  backtestStored,
  type StoredBacktestOptions,
  type StoredBacktestReport,
} from "./policy-backtest.js";
export {
  runPolicyBacktest,
  type PolicyBacktestInput,
  type PolicyBacktestSummary,
} from "./policy-backtest-run.js";
