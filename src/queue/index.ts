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
export { openQueue } from "./open.js";
export { exponentialBackoff } from "./backoff.js";
export type { QueueTuning } from "./settings.js";
export type { Backoff, Consumer, EnqueueResult, Job, JobQueue } from "./types.js";
