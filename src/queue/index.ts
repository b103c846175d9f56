/**
 * queue — the durable job queue behind one `JobQueue` interface: work the engine and the actions
 * hand off (scan a fetched item, deliver a webhook) and the workers that share it. Two backends:
 * an embedded queue in its own SQLite file (the default) and NATS JetStream (the scale-out),
 * picked once by `openQueue` from the queue URL. Delivery is at least once, with retries after
 * a backoff and a dead-letter list that keeps the last error.
 *
 * It must never lose a job it accepted (enqueue resolves only once the job is durable), never
 * carry content bytes in a message — only ids and hashes, which the payload cap enforces — and
 * never read `process.env`.
 */
export { openQueue, type OpenQueueOptions } from "./open.js";
export { parseQueueUrl, type QueueLocation } from "./url.js";
export { exponentialBackoff, type ExponentialBackoffOptions } from "./backoff.js";
export type { QueueTuning } from "./settings.js";
export { DEFAULT_MAX_PAYLOAD_BYTES } from "./validate.js";
export type {
  Backoff,
  ConsumeOptions,
  Consumer,
  DeadLetter,
  EnqueueOptions,
  EnqueueResult,
  Job,
  JobHandler,
  JobQueue,
  JsonObject,
  JsonValue,
  QueueStats,
} from "./types.js";
