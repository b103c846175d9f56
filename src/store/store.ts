/**
 * The `Store` port: every durable record of Vigil behind one interface, the same for SQLite and
 * PostgreSQL. Reads of one thing return null when it is absent; changes to a missing thing fail
 * with `store/not-found`; bad input fails with `store/invalid`, duplicates with `store/conflict`.
 */
import type { ApiKey, NewApiKey } from "./key-types.js";
import type {
  AuditEvent,
  AuditVerification,
  ListAuditOptions,
  NewAuditEvent,
} from "./audit-types.js";
import type {
  ActiveEntriesOptions,
  AddEntriesResult,
  AddEntryResult,
  Bank,
  BankEntry,
  BankPatch,
  EntryCounts,
  IndexableEntry,
  ListEntriesOptions,
  NewBank,
  NewBankEntry,
} from "./bank-types.js";
import type {
  Case,
  CreateReportResult,
  ListCasesOptions,
  NewReport,
  Report,
} from "./report-types.js";
import type { NewScan, ScanRecord } from "./scan-types.js";
import type {
  EvaluationRecord,
  IterateEvaluationsOptions,
  ListPoliciesOptions,
  NewEvaluation,
  NewPolicyVersion,
  RuleCount,
  StoredPolicy,
} from "./policy-types.js";
import type { IsoTimestamp, Page, PageOptions, SignalType } from "./types.js";

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

export interface ScanRepository {
  /** The item, its signals and its matches, in one transaction. */
  record(scan: NewScan): Promise<ScanRecord>;
  get(contentId: string): Promise<ScanRecord | null>;
}

export interface ReportRepository {
  /**
   * Stores the report and, atomically, opens a case for its content or joins the open one:
   * simultaneous reports of the same content end up in one case on both backends.
   */
  create(report: NewReport): Promise<CreateReportResult>;
  get(id: string): Promise<Report | null>;
  /** Oldest first; `after` is the last id of the previous page. */
  listByCase(caseId: string, options?: PageOptions<string>): Promise<Page<Report, string>>;
}

export interface CaseRepository {
  get(id: string): Promise<Case | null>;
  /** The open case for a group key (a content hash, else a content reference). */
  findOpen(groupKey: string): Promise<Case | null>;
  /** Oldest first; `after` is the last id of the previous page. */
  list(options?: ListCasesOptions): Promise<Page<Case, string>>;
  /** Closing a closed case changes nothing. Later reports of the content open a new case. */
  close(id: string): Promise<Case>;
}

export interface ApiKeyRepository {
  /** `store/conflict` when the prefix is taken. */
  create(key: NewApiKey): Promise<ApiKey>;
  get(id: string): Promise<ApiKey | null>;
  /** Revoked keys are returned too: the caller checks `revokedAt`. */
  findByPrefix(prefix: string): Promise<ApiKey | null>;
  /** All keys, oldest first. */
  list(): Promise<ApiKey[]>;
  /** Revoking a revoked key keeps its first `revokedAt`. */
  revoke(id: string): Promise<ApiKey>;
  /** Records a use (default: now). */
  touch(id: string, at?: Date): Promise<void>;
}

export interface AuditRepository {
  /**
   * Links the event to the chain in the same transaction that reads the chain head, so
   * concurrent appends (one process or several) never fork it.
   */
  append(event: NewAuditEvent): Promise<AuditEvent>;
  /** Newest first; pass a page's `next` as `before` for the page after it. */
  list(options?: ListAuditOptions): Promise<Page<AuditEvent, number>>;
  /**
   * Recomputes the chain in id order, a page at a time (`pageSize`, default 1000), and names
   * the first event that does not fit it.
   */
  verify(options?: { readonly pageSize?: number }): Promise<AuditVerification>;
}

export interface PolicyRepository {
  /** Stores the next version (1, 2, 3…), atomically: two saves at once get different versions. */
  save(policy: NewPolicyVersion): Promise<StoredPolicy>;
  /** The newest version: the one in force; null before the first save. */
  current(): Promise<StoredPolicy | null>;
  get(version: number): Promise<StoredPolicy | null>;
  /** Newest first; pass a page's `next` as `before` for the page after it. */
  list(options?: ListPoliciesOptions): Promise<Page<StoredPolicy, number>>;
}

export interface EvaluationRepository {
  /** Idempotent on itemId: a second record for the same item returns the first, unchanged (`created: false`). */
  record(evaluation: NewEvaluation): Promise<{ evaluation: EvaluationRecord; created: boolean }>;
  get(itemId: string): Promise<EvaluationRecord | null>;
  /** Oldest first, a page at a time. */
  iterate(options?: IterateEvaluationsOptions): AsyncIterable<readonly EvaluationRecord[]>;
  /** How many items each rule fired on, live and shadow, since a time (for the rules page). */
  ruleCounts(options?: { readonly since?: IsoTimestamp }): Promise<RuleCount[]>;
}

export interface AppliedMigration {
  readonly version: number;
  readonly name: string;
  readonly appliedAt: IsoTimestamp;
}

/** The store as seen inside `transaction`: the same repositories, bound to the transaction. */
export interface StoreRepositories {
  readonly banks: BankRepository;
  readonly entries: EntryRepository;
  readonly scans: ScanRepository;
  readonly reports: ReportRepository;
  readonly cases: CaseRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly audit: AuditRepository;
  readonly policies: PolicyRepository;
  readonly evaluations: EvaluationRepository;
}

export interface Store extends StoreRepositories {
  readonly backend: "sqlite" | "postgres";
  /**
   * Runs `work` in one transaction: all its writes happen or none. Keep it short and free of
   * other I/O (SQLite runs one transaction at a time), and use only the repositories it is given.
   */
  transaction<T>(work: (store: StoreRepositories) => Promise<T>): Promise<T>;
  /** The schema migrations applied to this database, oldest first. */
  appliedMigrations(): Promise<AppliedMigration[]>;
  /** Resolves when the database answers; `store/unavailable` when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
