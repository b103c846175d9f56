/**
 * store — every durable record of Vigil behind one `Store` interface, grouped by repository in
 * folders that hold each area's types, SQL and tests: banks (banks and entries), content (scans
 * and ingested items), review (reports, cases, decisions, appeals, moderators), policies
 * (versions and the evaluation record), actions (webhook endpoints, the action log), audit (the
 * hash chain), auth (API keys, console sessions), protected-people, victims (victim cases, entry
 * hits) and stats. Two backends run the same SQL: SQLite (better-sqlite3, the embedded default)
 * and PostgreSQL (`pg`, the scale-out), picked once by `openStore` from the database URL; schema
 * migrations run when it opens.
 *
 * It must never store or log content — no image or video bytes, no pixels: only hashes, ids
 * and decisions — and never an API key's secret, only its SHA-256. It never reads `process.env`.
 */
export { openStore } from "./open.js";
export type { Store, StoreRepositories } from "./store.js";
export {
  MAX_PAGE_LIMIT,
  SIGNAL_TYPES,
  type IsoTimestamp,
  type Page,
  type SignalType,
} from "./types.js";
export {
  ACTION_OUTCOMES,
  type ActionOutcome,
  type ActionRecord,
  type ListActionsOptions,
} from "./actions/action-types.js";
export type { WebhookEndpoint, WebhookPatch } from "./actions/webhook-types.js";
export { API_SCOPES, type ApiKey, type ApiScope } from "./auth/key-types.js";
export type { Session } from "./auth/session-types.js";
export { auditEventHash, canonicalJson, GENESIS_HASH } from "./audit/audit-hash.js";
export type { AuditEvent, NewAuditEvent } from "./audit/audit-types.js";
export {
  BANK_ACTIONS,
  DEFAULT_MATCH_THRESHOLD,
  ENTRY_STATUSES,
  MAX_MATCH_THRESHOLD,
  type Bank,
  type BankEntry,
  type BankPatch,
  type EntryStatus,
  type NewBank,
  type NewBankEntry,
} from "./banks/bank-types.js";
export type {
  IngestedItem,
  IngestedRecord,
  MediaRef,
  NewContentItem,
} from "./content/item-types.js";
export type { ContentSignal, NewContentSignal } from "./content/scan-types.js";
export type { EvaluationRecord, StoredPolicy } from "./policies/policy-types.js";
export type {
  ConsentGiver,
  EmbeddingModel,
  IndexableFaceEmbedding,
  ListProtectedPeopleOptions,
  ProtectedPerson,
} from "./protected-people/protected-people-types.js";
export {
  REPORT_REASONS,
  REPORT_SEVERITY,
  type NewReport,
  type Report,
  type ReportReason,
} from "./review/report-types.js";
export {
  CASE_DECISIONS,
  MODERATOR_ROLES,
  POLICY_REASONS,
  type Appeal,
  type CaseDecision,
  type CaseItem,
  type Decision,
  type Moderator,
  type ModeratorPatch,
  type ModeratorRole,
  type NewModerator,
  type PolicyReason,
  type ReviewCase,
} from "./review/review-types.js";
export { STATS_PERIODS, type StatsPeriod } from "./stats/stats-types.js";
export type { VictimCase, VictimCaseSecret } from "./victims/victim-case-types.js";
