/**
 * store — every durable record of Vigil behind one `Store` interface: banks and their entries,
 * scan results, reports and cases, API keys, the audit log. Two backends implement it with the
 * same SQL: SQLite (better-sqlite3, the embedded default) and PostgreSQL (`pg`, the scale-out),
 * picked once by `openStore` from the database URL; schema migrations run when it opens.
 *
 * It must never store or log content — no image or video bytes, no pixels: only hashes, ids
 * and decisions — and never an API key's secret, only its SHA-256. It never reads `process.env`.
 */
export { openStore, type OpenStoreOptions } from "./open.js";
export { parseStoreUrl, type StoreLocation } from "./url.js";
export type {
  ActionLogRepository,
  ApiKeyRepository,
  AppealRepository,
  AppliedMigration,
  DecisionRepository,
  ModeratorRepository,
  AuditRepository,
  BankRepository,
  CaseRepository,
  EntryRepository,
  ItemRepository,
  EvaluationRepository,
  PolicyRepository,
  ProtectedPersonRepository,
  ReportRepository,
  ScanRepository,
  Store,
  StoreRepositories,
  WebhookRepository,
  SessionRepository,
  VictimCaseRepository,
  EntryHitRepository,
  StatsRepository,
} from "./store.js";
export {
  DEFAULT_PAGE_LIMIT,
  MAX_PAGE_LIMIT,
  SIGNAL_TYPES,
  type IsoTimestamp,
  type JsonObject,
  type JsonValue,
  type Page,
  type PageOptions,
  type SignalType,
} from "./types.js";
export {
  BANK_ACTIONS,
  DEFAULT_MATCH_THRESHOLD,
  ENTRY_STATUSES,
  MAX_MATCH_THRESHOLD,
  type ActiveEntriesOptions,
  type AddEntriesResult,
  type AddEntryResult,
  type Bank,
  type BankAction,
  type BankEntry,
  type BankPatch,
  type EntryCounts,
  type EntryStatus,
  type IndexableEntry,
  type ListEntriesOptions,
  type NewBank,
  type NewBankEntry,
} from "./bank-types.js";
export type {
  ContentItem,
  ContentSignal,
  MatchResult,
  NewContentSignal,
  NewScan,
  ScanRecord,
} from "./scan-types.js";
export {
  ITEM_STATUSES,
  VISIBILITIES,
  type AcceptResult,
  type IngestedItem,
  type IngestedRecord,
  type ItemCounts,
  type ItemOutcome,
  type ItemStatus,
  type ItemVisibility,
  type MediaRef,
  type NewContentItem,
} from "./item-types.js";
export {
  CASE_STATUSES,
  REPORT_REASONS,
  REPORT_SEVERITY,
  type Case,
  type CaseStatus,
  type CreateReportResult,
  type ListCasesOptions,
  type NewReport,
  type Report,
  type ReportReason,
} from "./report-types.js";
export {
  APPEAL_DECISIONS,
  APPEAL_OUTCOMES,
  APPEAL_STATUSES,
  CASE_DECISIONS,
  DECISION_KINDS,
  MODERATOR_ROLES,
  POLICY_REASONS,
  type Appeal,
  type AppealDecision,
  type AppealOutcome,
  type AppealStatus,
  type CaseDecision,
  type CaseItem,
  type ClaimOptions,
  type Decision,
  type DecisionKind,
  type ListReviewCasesOptions,
  type Moderator,
  type ModeratorPatch,
  type ModeratorRole,
  type NewAppeal,
  type NewAppealDecision,
  type NewDecision,
  type NewModerator,
  type OpenForItem,
  type PolicyReason,
  type QueueOptions,
  type ReviewCase,
} from "./review-types.js";
export { API_SCOPES, type ApiKey, type ApiScope, type NewApiKey } from "./key-types.js";
export type {
  AuditEvent,
  AuditVerification,
  ListAuditOptions,
  NewAuditEvent,
} from "./audit-types.js";
export type {
  EvaluationRecord,
  IterateEvaluationsOptions,
  ListPoliciesOptions,
  NewEvaluation,
  NewPolicyVersion,
  RuleCount,
  StoredPolicy,
} from "./policy-types.js";
export { auditEventHash, canonicalJson, GENESIS_HASH } from "./audit-hash.js";
export { MAX_VIDEO_FRAMES } from "./values.js";
export type {
  NewWebhookEndpoint,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookPatch,
} from "./webhook-types.js";
export {
  ACTION_OUTCOMES,
  type ActionOutcome,
  type ActionPatch,
  type ActionRecord,
  type ListActionsOptions,
  type NewAction,
} from "./action-types.js";
export type { NewSession, Session } from "./session-types.js";
export {
  HIT_OUTCOMES,
  VICTIM_CASE_STATUSES,
  type HitOutcome,
  type NewVictimCase,
  type VictimCase,
  type VictimCaseHits,
  type VictimCaseSecret,
  type VictimCaseStatus,
} from "./victim-case-types.js";
export {
  STATS_PERIODS,
  type Stats,
  type StatsBucket,
  type StatsOptions,
  type StatsPeriod,
} from "./stats-types.js";
export {
  CONSENT_GIVERS,
  MAX_EMBEDDING_DIMENSION,
  MAX_EMBEDDINGS_PER_PERSON,
  type ConsentGiver,
  type ConsentRecord,
  type EmbeddingModel,
  type IndexableFaceEmbedding,
  type ListProtectedPeopleOptions,
  type NewProtectedPerson,
  type NewReferenceEmbedding,
  type ProtectedPerson,
} from "./protected-people-types.js";
