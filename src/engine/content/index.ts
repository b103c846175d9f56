/**
 * engine/content — the path of one piece of content: ingest (accepted once per idempotency key,
 * then queued), its hashes and the AI signals over it, and the one decide step (matches, facts,
 * policy, verdict) that both the synchronous scan and the workers' pipeline use. The pipeline
 * then records and acts; the scan stores only when asked.
 *
 * It must never keep content (bytes live only for the call that hashes and analyses them),
 * never talk HTTP or reach a platform (events go out through the EventSink port), and never
 * read `process.env`.
 */
export { ContentAnalyser, type ProtectedFaceFinder } from "./content-analysis.js";
export { requeueStale, startContentWorker } from "./content-worker.js";
export { IngestService, type IngestInput, type IngestMedia } from "./ingest.js";
export type { PolicySource } from "./decide.js";
export { ContentPipeline, type BankWriter } from "./pipeline.js";
export { ScanService, type ScanOptions, type ScanSubject, type SubmittedHashes } from "./scan.js";
