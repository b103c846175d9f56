/**
 * backtestStored: the pure backtest of `policy`, fed from the store's evaluation record a page
 * at a time. Each record's facts are replayed through both rule sets; a record whose facts no
 * longer read as an item (damaged, or from a format this Vigil does not know) is skipped and
 * counted rather than stopping a run over millions of items.
 */
import { createBacktest, type BacktestReport, type RuleSet } from "../../policy/index.js";
import type { EvaluationRecord } from "../../store/index.js";
import { FactsError, factsFromJson } from "./policy-facts.js";

/** Sample item ids kept per transition ("allow → review"), for a person to look at. */
const SAMPLES_PER_TRANSITION = 5;

export interface StoredBacktestOptions {
  /** The rule set being tried. */
  readonly candidate: RuleSet;
  /** What it is compared with, usually the rule set in force. */
  readonly baseline: RuleSet;
  readonly records: AsyncIterable<readonly EvaluationRecord[]>;
  /** Stop after this many records. */
  readonly limit?: number;
  /** Changed items listed in full (default 100); the rest are counted. */
  readonly maxChanges?: number;
}

export interface StoredBacktestReport extends BacktestReport {
  /** Records whose facts could not be read as an item. */
  readonly skipped: number;
  /** Up to five item ids per transition, from the listed changes. */
  readonly samples: Readonly<Record<string, readonly string[]>>;
}

export async function backtestStored(
  options: StoredBacktestOptions,
): Promise<StoredBacktestReport> {
  // `before` is the baseline: a transition reads "what is now → what the candidate would do".
  const run = createBacktest(options.baseline, options.candidate, {
    maxChanges: options.maxChanges ?? 100,
  });
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let seen = 0;
  let skipped = 0;
  outer: for await (const page of options.records) {
    for (const record of page) {
      if (seen >= limit) break outer;
      seen++;
      let item;
      try {
        item = factsFromJson(record.facts);
      } catch (error) {
        if (!(error instanceof FactsError)) throw error;
        skipped++;
        continue;
      }
      run.add(record.itemId, item);
    }
  }
  const report = run.report();
  const samples: Record<string, string[]> = {};
  for (const change of report.changes) {
    const key = `${change.before} → ${change.after}`;
    const ids = (samples[key] ??= []);
    if (ids.length < SAMPLES_PER_TRANSITION) ids.push(change.id);
  }
  return { ...report, skipped, samples };
}
