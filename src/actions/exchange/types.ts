/**
 * The shapes of hash-list exchange: what a parsed list yields, and what an export takes. Plain
 * data (no classes), so records can go straight into the store, a queue message or a response.
 */

/** What a value is: a PDQ image hash, a file digest, or a video as vPDQ frame hashes. */
export type ExchangeSignalType = "pdq" | "md5" | "sha256" | "video";

/** `active`: add or keep the entry. `withdrawn`: remove it (StopNCII's Withdrawn and Deleted). */
export type ExchangeStatus = "active" | "withdrawn";

export type HashListFormat = "plain" | "csv" | "json";

/** One usable record of a list. */
export interface HashRecord {
  /** 1-based line of the text; for a JSON array (or `hashRecords`), the element's index + 1. */
  readonly line: number;
  readonly signalType: ExchangeSignalType;
  /** Lower-case hex; for `video`, vPDQ text (`frame,quality,pdq,timestamp` lines). */
  readonly value: string;
  /** PDQ quality 0..100, when the list gives one. */
  readonly quality?: number;
  readonly status: ExchangeStatus;
  /** The cases that hold this hash; cases marked withdrawn or deleted are left out. */
  readonly caseNumbers: readonly string[];
  /** Last change at the source, in milliseconds since 1970 (StopNCII's `lastModtimestamp`). */
  readonly updatedAt?: number;
}

export interface HashListError {
  readonly line: number;
  /** Safe to show to the person who sent the list: it names the problem, never the content. */
  readonly message: string;
}

export interface ParseHashListOptions {
  /** Default: detected from the text (see `detectHashListFormat`). */
  readonly format?: HashListFormat;
  /**
   * For plain and CSV lists: every line holds this type (its length is then checked). Default:
   * inferred from the length — 32 hex digits are MD5, 64 are `hex64`.
   */
  readonly signalType?: Exclude<ExchangeSignalType, "video">;
  /** What 64 hex digits mean in plain and CSV lists when `signalType` is not given. Default pdq. */
  readonly hex64?: "pdq" | "sha256";
  /** Errors kept in `errors` (all are counted in `errorCount`). Default 1,000. */
  readonly maxErrors?: number;
}

export interface HashListParse {
  readonly format: HashListFormat;
  readonly records: HashRecord[];
  /** The first `maxErrors` bad lines, in order. */
  readonly errors: HashListError[];
  readonly errorCount: number;
}

/** One bank entry to export; structural, so store rows can be passed as they are. */
export interface ExchangeEntry {
  readonly signalType: ExchangeSignalType;
  readonly value: string;
  readonly quality?: number | null;
  /** Default `active`. */
  readonly status?: ExchangeStatus;
  readonly caseNumbers?: readonly string[];
  /** A Date or milliseconds since 1970. */
  readonly updatedAt?: Date | number | null;
}

export interface FormatHashListOptions {
  /**
   * Plain and CSV lists hold one type (a 64-digit line cannot say whether it is PDQ or SHA-256):
   * entries of other types are skipped. Default `pdq`. For JSON, a filter; default all types.
   */
  readonly signalType?: ExchangeSignalType;
}

export interface FormattedHashList {
  readonly text: string;
  readonly written: number;
  /** Entries the format cannot carry: other types, videos in text lists, withdrawn in text lists. */
  readonly skipped: number;
}
