/**
 * engine — the path of one piece of content, wiring the lower parts together, in sub-areas with
 * one entry each, ranked (an area imports only areas before it, through their index.ts):
 *
 *   shared → matching → faces → policies → review → content
 *
 * shared: the EventSink port and background refresh. matching: banks in memory, lookups, the
 * bank verdict. faces: protected people. policies: the rule set in force, backtests. review:
 * cases, decisions, appeals, the confirmed bank, victim cases. content: ingest, hashes and
 * signals, the one decide step the scan and the workers share, the pipeline that records and acts.
 *
 * It must never talk HTTP, send webhooks or reach a platform (that is `actions`, `platforms` and
 * `server`), never depend on a concrete store or queue (only on their interfaces), and never
 * log content.
 */
export {
  EVENT_TYPES,
  NO_EVENTS,
  type EventSink,
  type EventType,
  type VigilEvent,
} from "./shared/index.js";
export { BankMatcher, BankService, loadMatcher, syncMatcher } from "./matching/index.js";
export {
  DEFAULT_FACE_MODEL,
  DEFAULT_FACE_THRESHOLD,
  FACE_DIMENSION,
  FaceIndex,
  ProtectedPeopleService,
  faceIndexSettings,
  loadFaceIndex,
  openProtectedPeople,
  similarity,
  syncFaceIndex,
  type FaceEmbedder,
  type FaceIndexEntry,
} from "./faces/index.js";
export { PolicyService, runPolicyBacktest, type PolicyBacktestSummary } from "./policies/index.js";
export {
  ConfirmedBank,
  ReviewService,
  VictimCaseService,
  generatePassword,
  hashSecretSlowly,
  secretMatchesSlowHash,
  spendCheckTime,
  type AppealDecisionInput,
  type AppealInput,
  type DecideInput,
  type NewVictimSubmission,
  type ReviewActor,
} from "./review/index.js";
export {
  ContentAnalyser,
  ContentPipeline,
  IngestService,
  ScanService,
  requeueStale,
  startContentWorker,
  type BankWriter,
  type IngestInput,
  type IngestMedia,
  type PolicySource,
  type ProtectedFaceFinder,
  type ScanOptions,
  type ScanSubject,
  type SubmittedHashes,
} from "./content/index.js";
