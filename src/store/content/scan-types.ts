/**
 * What a scan saw and decided, kept only when the scan asks for it (`store: true`): the content
 * item, the signals computed from it, and the bank entries they matched. Never the bytes.
 */
import type { IsoTimestamp, SignalType } from "../types.js";

export interface ContentItem {
  /** A time-ordered UUID (v7). */
  readonly id: string;
  /** How the content reached us: `scan`, `stream`, `telegram`, `report`, … */
  readonly source: string;
  /** The platform it lives on, when the caller says. */
  readonly platform: string | null;
  /** The platform's id for it (message id, URL), when the caller says. */
  readonly externalId: string | null;
  readonly createdAt: IsoTimestamp;
}

export interface ContentSignal {
  readonly signalType: SignalType;
  /** Normalised as a bank entry's value is. */
  readonly value: string;
  readonly quality: number | null;
}

export interface MatchResult {
  readonly bankId: string;
  readonly entryId: number;
  readonly signalType: SignalType;
  /** PDQ Hamming distance; 0 for exact digests; for video, whatever the matcher reports. */
  readonly distance: number;
}

export interface NewContentSignal {
  readonly signalType: SignalType;
  readonly value: string;
  readonly quality?: number | null;
}

export interface NewScan {
  /** Defaults to `scan`. */
  readonly source?: string;
  readonly platform?: string | null;
  readonly externalId?: string | null;
  readonly signals: readonly NewContentSignal[];
  /**
   * Not checked against the banks: a match is history, and the bank or entry may have gone
   * between the lookup and this write.
   */
  readonly matches: readonly MatchResult[];
}

export interface ScanRecord {
  readonly item: ContentItem;
  /** In the order given. */
  readonly signals: readonly ContentSignal[];
  /** In the order given. */
  readonly matches: readonly MatchResult[];
}

export interface ScanRepository {
  /** The item, its signals and its matches, in one transaction. */
  record(scan: NewScan): Promise<ScanRecord>;
  get(contentId: string): Promise<ScanRecord | null>;
}
