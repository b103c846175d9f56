/**
 * Small types every entity of the store shares: signal types, timestamps and pages.
 */

/** An instant as `Date.prototype.toISOString()` writes it (UTC, milliseconds, `Z`). */
export type IsoTimestamp = string;

/** The hash kinds a bank entry or a scanned item can carry. */
export const SIGNAL_TYPES = ["pdq", "md5", "sha256", "video"] as const;
export type SignalType = (typeof SIGNAL_TYPES)[number];

/**
 * One page of a list. `next` is the cursor to pass for the following page (as `after` or
 * `before`, depending on the list), or null when this page is the last.
 */
export interface Page<T, Cursor> {
  readonly items: readonly T[];
  readonly next: Cursor | null;
}

/** Paging options shared by the lists that take them; `limit` is 1..1000 (default 100). */
export interface PageOptions<Cursor> {
  readonly after?: Cursor;
  readonly limit?: number;
}

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 1000;
