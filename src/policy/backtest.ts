/**
 * Backtest: run two rule sets over the same items and count what would change. Pure and
 * streaming: items are consumed one at a time and only counts and the first few changes are
 * kept, so a store's whole history can be fed through without holding it. Reading the items
 * from the store is the caller's job (`vigil policy backtest`, not built yet).
 */
import { evaluate, type Evaluation } from "./evaluate.js";
import { deepFreeze } from "./freeze.js";
import type { PolicyItem } from "./item.js";
import type { RuleMode, RuleSet } from "./rule-types.js";
import { VERDICT_ORDER, type PolicyVerdict } from "./verdict-order.js";

export interface BacktestOptions {
  /** How many changed items to list with their ids; the rest are only counted. Default 100. */
  readonly maxChanges?: number;
}

export interface VerdictChange {
  readonly id: string;
  readonly before: PolicyVerdict;
  readonly after: PolicyVerdict;
  /** Live rules that fired before and after, by id. */
  readonly firedBefore: readonly string[];
  readonly firedAfter: readonly string[];
}

export interface RuleFireCount {
  readonly ruleId: string;
  readonly version: number;
  readonly mode: RuleMode;
  /** Items the rule fired on (live) or would have fired on (shadow); 0 for `off`. */
  readonly fired: number;
}

export interface BacktestReport {
  readonly items: number;
  readonly before: Readonly<Record<PolicyVerdict, number>>;
  readonly after: Readonly<Record<PolicyVerdict, number>>;
  /** Items whose verdict differs. */
  readonly changed: number;
  /** `"allow → remove"`: how many items moved that way. */
  readonly transitions: Readonly<Record<string, number>>;
  /** The first `maxChanges` changed items, in input order. */
  readonly changes: readonly VerdictChange[];
  readonly rulesBefore: readonly RuleFireCount[];
  readonly rulesAfter: readonly RuleFireCount[];
}

export interface Backtest {
  add(id: string, item: PolicyItem): void;
  report(): BacktestReport;
}

/** For async sources (a store cursor): `add` each item as it arrives, then `report`. */
export function createBacktest(
  before: RuleSet,
  after: RuleSet,
  options: BacktestOptions = {},
): Backtest {
  const maxChanges = options.maxChanges ?? 100;
  if (!Number.isInteger(maxChanges) || maxChanges < 0) {
    throw new RangeError("maxChanges must be a whole number of at least 0");
  }
  const counts = { before: zeroVerdicts(), after: zeroVerdicts() };
  const fires = { before: zeroRules(before), after: zeroRules(after) };
  const transitions = new Map<string, number>();
  const changes: VerdictChange[] = [];
  let items = 0;
  let changed = 0;
  return {
    add(id, item) {
      const was = evaluate(before, item);
      const now = evaluate(after, item);
      items++;
      counts.before[was.verdict]++;
      counts.after[now.verdict]++;
      countFires(fires.before, was);
      countFires(fires.after, now);
      if (was.verdict === now.verdict) return;
      changed++;
      const key = `${was.verdict} → ${now.verdict}`;
      transitions.set(key, (transitions.get(key) ?? 0) + 1);
      if (changes.length < maxChanges) {
        const firedBefore = was.fired.map((f) => f.ruleId);
        const firedAfter = now.fired.map((f) => f.ruleId);
        changes.push({ id, before: was.verdict, after: now.verdict, firedBefore, firedAfter });
      }
    },
    report: () =>
      deepFreeze({
        items,
        before: { ...counts.before },
        after: { ...counts.after },
        changed,
        transitions: Object.fromEntries(transitions),
        changes: [...changes],
        rulesBefore: [...fires.before.values()].map((r) => ({ ...r })),
        rulesAfter: [...fires.after.values()].map((r) => ({ ...r })),
      }),
  };
}

export function backtest(
  before: RuleSet,
  after: RuleSet,
  items: Iterable<{ readonly id: string; readonly item: PolicyItem }>,
  options: BacktestOptions = {},
): BacktestReport {
  const run = createBacktest(before, after, options);
  for (const { id, item } of items) run.add(id, item);
  return run.report();
}

type MutableCount = { -readonly [K in keyof RuleFireCount]: RuleFireCount[K] };

function zeroVerdicts(): Record<PolicyVerdict, number> {
  return Object.fromEntries(VERDICT_ORDER.map((v) => [v, 0])) as Record<PolicyVerdict, number>;
}

function zeroRules(ruleSet: RuleSet): Map<string, MutableCount> {
  return new Map(
    ruleSet.rules.map((r) => [r.id, { ruleId: r.id, version: r.version, mode: r.mode, fired: 0 }]),
  );
}

function countFires(counts: Map<string, MutableCount>, evaluation: Evaluation): void {
  for (const f of [...evaluation.fired, ...evaluation.shadow]) {
    const count = counts.get(f.ruleId);
    if (count) count.fired++;
  }
}
