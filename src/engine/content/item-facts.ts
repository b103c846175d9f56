/**
 * From what the engine knows about an ingested item to the facts a policy looks at (PolicyItem).
 * Kept apart from the pipeline so the same mapping serves processing and replays.
 */
import type { PolicyBankMatch, PolicyItem } from "../../policy/index.js";
import type { IngestedItem, JsonObject } from "../../store/index.js";
import { analysisFacts } from "./analysis-facts.js";
import type { BankMatch } from "../matching/index.js";

export interface ItemContext {
  readonly reportCount: number;
  readonly reportReasons: readonly string[];
  readonly authorPriorTakedowns: number;
}

export function itemFacts(
  item: IngestedItem,
  matches: readonly BankMatch[],
  context: ItemContext,
  analysis: readonly JsonObject[] = item.analysis,
): PolicyItem {
  const learned = analysisFacts(analysis);
  return {
    source: item.source,
    ...(item.platform === null ? {} : { platform: item.platform }),
    ...(item.visibility === null ? {} : { visibility: item.visibility }),
    bankMatches: matches.map((m): PolicyBankMatch => ({
      bankId: m.bankId,
      entryId: m.entryId,
      signalType: m.signalType,
      distance: m.distance,
      labels: m.labels,
    })),
    classifiers: learned.classifiers,
    textFindings: learned.textFindings,
    reportCount: context.reportCount,
    reportReasons: context.reportReasons,
    authorPriorTakedowns: context.authorPriorTakedowns,
  };
}
