/**
 * Banks of known abusive content and their entries. An entry's id is a positive integer that fits
 * in 32 bits, unique across all banks, because the in-memory MihIndex keys hashes by uint32.
 */
import type { IsoTimestamp, PageOptions, SignalType } from "../types.js";
import type { Page } from "../types.js";

/** What a match against the bank asks the policy to do by default. */
export const BANK_ACTIONS = ["block", "review"] as const;
export type BankAction = (typeof BANK_ACTIONS)[number];

/** PDQ Hamming distance at or below which a bank matches (MihIndex searches up to 47). */
export const DEFAULT_MATCH_THRESHOLD = 31;
export const MAX_MATCH_THRESHOLD = 47;

export interface Bank {
  /** A slug chosen at creation (`victim-submissions`): lower-case letters, digits and `-`. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** What the bank holds, e.g. `ncii`, `deepfake`, `csam`. */
  readonly labels: readonly string[];
  /** A disabled bank keeps its entries (and stays in the indexes) but matches nothing. */
  readonly enabled: boolean;
  readonly matchThreshold: number;
  readonly action: BankAction;
  readonly createdAt: IsoTimestamp;
  readonly updatedAt: IsoTimestamp;
}

export interface NewBank {
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly labels?: readonly string[];
  readonly enabled?: boolean;
  readonly matchThreshold?: number;
  readonly action?: BankAction;
}

/** The fields `banks.update` may change; absent fields keep their value. */
export type BankPatch = Partial<Omit<NewBank, "id">>;

export const ENTRY_STATUSES = ["active", "withdrawn"] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export interface BankEntry {
  readonly id: number;
  readonly bankId: string;
  readonly signalType: SignalType;
  /**
   * Normalised: lower-case hex for `pdq` (64), `md5` (32) and `sha256` (64); for `video` the
   * vPDQ text, one `frame,quality,pdq,timestamp` line per frame, as `formatVpdq` writes it.
   */
  readonly value: string;
  /** PDQ quality 0..100 when known. */
  readonly quality: number | null;
  /** Where the entry came from: `api`, `import`, `stopncii`, … */
  readonly source: string;
  readonly labels: readonly string[];
  /** References to the cases (ours or a partner's) the entry was added for. */
  readonly caseNumbers: readonly string[];
  readonly status: EntryStatus;
  readonly createdAt: IsoTimestamp;
  readonly updatedAt: IsoTimestamp;
  /** Set exactly when `status` is `withdrawn`. */
  readonly withdrawnAt: IsoTimestamp | null;
}

export interface NewBankEntry {
  readonly signalType: SignalType;
  readonly value: string;
  readonly quality?: number | null;
  /** Defaults to `api`. */
  readonly source?: string;
  readonly labels?: readonly string[];
  readonly caseNumbers?: readonly string[];
}

/** `created` is false when an identical active value already was in the bank: that one is returned. */
export interface AddEntryResult {
  readonly entry: BankEntry;
  readonly created: boolean;
}

export interface AddEntriesResult {
  /** For each input, in order, the id of the active entry now holding its value (new or not). */
  readonly ids: readonly number[];
  /** Inputs that created an entry. */
  readonly added: number;
  /** Inputs whose value was already active in the bank, or repeated an earlier input. */
  readonly duplicates: number;
}

export interface ListEntriesOptions extends PageOptions<number> {
  readonly status?: EntryStatus;
}

export interface EntryCounts {
  readonly active: number;
  readonly withdrawn: number;
}

/** The slice of an active entry an in-memory index needs. */
export interface IndexableEntry {
  readonly id: number;
  readonly bankId: string;
  readonly signalType: SignalType;
  readonly value: string;
  readonly quality: number | null;
}

export interface ActiveEntriesOptions {
  /** Entries per page (1..50000, default 10000). */
  readonly pageSize?: number;
  /** Only entries of this signal type. */
  readonly signalType?: SignalType;
}

export interface BankRepository {
  /** `store/conflict` when the id is taken. */
  create(bank: NewBank): Promise<Bank>;
  get(id: string): Promise<Bank | null>;
  /** All banks, by id. */
  list(): Promise<Bank[]>;
  update(id: string, patch: BankPatch): Promise<Bank>;
  /** Deletes the bank and all its entries; says how many entries went. */
  delete(id: string): Promise<{ readonly deletedEntries: number }>;
}

export interface EntryRepository {
  /** An identical active value already in the bank is returned as is (`created: false`). */
  add(bankId: string, entry: NewBankEntry): Promise<AddEntryResult>;
  /** All or nothing, in one transaction; duplicates are skipped as `add` skips them. */
  addMany(bankId: string, entries: readonly NewBankEntry[]): Promise<AddEntriesResult>;
  get(id: number): Promise<BankEntry | null>;
  /** By id, ascending; `after` is the last id of the previous page. */
  list(bankId: string, options?: ListEntriesOptions): Promise<Page<BankEntry, number>>;
  count(bankId: string): Promise<EntryCounts>;
  /** Every entry of the bank with this value, active or withdrawn, by id. */
  find(bankId: string, signalType: SignalType, value: string): Promise<BankEntry[]>;
  /** Withdrawing a withdrawn entry changes nothing and returns it. */
  withdraw(id: number): Promise<BankEntry>;
  /** Withdraws the active entry with this value; null when there is none. */
  withdrawValue(bankId: string, signalType: SignalType, value: string): Promise<BankEntry | null>;
  /**
   * Every active entry of every bank (enabled or not), by id, a page at a time: what an
   * in-memory index is built from. Pages are read as the iteration goes, so entries added
   * meanwhile with higher ids appear and entries withdrawn meanwhile may or may not.
   */
  iterateActive(options?: ActiveEntriesOptions): AsyncIterable<readonly IndexableEntry[]>;
}
