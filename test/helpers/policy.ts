import type { PolicyItem } from "../../src/policy/index.js";

/** A policy item with no facts (a public stream post nobody reported), plus the given ones. */
export function buildPolicyItem(facts: Partial<PolicyItem> = {}): PolicyItem {
  return {
    source: "stream",
    bankMatches: [],
    classifiers: [],
    textFindings: [],
    reportCount: 0,
    reportReasons: [],
    authorPriorTakedowns: 0,
    ...facts,
  };
}
