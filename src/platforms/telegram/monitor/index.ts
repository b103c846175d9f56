/**
 * The Telegram monitor (docs/MONITOR.md): reads public channels and groups that analysts put on
 * a watch list, with the organisation's own Telegram account over MTProto (GramJS), sends every
 * post through the normal pipeline with source `monitor`, and for every match keeps evidence,
 * reports the post to Telegram and writes deletion requests for the KCSC or an abuse desk.
 *
 * It must never post, join a chat, or read one that is not a public channel or group on the
 * watch list; never keep media unless the operator asked (and never child abuse material); never
 * log or return the session, the phone number, the login code or the 2FA password.
 *
 * Phase 2 wires its ports — IngestPort, WatchListStore, SessionSecretStore, EvidenceStore, and
 * MonitorTakedown.handle as the verdict port — to the engine and the store.
 */
export type {
  HistoryPage,
  MonitorClient,
  PostListener,
  ReportOutcome,
  TelegramReportReason,
} from "./client.js";
export {
  isScannable,
  markedChannelId,
  publicLink,
  withChannel,
  type MonitorChannel,
  type MonitorMedia,
  type MonitorMediaKind,
  type MonitorPost,
} from "./types.js";
export { isMonitorError, isRetryable, MonitorError, type MonitorErrorKind } from "./errors.js";
export { parseChannelRef, type ChannelRef } from "./channel-ref.js";
export {
  addToWatchList,
  entryForChannel,
  type NewWatchedChannel,
  type WatchedChannel,
  type WatchListStore,
} from "./watch-list.js";
export {
  MONITOR_SOURCE,
  postKey,
  type IngestPort,
  type MonitorIngestInput,
  type SightingEvidence,
  type Unscanned,
} from "./ingest-port.js";
export { ingestMonitorPost, type IngestOutcome, type IngestPostDeps } from "./ingest-post.js";
export { CallGate, type CallGateOptions } from "./call-gate.js";
export { readAfter, readWindow, type WindowOptions } from "./history.js";
export {
  ChannelMonitor,
  type ChannelMonitorOptions,
  type MonitorLog,
  type SweepResult,
} from "./monitor.js";
export {
  MonitorHealth,
  type ChannelHealthView,
  type MetricSample,
  type MonitorHealthView,
  type MonitorProblem,
  type MonitorStatus,
} from "./health.js";
export {
  MIN_SESSION_KEY_LENGTH,
  MonitorSettingError,
  readMonitorSettings,
  type MonitorSettings,
} from "./settings.js";
export { openSession, resealSession, sealSession } from "./session-crypto.js";
export { SessionVault, type SessionSecretStore, type SignedInAccount } from "./session-vault.js";
export {
  monitorLogin,
  type LoginClient,
  type LoginOptions,
  type LoginPrompt,
  type LoginQuestion,
  type SignInSteps,
} from "./login.js";
export { isChildAbuse, reportReasonFor } from "./reasons.js";
export {
  buildEvidence,
  evidenceDigest,
  evidenceKey,
  TAKEDOWN_VERDICTS,
  type EvidenceRecord,
  type EvidenceStore,
  type MatchHash,
  type MonitorEvidence,
  type MonitorMatch,
  type ReportRecord,
} from "./evidence.js";
export { MonitorTakedown, type TakedownOptions, type TakedownOutcome } from "./takedown.js";
export {
  categoryOf,
  deletionRequest,
  TELEGRAM_ABUSE_DESK,
  type DeletionRequest,
  type DeletionRequestItem,
  type DeletionRequestJson,
  type DeletionRequestOptions,
  type LetterCategory,
  type LetterRecipient,
} from "./letter.js";
// GramJS itself only through the loader: importing this entry does not load `telegram`.
export { loadGramJs } from "./gramjs-loader.js";
export type { GramJsSlice } from "./gramjs/adapter.js";
export type { GramJsConnectOptions, OpenedMonitor } from "./gramjs/connect.js";
export { startTelegramMonitor, type RunningMonitor, type StartMonitorDeps } from "./start.js";
