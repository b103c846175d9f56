/**
 * The one decide step for content, shared by the synchronous scan (scan.ts) and the workers'
 * pipeline (pipeline.ts): the bank matches, what the signals found and what is known of the
 * content's past go to the rule set in force, and the stronger of the banks' verdict and the
 * policy's wins, with reasons to quote. A pure function, so a decision can be replayed: the
 * callers fetch, hash, match and analyse before it and store and act after it, which is all they
 * differ in (a scan has no history, stores only when asked and acts on nothing).
 */
import {
  evaluate,
  strongerVerdict,
  type Evaluation,
  type PolicyBankMatch,
  type PolicyItem,
  type PolicyVerdict,
  type RuleSet,
} from "../../policy/index.js";
import {
  decideVerdict,
  type BankMatch,
  type BankMatcher,
  type MatchQuery,
  type MatchResult,
  type MatcherBank,
} from "../matching/index.js";
import { analysisFacts } from "./analysis-facts.js";
import type { JsonObject } from "../../core/index.js";

/** The rule set in force and its version (PolicyService). */
export interface PolicySource {
  current(): Promise<{ readonly version: number | null; readonly ruleSet: RuleSet }>;
}

/** What is known of the content's past when it is decided. */
export interface ContentHistory {
  readonly reportCount: number;
  readonly reportReasons: readonly string[];
  readonly authorPriorTakedowns: number;
}

/** A scan's: before publication nobody has reported the content and its author is unknown. */
export const NO_HISTORY: ContentHistory = Object.freeze({
  reportCount: 0,
  reportReasons: [],
  authorPriorTakedowns: 0,
});

/** What a process without policies decides by: no rule, so the banks alone. */
export const NO_RULES: RuleSet = Object.freeze({ rules: [] });

export interface DecideInput {
  /** Where the content came from, as a rule sees it. */
  readonly origin: Pick<PolicyItem, "source" | "platform" | "visibility">;
  readonly matches: readonly BankMatch[];
  /** The banks matched against: the action of each (block or review) is the banks' verdict. */
  readonly banks: Iterable<MatcherBank>;
  /** The signals' records (nudity, faces, text, provenance), as ContentAnalyser gives them. */
  readonly analysis: readonly JsonObject[];
  readonly history: ContentHistory;
  readonly ruleSet: RuleSet;
  /**
   * The one reason when no bank matched and no rule fired, in each caller's words as its
   * clients have always read them: a scan's "no bank matched", an item's longer sentence.
   */
  readonly nothingFound: string;
}

export interface ContentDecision {
  /** The facts the rules saw: what the pipeline records for backtests. */
  readonly facts: PolicyItem;
  readonly evaluation: Evaluation;
  readonly verdict: PolicyVerdict;
  /** The matching banks' reasons (when any matched), then each fired rule's explanation. */
  readonly reasons: readonly string[];
}

export function decideContent(input: DecideInput): ContentDecision {
  const bank = decideVerdict(input.matches, input.banks);
  const facts = contentFacts(input);
  const evaluation = evaluate(input.ruleSet, facts);
  const reasons = [
    ...(input.matches.length > 0 ? bank.reasons : []),
    ...evaluation.fired.map((rule) => rule.explanation),
  ];
  return {
    facts,
    evaluation,
    verdict: strongerVerdict(bank.verdict, evaluation.verdict),
    reasons: reasons.length > 0 ? reasons : [input.nothingFound],
  };
}

/**
 * Every query against the matcher: one per media object, so an album of ten images is ten
 * lookups, not one query in which a second image's MD5 would overwrite the first's.
 */
export function matchAll(matcher: BankMatcher, queries: readonly MatchQuery[]): MatchResult {
  const results = queries.map((query) => matcher.match(query));
  return {
    matches: results.flatMap((result) => result.matches),
    skipped: results.flatMap((result) => result.skipped),
  };
}

function contentFacts({ origin, matches, analysis, history }: DecideInput): PolicyItem {
  const learned = analysisFacts(analysis);
  return {
    source: origin.source,
    ...(origin.platform === undefined ? {} : { platform: origin.platform }),
    ...(origin.visibility === undefined ? {} : { visibility: origin.visibility }),
    bankMatches: matches.map((m): PolicyBankMatch => ({
      bankId: m.bankId,
      entryId: m.entryId,
      signalType: m.signalType,
      distance: m.distance,
      labels: m.labels,
    })),
    classifiers: learned.classifiers,
    textFindings: learned.textFindings,
    reportCount: history.reportCount,
    reportReasons: history.reportReasons,
    authorPriorTakedowns: history.authorPriorTakedowns,
  };
}
