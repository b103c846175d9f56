/**
 * compliance — the duties the law attaches to a takedown, as features: removal notices and their
 * deadlines (US TAKE IT DOWN Act, Korea's KCSC and Telecommunications Business Act, EU DSA art.
 * 16), DSA statements of reasons and their submission to the Transparency Database, transparency
 * reports (EU 2024/2835, Korea, TAKE IT DOWN), signed evidence packages, retention. One decision
 * record in, every format the law asks for out (docs/COMPLIANCE.md).
 *
 * It must never put personal data where the law forbids it — a statement of reasons carries no
 * names, no user ids, no message text — never log the Transparency Database token, and never
 * read `process.env`: settings come in validated. It reads the store through the small ports in
 * ports.ts, so the rules here are tested without a database and wired to both backends once.
 */
export {
  NOTICE_KINDS,
  SUBMITTER_ROLES,
  type NoticeKind,
  type SubmitterRole,
} from "./notice-kinds.js";
export {
  mergeDeadlineRules,
  parseDeadlineRules,
  type DeadlineRule,
  type DeadlineRules,
  type DeadlineSource,
} from "./deadline-rules.js";
export { DEFAULT_DEADLINE_RULES, loadDeadlineRules } from "./deadline-file.js";
export { deadlineFor, type Deadline, type DeadlineQuery } from "./deadline.js";
export { EEA_COUNTRIES, EU_COUNTRIES } from "./jurisdictions.js";
export { parseNotice } from "./notice-parse.js";
export { REQUIRED_ELEMENTS, missingElements } from "./notice-elements.js";
export { acceptNotice, redactNotice, type AcceptNoticeOptions } from "./notice.js";
export {
  NOTICE_ELEMENTS,
  NOTICE_REASONS,
  type AcceptedNotice,
  type NoticeBody,
  type NoticeContact,
  type NoticeContent,
  type NoticeElement,
  type NoticeHashes,
  type NoticeReason,
  type NoticeSignature,
  type PlatformRef,
  type RedactedNotice,
} from "./notice-types.js";
export {
  RESTRICTIVE_ACTIONS,
  isRestrictive,
  type DecisionRecord,
  type DecisionSource,
  type MediaKind,
  type RestrictiveAction,
} from "./decision-record.js";
export {
  recordFromDecision,
  recordFromItemVerdict,
  type CaseContext,
  type NoticeSource,
} from "./record-from-store.js";
export { buildStatement, puidOf } from "./statement.js";
export { checkStatement } from "./sor-check.js";
export {
  DEFAULT_STATEMENT_SETTINGS,
  parseStatementSettings,
  type StatementSettings,
} from "./sor-settings.js";
export { PUID_PATTERN, SOR_LIMITS, type StatementOfReasons } from "./sor-types.js";
export { looksPersonal, scrubPersonalData } from "./privacy.js";
export {
  submitStatements,
  type SubmitEvent,
  type SubmitFailure,
  type SubmitOptions,
  type SubmitResult,
} from "./submit.js";
export {
  DEFAULT_TRANSPARENCY_DB_URL,
  parseTransparencyDbSettings,
  type TransparencyDbSettings,
} from "./tdb-settings.js";
export { Secret } from "./secret.js";
export type {
  AuditHead,
  AuditSubject,
  ComplianceRecords,
  StoredNotice,
  SubmissionLedger,
  SubmissionRecord,
} from "./ports.js";
export { classify, classifyNotice, type Classification } from "./categories.js";
export type {
  NoticeFact,
  PrePostingFact,
  RemovalFact,
  ReportInput,
  ReportPeriod,
  UserReportFact,
} from "./report-input.js";
export {
  dsaReport,
  type ComplaintFigures,
  type DsaReport,
  type DsaReportOptions,
  type NoticeRow,
  type OwnInitiativeRow,
} from "./report-dsa.js";
export { koreaReport, type KoreaReport, type KoreaReportText } from "./report-korea.js";
export { takeItDownLog, type TakeItDownEntry, type TakeItDownLog } from "./report-take-it-down.js";
export {
  koreaReportCsv,
  reportJson,
  takeItDownCsv,
  toNdjson,
  type CsvFile,
} from "./report-render.js";
export { dsaReportCsv } from "./report-csv-dsa.js";
export { toCsv, type Cell } from "./csv.js";
export {
  fileKeyStore,
  keyIdOf,
  loadOrCreateSigner,
  signerFrom,
  type EvidenceSigner,
  type SigningKeyStore,
} from "./evidence-keys.js";
export {
  EVIDENCE_FORMAT,
  type EvidenceAudit,
  type EvidenceEnvelope,
  type EvidenceItem,
  type EvidenceManifest,
  type EvidenceMedia,
  type EvidenceNotice,
} from "./evidence-types.js";
export {
  buildEvidenceManifest,
  type EvidenceInput,
  type EvidenceOptions,
} from "./evidence-manifest.js";
export { collectEvidence, type CollectOptions } from "./evidence-collect.js";
export { packEvidence, signedBytes } from "./evidence-pack.js";
export {
  verifyEvidence,
  type EvidenceFailure,
  type EvidenceVerification,
} from "./evidence-verify.js";
export { checkSegment, type SegmentCheck } from "./audit-segment.js";
export {
  DEFAULT_RETENTION,
  RETENTION_KINDS,
  parseRetentionSettings,
  type AuditRetention,
  type RetentionKind,
  type RetentionSettings,
} from "./retention.js";
export {
  planAuditAnchor,
  planPurge,
  retentionCutoffs,
  type PurgePlan,
  type RetentionCandidates,
} from "./retention-plan.js";
export { findCopies, type CopyCandidate, type FoundCopy } from "./notice-copies.js";
export {
  compareByDue,
  deadlineStatus,
  type DeadlineState,
  type DeadlineStatus,
} from "./deadline-status.js";
