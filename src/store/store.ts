/**
 * The `Store` port: every durable record of Vigil behind one interface, the same for SQLite and
 * PostgreSQL. Reads of one thing return null when it is absent; changes to a missing thing fail
 * with `store/not-found`; bad input fails with `store/invalid`, duplicates with `store/conflict`.
 */
import type { BankRepository, EntryRepository } from "./banks/bank-types.js";
import type { ScanRepository } from "./content/scan-types.js";
import type { ItemRepository } from "./content/item-types.js";
import type { ReportRepository, CaseRepository } from "./review/report-types.js";
import type {
  DecisionRepository,
  AppealRepository,
  ModeratorRepository,
} from "./review/review-types.js";
import type { SessionRepository } from "./auth/session-types.js";
import type { ApiKeyRepository } from "./auth/key-types.js";
import type { VictimCaseRepository, EntryHitRepository } from "./victims/victim-case-types.js";
import type { StatsRepository } from "./stats/stats-types.js";
import type { AuditRepository } from "./audit/audit-types.js";
import type { WebhookRepository } from "./actions/webhook-types.js";
import type { ActionLogRepository } from "./actions/action-types.js";
import type { PolicyRepository, EvaluationRepository } from "./policies/policy-types.js";
import type { ProtectedPersonRepository } from "./protected-people/protected-people-types.js";
import type { IsoTimestamp } from "./types.js";

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
