/**
 * `openQueue`: the one place that picks the queue backend, from the queue URL in the
 * configuration. The backend is ready when the promise resolves (schema migrated, or streams
 * and their settings in place).
 */
import { openNatsQueue } from "./nats/queue.js";
import { queueSettings, type QueueTuning } from "./settings.js";
import { openQueueDatabase } from "./sqlite/open.js";
import { sqliteQueue } from "./sqlite/queue.js";
import type { JobQueue } from "./types.js";
import { parseQueueUrl } from "./url.js";
import { positiveInteger } from "./validate.js";

export interface OpenQueueOptions extends QueueTuning {
  /** See url.ts: `sqlite:<file>` or `nats://host:port`. */
  readonly url: string;
  /**
   * NATS: the deployment's name (default `vigil`): subjects `<name>.jobs.<topic>`, streams
   * `<NAME>_JOBS` and `<NAME>_DEAD`. Two deployments on one NATS server need two names.
   */
  readonly name?: string;
  /** NATS: how long to wait for the server (default 10 s). */
  readonly connectTimeoutMs?: number;
  /** SQLite: how long to wait for another process's write lock (default 5 s). */
  readonly busyTimeoutMs?: number;
}

export async function openQueue(options: OpenQueueOptions): Promise<JobQueue> {
  const location = parseQueueUrl(options.url);
  const settings = queueSettings(options);
  if (location.backend === "sqlite") {
    const busyTimeoutMs = positiveInteger(options.busyTimeoutMs, 5000, "busyTimeoutMs");
    const { db, path } = await openQueueDatabase(location.file, busyTimeoutMs);
    return sqliteQueue(db, path, settings);
  }
  return openNatsQueue({
    servers: location.servers,
    name: options.name ?? "vigil",
    connectTimeoutMs: positiveInteger(options.connectTimeoutMs, 10_000, "connectTimeoutMs"),
    settings,
  });
}
