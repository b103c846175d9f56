/**
 * The matcher's inputs and outputs. Inputs are structural: the store's rows can be passed as they
 * are, and the engine never depends on how the store is built.
 */
import type { DihedralName, VpdqFeature } from "../../hash/index.js";

export type MatcherSignalType = "pdq" | "md5" | "sha256" | "video";
export type BankAction = "block" | "review";

export interface MatcherBank {
  readonly id: string;
  /** A disabled bank keeps its entries indexed but matches nothing. */
  readonly enabled: boolean;
  /** Largest PDQ Hamming distance that counts as a match, 0..47; for videos, per frame. */
  readonly matchThreshold: number;
  readonly action: BankAction;
  readonly labels: readonly string[];
}

export interface MatcherEntry {
  /** uint32, unique across all banks (the store's entry id). */
  readonly id: number;
  readonly bankId: string;
  readonly signalType: MatcherSignalType;
  /** Hex for pdq, md5 and sha256; vPDQ text (`frame,quality,pdq,timestamp` lines) for video. */
  readonly value: string;
  readonly quality?: number | null;
  readonly labels?: readonly string[];
}

export interface PdqQuery {
  /** 64 hex digits. */
  readonly hash: string;
  /** PDQ quality 0..100; under 50 the hash is not matched. */
  readonly quality: number;
  /** The eight variants computed from the pixels, when at hand; better than deriving them. */
  readonly dihedral?: Readonly<Record<DihedralName, string>>;
}

export interface MatchQuery {
  readonly pdq?: readonly PdqQuery[];
  readonly md5?: string;
  readonly sha256?: string;
  readonly video?: readonly VpdqFeature[];
  /** Also find rotated and mirrored copies of the PDQ hashes. */
  readonly dihedral?: boolean;
}

export type MatchDetails =
  | { readonly kind: "pdq"; readonly queryIndex: number; readonly variant: DihedralName }
  | { readonly kind: "digest" }
  | {
      readonly kind: "video";
      readonly queryMatchPercent: number;
      readonly bankMatchPercent: number;
      readonly queryFrames: number;
      readonly bankFrames: number;
    };

export interface BankMatch {
  readonly bankId: string;
  readonly entryId: number;
  readonly signalType: MatcherSignalType;
  /**
   * PDQ: Hamming distance. MD5, SHA-256: 0. Video: 100 minus the smaller of the two shares of
   * matching frames, in percent (0 when every frame on both sides matched).
   */
  readonly distance: number;
  /** The bank's labels, then the entry's own. */
  readonly labels: readonly string[];
  readonly details: MatchDetails;
}

/** A signal of the query that was not matched, and why. */
export interface SkippedSignal {
  readonly signalType: MatcherSignalType;
  readonly index: number;
  readonly reason: string;
}

export interface MatchResult {
  readonly matches: BankMatch[];
  readonly skipped: SkippedSignal[];
}

export interface AddEntriesResult {
  readonly added: number;
  readonly rejected: number;
  /** The first 100 rejected entries and why. */
  readonly errors: { readonly id: number; readonly message: string }[];
}

export interface MatcherStats {
  readonly banks: number;
  readonly entries: number;
  readonly pdq: number;
  readonly md5: number;
  readonly sha256: number;
  readonly video: number;
  /** Distinct usable frames of all banked videos. */
  readonly videoFrames: number;
  /** Typed-array bytes of the indexes; per-video and per-label objects come on top. */
  readonly byteLength: number;
}
