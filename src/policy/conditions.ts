/**
 * checkCondition: does one condition hold for one item, and on which facts. A pure function of
 * its two arguments; every leaf collects all the facts that satisfy it, not just the first, so
 * the explanation shows the whole picture (e.g. every matching bank).
 */
import type { Evidence, ConditionResult } from "./evidence-types.js";
import type { PolicyBankMatch, PolicyItem } from "./item.js";
import type { BankMatchCondition, Condition, SourceCondition } from "./rule-types.js";

const NO: ConditionResult = { holds: false, evidence: [] };

export function checkCondition(condition: Condition, item: PolicyItem): ConditionResult {
  switch (condition.kind) {
    case "bank_match":
      return some(
        item.bankMatches
          .filter((match) => bankMatchPasses(condition, match))
          .map((match) => ({ kind: "bank_match", match })),
      );
    case "classifier":
      return some(
        item.classifiers
          .filter((c) => c.name === condition.name && c.score >= condition.atLeast)
          .map((classifier) => ({ kind: "classifier", classifier, atLeast: condition.atLeast })),
      );
    case "text_finding":
      return some(
        item.textFindings
          .filter((f) => !condition.categories || condition.categories.includes(f.category))
          .filter((f) => f.weight >= (condition.minWeight ?? 0))
          .map((finding) => ({ kind: "text_finding", finding })),
      );
    case "report_count": {
      const count = item.reportCount;
      const atLeast = condition.atLeast;
      return count >= atLeast ? yes({ kind: "report_count", count, atLeast }) : NO;
    }
    case "report_reason": {
      const given = item.reportReasons.filter((r) => condition.reasons.includes(r));
      const atLeast = condition.atLeast ?? 1;
      if (given.length < atLeast) return NO;
      const reasons = [...new Set(given)];
      return yes({ kind: "report_reason", reasons, count: given.length, atLeast });
    }
    case "author_history": {
      const priorTakedowns = item.authorPriorTakedowns;
      const atLeast = condition.priorTakedownsAtLeast;
      return priorTakedowns >= atLeast
        ? yes({ kind: "author_history", priorTakedowns, atLeast })
        : NO;
    }
    case "source":
      return sourcePasses(condition, item) ? yes(sourceEvidence(item)) : NO;
    case "all": {
      const results = condition.of.map((c) => checkCondition(c, item));
      return results.every((r) => r.holds) ? merge(results) : NO;
    }
    case "any": {
      const results = condition.of.map((c) => checkCondition(c, item)).filter((r) => r.holds);
      return results.length > 0 ? merge(results) : NO;
    }
    case "not":
      return checkCondition(condition.condition, item).holds
        ? NO
        : yes({ kind: "absent", condition: condition.condition });
  }
}

function bankMatchPasses(c: BankMatchCondition, m: PolicyBankMatch): boolean {
  if (c.labels && !m.labels.some((label) => c.labels!.includes(label))) return false;
  if (c.banks && !c.banks.includes(m.bankId)) return false;
  if (c.signalTypes && !c.signalTypes.includes(m.signalType)) return false;
  // vPDQ distances are percentages of frames, not bits; the bank's own threshold governs them.
  if (c.maxDistance !== undefined && m.signalType === "pdq" && m.distance > c.maxDistance) {
    return false;
  }
  return true;
}

function sourcePasses(c: SourceCondition, item: PolicyItem): boolean {
  if (c.visibility !== undefined && item.visibility !== c.visibility) return false;
  if (c.platforms && (item.platform === undefined || !c.platforms.includes(item.platform))) {
    return false;
  }
  return !c.sources || c.sources.includes(item.source);
}

function sourceEvidence(item: PolicyItem): Evidence {
  return {
    kind: "source",
    source: item.source,
    ...(item.platform === undefined ? {} : { platform: item.platform }),
    ...(item.visibility === undefined ? {} : { visibility: item.visibility }),
  };
}

function some(evidence: Evidence[]): ConditionResult {
  return evidence.length > 0 ? { holds: true, evidence } : NO;
}

function yes(evidence: Evidence): ConditionResult {
  return { holds: true, evidence: [evidence] };
}

/** The evidence of several holding conditions, each fact once (two leaves may cite the same match). */
function merge(results: readonly ConditionResult[]): ConditionResult {
  const seen = new Set<string>();
  const evidence: Evidence[] = [];
  for (const e of results.flatMap((r) => r.evidence)) {
    const key = JSON.stringify(e);
    if (seen.has(key)) continue;
    seen.add(key);
    evidence.push(e);
  }
  return { holds: true, evidence };
}
