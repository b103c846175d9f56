/**
 * engine — the path of one piece of content, wiring the lower parts together: today the bank
 * matcher (in-memory indexes of every bank entry, kept in step with each change and rebuilt from
 * the store at start-up) and the verdict its matches lead to.
 *
 * It must never talk HTTP, send webhooks or reach a platform (that is `actions` and `server`),
 * never depend on a concrete store or queue (only on their interfaces), and never log content.
 */
export { BankMatcher } from "./bank-matcher.js";
export { PDQ_MIN_QUALITY } from "./query-check.js";
export { decideVerdict, type Verdict, type VerdictKind } from "./verdict.js";
export type {
  AddEntriesResult,
  BankAction,
  BankMatch,
  MatchDetails,
  MatcherBank,
  MatcherEntry,
  MatcherSignalType,
  MatcherStats,
  MatchQuery,
  MatchResult,
  PdqQuery,
  SkippedSignal,
} from "./matcher-types.js";
export {
  EVENT_TYPES,
  NO_EVENTS,
  type EventSink,
  type EventType,
  type VigilEvent,
} from "./events.js";
export {
  hashesFromBytes,
  hashesFromSubmitted,
  type Computed,
  type ContentHashes,
  type MediaFacts,
  type SubmittedHashes,
} from "./content-hashes.js";
export {
  ContentPipeline,
  type BankWriter,
  type PipelineDeps,
  type PolicySource,
  type ProcessResult,
} from "./pipeline.js";
export {
  CONTENT_TOPIC,
  IngestService,
  contentJobKey,
  type IngestInput,
  type IngestMedia,
  type IngestResult,
} from "./ingest.js";
export {
  isRetryable,
  requeueStale,
  startContentWorker,
  type ContentWorkerOptions,
} from "./content-worker.js";
export { loadMatcher } from "./load-matcher.js";
export { syncMatcher, type MatcherSync } from "./matcher-sync.js";
export { ReviewService, type AppealDecisionResult, type DecideResult } from "./review.js";
export { caseHashes } from "./review-hashes.js";
export {
  CONFIRMING_REASONS,
  REMOVING_DECISIONS,
  type AppealDecisionInput,
  type AppealInput,
  type ConfirmedHash,
  type ConfirmedHashes,
  type DecideInput,
  type ReviewActor,
  type ReviewServiceOptions,
} from "./review-types.js";
export {
  PolicyService,
  type ActivePolicy,
  type PolicyServiceOptions,
  type PolicyUpdate,
} from "./policies.js";
export { DEFAULT_RULE_SET } from "./default-policy.js";
export { FactsError, factsFromJson } from "./policy-facts.js";
export {
  backtestStored,
  type StoredBacktestOptions,
  type StoredBacktestReport,
} from "./policy-backtest.js";
export {
  runPolicyBacktest,
  type PolicyBacktestInput,
  type PolicyBacktestSummary,
} from "./policy-backtest-run.js";
export { BankService } from "./bank-service.js";
export { saveActionOutcome } from "./action-outcome.js";
export {
  ContentAnalyser,
  modelName,
  type AnalyserOptions,
  type AnalysisRecord,
  type ProtectedFaceFinder,
} from "./content-analysis.js";
export { analysisFacts, type AnalysisFacts } from "./analysis-facts.js";
export {
  FaceIndex,
  normaliseEmbedding,
  similarity,
  type FaceIndexEntry,
  type FaceIndexOptions,
  type FaceMatch,
} from "./face-index.js";
export {
  DEFAULT_FACE_MODEL,
  FACE_DIMENSION,
  PROTECTED_PERSON_SUBJECT,
  DEFAULT_FACE_THRESHOLD,
  ProtectedPeopleService,
  faceIndexSettings,
  loadFaceIndex,
  openProtectedPeople,
} from "./protected-people.js";
export type {
  FaceEmbedder,
  ProtectedPeopleOptions,
  RegisterPersonInput,
} from "./protected-people-types.js";
export { syncFaceIndex, type FaceIndexSync } from "./face-index-sync.js";
