/**
 * runPolicyBacktest: "what would change if this rule set were in force?", over the store's
 * evaluation record — the one implementation behind `vigil policy backtest` and
 * `POST /v1/policies/backtest`, so both report the same numbers in the same shape.
 */
import { VigilError } from "../../core/index.js";
import {
  parseRuleSet,
  parseRuleSetText,
  type RuleFileFormat,
  type RuleFireCount,
  type RuleSet,
  type VerdictChange,
} from "../../policy/index.js";
import type { IsoTimestamp, Store } from "../../store/index.js";
import type { ActivePolicy, PolicyService } from "./policies.js";
import { backtestStored } from "./policy-backtest.js";

export interface PolicyBacktestInput {
  /** Rule set JSON or rule file text; absent: the rule set in force. */
  readonly candidate?: unknown;
  readonly format?: RuleFileFormat;
  /** The stored version to compare with; absent: the one in force. */
  readonly against?: number;
  readonly since?: IsoTimestamp;
  readonly limit?: number;
  readonly maxChanges?: number;
}

export interface PolicyBacktestSummary {
  /** Null: the built-in default rule set. */
  readonly baseline: { readonly version: number | null };
  /** Version when the candidate is a stored one (the one in force); null for a new rule set. */
  readonly candidate: { readonly version: number | null };
  readonly items: number;
  readonly skipped: number;
  readonly changed: number;
  readonly before: Readonly<Record<string, number>>;
  readonly after: Readonly<Record<string, number>>;
  /** Largest first. */
  readonly transitions: readonly {
    readonly from: string;
    readonly to: string;
    readonly count: number;
    readonly samples: readonly string[];
  }[];
  readonly rules: {
    readonly baseline: readonly RuleFireCount[];
    readonly candidate: readonly RuleFireCount[];
  };
  readonly changes: readonly VerdictChange[];
}

export async function runPolicyBacktest(
  store: Store,
  policies: PolicyService,
  input: PolicyBacktestInput,
): Promise<PolicyBacktestSummary> {
  const baseline =
    input.against === undefined ? await policies.current() : await stored(input.against);
  const candidate: ActivePolicy =
    input.candidate === undefined
      ? await policies.current()
      : { version: null, ruleSet: parseCandidate(input.candidate, input.format) };
  const report = await backtestStored({
    baseline: baseline.ruleSet,
    candidate: candidate.ruleSet,
    records: store.evaluations.iterate({
      ...(input.since === undefined ? {} : { since: input.since }),
      ...(input.limit === undefined ? {} : { limit: input.limit }),
    }),
    ...(input.limit === undefined ? {} : { limit: input.limit }),
    ...(input.maxChanges === undefined ? {} : { maxChanges: input.maxChanges }),
  });
  const transitions = Object.entries(report.transitions)
    .map(([key, count]) => {
      const [from = "", to = ""] = key.split(" → ");
      return { from, to, count, samples: report.samples[key] ?? [] };
    })
    .sort((a, b) => b.count - a.count);
  return {
    baseline: { version: baseline.version },
    candidate: { version: candidate.version },
    items: report.items,
    skipped: report.skipped,
    changed: report.changed,
    before: report.before,
    after: report.after,
    transitions,
    rules: { baseline: report.rulesBefore, candidate: report.rulesAfter },
    changes: report.changes,
  };

  async function stored(version: number): Promise<ActivePolicy> {
    const found = await policies.version(version);
    if (!found) {
      throw new VigilError("store/not-found", `There is no policy version ${version}.`, {
        version,
      });
    }
    return found;
  }
}

function parseCandidate(candidate: unknown, format: RuleFileFormat | undefined): RuleSet {
  return typeof candidate === "string"
    ? parseRuleSetText(candidate, format)
    : parseRuleSet(candidate);
}
