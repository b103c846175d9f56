/**
 * PolicyItem: every fact a rule may look at about one piece of content. Structural and defined
 * here, because policy sits below the engine that builds it: the engine maps its matches and
 * signals onto these shapes, and stored items can be replayed through a backtest unchanged.
 */
import type { BankSignalType, Visibility } from "./rule-types.js";

export interface PolicyBankMatch {
  readonly bankId: string;
  readonly entryId: number;
  readonly signalType: BankSignalType;
  /** PDQ: Hamming distance; MD5, SHA-256: 0; vPDQ: 100 minus the smaller share of matching frames. */
  readonly distance: number;
  /** The bank's labels, then the entry's own. */
  readonly labels: readonly string[];
}

export interface ClassifierScore {
  /** e.g. `nsfw.porn`, `face.protected`. */
  readonly name: string;
  /** 0..1 */
  readonly score: number;
  readonly model?: string;
}

export interface TextFinding {
  readonly category: string;
  readonly weight: number;
  /** UTF-16 offsets into the item's text, end exclusive. */
  readonly span: readonly [number, number];
  /** The matched words, for the moderator; explanations leave it out. */
  readonly text?: string;
}

export interface PolicyItem {
  /** Where the item came from: `scan`, `stream`, `telegram`, `report`… */
  readonly source: string;
  readonly platform?: string;
  readonly visibility?: Visibility;
  readonly bankMatches: readonly PolicyBankMatch[];
  readonly classifiers: readonly ClassifierScore[];
  readonly textFindings: readonly TextFinding[];
  /** All reports received about the item. */
  readonly reportCount: number;
  /** One entry per report that gave a reason; repeats count. */
  readonly reportReasons: readonly string[];
  /** Earlier takedowns of the author's content; 0 when the author is unknown. */
  readonly authorPriorTakedowns: number;
}
