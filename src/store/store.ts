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
import type {
  Appeal,
  CaseItem,
  ClaimOptions,
  Decision,
  ListReviewCasesOptions,
  Moderator,
  ModeratorPatch,
  NewAppeal,
  NewAppealDecision,
  NewDecision,
  NewModerator,
  OpenForItem,
  QueueOptions,
  ReviewCase,
} from "./review-types.js";
import type { NewScan, ScanRecord } from "./scan-types.js";
import type {
  AcceptResult,
  IngestedItem,
  IngestedRecord,
  ItemCounts,
  ItemOutcome,
  NewContentItem,
} from "./item-types.js";
import type { ActionPatch, ActionRecord, ListActionsOptions, NewAction } from "./action-types.js";
import type {
  NewWebhookEndpoint,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookPatch,
} from "./webhook-types.js";
import type {
  EvaluationRecord,
  IterateEvaluationsOptions,
  ListPoliciesOptions,
  NewEvaluation,
  NewPolicyVersion,
  RuleCount,
  StoredPolicy,
} from "./policy-types.js";
import type {
  IndexableFaceEmbedding,
  ListProtectedPeopleOptions,
  NewProtectedPerson,
  ProtectedPerson,
} from "./protected-people-types.js";
import type { IsoTimestamp, Page, PageOptions, SignalType } from "./types.js";
import type { NewSession, Session } from "./session-types.js";
import type { Stats, StatsOptions } from "./stats-types.js";
import type {
  HitOutcome,
  NewVictimCase,
  VictimCase,
  VictimCaseHits,
  VictimCaseSecret,
} from "./victim-case-types.js";

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

export interface ItemRepository {
  /**
   * Stores an ingested item (status `queued`) with the hashes known at ingest. A repeat of its
   * idempotency key — also from another process at the same moment — returns the first item.
   */
  accept(item: NewContentItem): Promise<AcceptResult>;
  get(id: string): Promise<IngestedRecord | null>;
  getByKey(idempotencyKey: string): Promise<IngestedItem | null>;
  /**
   * Records the outcome and marks the item done, in one transaction. An item already done is
   * returned unchanged with `completed: false`: a redelivered job must not record twice.
   */
  complete(id: string, outcome: ItemOutcome): Promise<{ item: IngestedItem; completed: boolean }>;
  /** Marks a not-yet-done item failed with the error's message. */
  fail(id: string, error: string): Promise<IngestedItem>;
  /** Items still queued that were accepted before `before`, oldest first (default limit 1000). */
  listQueued(options: {
    readonly before: string;
    readonly limit?: number;
  }): Promise<IngestedItem[]>;
  counts(): Promise<ItemCounts>;
  /**
   * Marks items taken down by a moderator (true), or clears that after an overturned appeal
   * (false: items whose own verdict took them down stay taken down).
   */
  setTakenDown(ids: readonly string[], takenDown: boolean): Promise<void>;
  /**
   * The author's other items on this platform that were taken down — by their verdict, or by a
   * moderator's removal not overturned — counted up to 1000 (`excludeId` aside).
   */
  authorTakedowns(platform: string | null, authorId: string, excludeId?: string): Promise<number>;
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
  /**
   * Opens the case for the group key or joins the open one, atomically (simultaneous calls give
   * one case on both backends), keeps the highest severity and links the item once: calling
   * again with a linked item changes nothing (delivery is at least once).
   */
  openForItem(input: OpenForItem): Promise<{ case: ReviewCase; created: boolean }>;
  /** The items linked to a case, in the order they were added. */
  items(caseId: string): Promise<CaseItem[]>;
  /** The case with its review state (lease, escalation, last decision, open appeal). */
  getReview(id: string): Promise<ReviewCase | null>;
  /** Oldest first, with review state; `after` is the last id of the previous page. */
  listReview(options?: ListReviewCasesOptions): Promise<Page<ReviewCase, string>>;
  /** Open cases by severity (highest first), then age; escalated and appealed ones only for leads and admins. */
  queue(options: QueueOptions): Promise<ReviewCase[]>;
  /** Atomically leases the first open case that is unleased or whose lease ran out; null when none. */
  claimNext(moderatorId: string, options: ClaimOptions): Promise<ReviewCase | null>;
  /** Leases this case (or renews one's own lease); `store/conflict` with `details.reason` when not. */
  claim(caseId: string, moderatorId: string, options: ClaimOptions): Promise<ReviewCase>;
  renewLease(caseId: string, moderatorId: string, leaseMs: number): Promise<ReviewCase>;
  /** Gives the case back to the queue; `privileged` releases someone else's lease. */
  release(caseId: string, moderatorId: string, privileged?: boolean): Promise<ReviewCase>;
}

export interface DecisionRepository {
  /**
   * Closes (or, for `escalate`, escalates) the case and records the decision, in one
   * transaction; only the lease holder, or a `privileged` lead/admin, may.
   */
  record(input: NewDecision): Promise<{ decision: Decision; case: ReviewCase }>;
  /** Settles the case's open appeal (uphold or overturn) and closes the case again. */
  recordAppeal(
    input: NewAppealDecision,
  ): Promise<{ decision: Decision; appeal: Appeal; case: ReviewCase }>;
  get(id: string): Promise<Decision | null>;
  /** Oldest first. */
  listByCase(caseId: string): Promise<Decision[]>;
}

export interface AppealRepository {
  /** Files an appeal of a closed case and reopens it for review; one open appeal per case. */
  create(input: NewAppeal): Promise<{ appeal: Appeal; case: ReviewCase }>;
  get(id: string): Promise<Appeal | null>;
  /** Oldest first. */
  listByCase(caseId: string): Promise<Appeal[]>;
}

export interface ModeratorRepository {
  /** `store/conflict` when the name is taken. */
  create(moderator: NewModerator): Promise<Moderator>;
  get(id: string): Promise<Moderator | null>;
  /** Every account, oldest first, disabled ones too. */
  list(): Promise<Moderator[]>;
  update(id: string, patch: ModeratorPatch): Promise<Moderator>;
  /** The account by name (disabled too) with its password hash (null: none set). */
  findCredentials(
    name: string,
  ): Promise<{ moderator: Moderator; passwordHash: string | null } | null>;
  /** Sets (or, with null, clears) the password hash; `store/not-found` when there is no such moderator. */
  setPasswordHash(id: string, passwordHash: string | null): Promise<void>;
}

export interface SessionRepository {
  create(session: NewSession): Promise<Session>;
  /** The session, unless it has been idle longer than `idleMs`. */
  find(tokenHash: string, idleMs: number): Promise<Session | null>;
  /** Records use now (moves the idle expiry forward). */
  touch(tokenHash: string): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  /** Signs a moderator out everywhere (a new password, a disabled account); says how many. */
  deleteForModerator(moderatorId: string): Promise<number>;
  /** Deletes sessions idle longer than `idleMs`; says how many. */
  purgeIdle(idleMs: number): Promise<number>;
}

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

export interface StatsRepository {
  summary(options: StatsOptions): Promise<Stats>;
  /** Ids of the cases (newest first, at most 50) whose id, content hash or author id is `q`. */
  searchCases(q: string): Promise<string[]>;
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

export interface WebhookRepository {
  /** The secret is returned here and by `rotateSecret` / `getWithSecret` only. */
  create(endpoint: NewWebhookEndpoint): Promise<WebhookEndpointWithSecret>;
  get(id: string): Promise<WebhookEndpoint | null>;
  /** For the sender, which signs with the secret; never for an API response. */
  getWithSecret(id: string): Promise<WebhookEndpointWithSecret | null>;
  /** All endpoints, oldest first. */
  list(): Promise<WebhookEndpoint[]>;
  update(id: string, patch: WebhookPatch): Promise<WebhookEndpoint>;
  /** Replaces the signing secret with the one given (made by the caller). */
  rotateSecret(id: string, secret: string): Promise<WebhookEndpointWithSecret>;
  delete(id: string): Promise<void>;
}

export interface ActionLogRepository {
  /**
   * Inserts when the key is new; when the key exists, returns the existing record with
   * `created: false` (first writer wins) — what makes "no double action" hold under redelivery.
   */
  record(action: NewAction): Promise<{ action: ActionRecord; created: boolean }>;
  /** Updates outcome, detail and attempts of the record with this key; `store/not-found` if none. */
  update(key: string, patch: ActionPatch): Promise<ActionRecord>;
  getByKey(key: string): Promise<ActionRecord | null>;
  /** Newest first; pass a page's `next` as `before` for the page after it. */
  list(options?: ListActionsOptions): Promise<Page<ActionRecord, number>>;
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

export interface ProtectedPersonRepository {
  /** The person and her embeddings, in one transaction; `store/invalid` for an expiry not in the future. */
  create(
    person: NewProtectedPerson,
  ): Promise<{ person: ProtectedPerson; embeddings: IndexableFaceEmbedding[] }>;
  /** Expired people too, until purged. */
  get(id: string): Promise<ProtectedPerson | null>;
  /** By id, ascending, without vectors; `after` is the last id of the previous page. */
  list(options?: ListProtectedPeopleOptions): Promise<Page<ProtectedPerson, string>>;
  /** Deletes the person and every embedding of hers, in one transaction; nothing of her remains. */
  delete(id: string): Promise<{ readonly deletedEmbeddings: number }>;
  /**
   * Every embedding of every person not expired (or of one person, `personId`), by id, a page
   * at a time (default 1000).
   */
  iterateActive(options?: {
    readonly pageSize?: number;
    readonly personId?: string;
  }): AsyncIterable<readonly IndexableFaceEmbedding[]>;
  /** Deletes every expired person with her embeddings; returns their ids. */
  purgeExpired(): Promise<string[]>;
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
  readonly items: ItemRepository;
  readonly reports: ReportRepository;
  readonly cases: CaseRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly audit: AuditRepository;
  readonly webhooks: WebhookRepository;
  readonly actionLog: ActionLogRepository;
  readonly moderators: ModeratorRepository;
  readonly decisions: DecisionRepository;
  readonly appeals: AppealRepository;
  readonly policies: PolicyRepository;
  readonly evaluations: EvaluationRepository;
  readonly sessions: SessionRepository;
  readonly victimCases: VictimCaseRepository;
  readonly entryHits: EntryHitRepository;
  readonly stats: StatsRepository;
  readonly protectedPeople: ProtectedPersonRepository;
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
