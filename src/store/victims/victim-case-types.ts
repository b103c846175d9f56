/**
 * Victim cases from the portal. A case is a random case number, a slow hash of its PIN, and
 * the bank entries its hashes became — never an image, a name or any contact detail.
 */
import type { IsoTimestamp } from "../types.js";

export const VICTIM_CASE_STATUSES = ["active", "withdrawn"] as const;
export type VictimCaseStatus = (typeof VICTIM_CASE_STATUSES)[number];

export interface VictimCase {
  /** `VC-XXXX-XXXX`. */
  readonly caseNumber: string;
  readonly status: VictimCaseStatus;
  /** How many images the person hashed. */
  readonly images: number;
  readonly createdAt: IsoTimestamp;
  readonly withdrawnAt: IsoTimestamp | null;
}

/** The case with what checking a PIN needs; never for a response. */
export interface VictimCaseSecret extends VictimCase {
  readonly pinHash: string;
  /** Wrong PINs since `failedSince` (the start of the current window). */
  readonly failedAttempts: number;
  readonly failedSince: IsoTimestamp | null;
}

export interface NewVictimCase {
  readonly caseNumber: string;
  readonly pinHash: string;
  readonly images: number;
  /** The bank entries the case's hashes became, each with the image (0-based) it came from. */
  readonly entries: readonly { readonly entryId: number; readonly image: number }[];
}

/** Per image, the most hits of any of its entries, summed over the case's images. */
export interface VictimCaseHits {
  readonly blocked: number;
  readonly removed: number;
}

export const HIT_OUTCOMES = ["blocked", "removed"] as const;
export type HitOutcome = (typeof HIT_OUTCOMES)[number];

export interface VictimCaseRepository {
  /** The case and its links to bank entries, in one transaction; `store/conflict` when the number is taken. */
  create(input: NewVictimCase): Promise<VictimCase>;
  /** Null for an unknown or malformed number. */
  get(caseNumber: string): Promise<VictimCaseSecret | null>;
  entryIds(caseNumber: string): Promise<number[]>;
  /** Counts a wrong PIN in the window that started at or after `windowStart`; returns the count. */
  recordFailure(caseNumber: string, windowStart: IsoTimestamp): Promise<number>;
  clearFailures(caseNumber: string): Promise<void>;
  /** Marks it withdrawn; names its entries no other active case links (to withdraw from the bank). */
  withdraw(caseNumber: string): Promise<{ case: VictimCase; releasedEntryIds: number[] }>;
  /** Blocked and removed hits of the case's entries, summed. */
  hits(caseNumber: string): Promise<VictimCaseHits>;
}

export interface EntryHitRepository {
  /** One more hit with this outcome for each distinct entry. */
  record(entryIds: readonly number[], outcome: HitOutcome): Promise<void>;
}
