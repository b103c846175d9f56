import type { FastifyInstance } from "fastify";
import { WebhookDispatcher } from "../../actions/index.js";
import { TelegramEventSink } from "../../platforms/index.js";
import {
  faceIndexSettings,
  loadMatcher,
  openProtectedPeople,
  PolicyService,
  syncFaceIndex,
  type ProtectedPeopleService,
  syncMatcher,
  type BankMatcher,
} from "../../engine/index.js";
import { openQueue, type JobQueue } from "../../queue/index.js";
import { openStore, type Store } from "../../store/index.js";
import { issueApiKey } from "../auth/issue-key.js";
import { buildServer } from "../app.js";
import { fetchOptionsOf, type ServerConfig } from "./config.js";
import { createSignals } from "./signals.js";
import { startTelegram, telegramHealthOf } from "./telegram.js";
import { startWorkers } from "./workers.js";

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly matcher: BankMatcher;
  readonly queue: JobQueue;
  /** The address it listens on, e.g. http://127.0.0.1:8080. */
  readonly url: string;
  /** Graceful: no new requests or jobs, running ones finish, then the connections close. */
  close(): Promise<void>;
}

export interface StartOptions {
  readonly logger?: boolean | Record<string, unknown>;
  /** Where the first admin key is shown (once) when the database has no key yet. */
  readonly announce?: (text: string) => void;
}

/**
 * The process assembly: open the store named by the configuration (migrations run) and the
 * queue, load every active bank entry into the in-memory matcher, make sure an admin key exists,
 * and then do what the role says — serve the API (`all`, `api`), run workers (`all`, `worker`).
 */
export async function startServer(
  config: ServerConfig,
  options: StartOptions = {},
): Promise<RunningServer> {
  // What is open so far, closed in reverse on failure or shutdown.
  const opened: (() => Promise<void>)[] = [];
  const closeAll = async (): Promise<void> => {
    for (const close of opened.splice(0).reverse()) await close().catch(() => undefined);
  };
  try {
    const store = await openStore({ url: config.databaseUrl });
    opened.push(() => store.close());
    const queue = await openQueue({
      url: config.queueUrl,
      name: config.queueName,
      leaseMs: config.queueLeaseMs,
    });
    opened.push(() => queue.close());
    // A worker-only process does not see the API's bank changes as they happen: it follows them.
    const follows = config.role === "worker" || config.role === "connector";
    const sync = follows ? await syncMatcher(store) : undefined;
    if (sync) opened.push(async () => sync.stop());
    const matcher = sync ? sync.current() : await loadMatcher(store);
    if (!follows) await ensureAdminKey(store, options.announce ?? (() => {}));
    // Verdicts (workers) and decisions (API) become signed webhooks, queued then delivered; those
    // about Telegram messages also become `telegram` jobs for the process running the bot.
    const events = new TelegramEventSink(new WebhookDispatcher(store, queue), store, queue);
    const runsBot = config.telegram && (config.role === "all" || config.role === "connector");
    const telegramHealth = runsBot ? telegramHealthOf(config) : undefined;
    // One rule set per process, re-read within seconds of a change made by any process.
    const policies = new PolicyService({ store });
    // Protected people: an API process keeps its own face index (changed through its service);
    // workers and the connector follow the changes other processes make, as with the banks.
    const threshold = config.signals.faceThreshold ?? undefined;
    const faceSync = follows ? await syncFaceIndex(store, faceIndexSettings(threshold)) : undefined;
    if (faceSync) opened.push(async () => faceSync.stop());
    let protectedPeople: ProtectedPeopleService | undefined;
    const signals = createSignals(
      config.signals,
      () => faceSync?.index ?? protectedPeople?.index ?? null,
    );
    if (signals) opened.push(() => signals.analyser.close());
    const analyser = signals?.analyser;
    if (!follows) {
      const people = await openProtectedPeople(store, {
        ...(threshold === undefined ? {} : { threshold }),
        ...(signals?.embedder ? { embedder: signals.embedder } : {}),
      });
      protectedPeople = people;
      // Expired references stop matching at once (the index checks); this removes them for good.
      const purge = setInterval(() => void people.purgeExpired().catch(() => undefined), 3_600_000);
      purge.unref();
      opened.push(async () => clearInterval(purge));
    }
    const app = await buildServer({
      config,
      store,
      matcher,
      queue,
      events,
      policies,
      ...(analyser ? { analyser } : {}),
      ...(protectedPeople ? { protectedPeople } : {}),
      routes: follows ? "health" : "all",
      ...(telegramHealth ? { healthParts: () => ({ telegram: telegramHealth.view() }) } : {}),
      ...(options.logger !== undefined ? { logger: options.logger } : {}),
    });
    if (config.role === "all" || config.role === "worker") {
      const workers = startWorkers({
        store,
        queue,
        matcher: sync ? sync.current : () => matcher,
        policies,
        events,
        fetchOptions: fetchOptionsOf(config),
        ...(analyser ? { analyser } : {}),
        concurrency: config.workerConcurrency,
        metrics: app.metrics,
        onError: (error) => app.log.error({ err: error }, "worker error"),
      });
      // Stopped before the queue closes: running jobs finish and are acked.
      opened.push(() => workers.stop());
    }
    if (config.telegram && telegramHealth) {
      const connector = await startTelegram({
        config,
        telegram: config.telegram,
        store,
        queue,
        events,
        matcher: sync ? sync.current : () => matcher,
        ...(analyser ? { analyser } : {}),
        health: telegramHealth,
        log: app.log,
        app,
      });
      opened.push(() => connector.stop());
    }
    // The HTTP server closes first: no new requests while the rest winds down.
    opened.push(() => app.close());
    const url = await app.listen({ host: config.host, port: config.port });
    return { app, store, matcher, queue, url, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** A new installation has no key to create keys with; make the first one and show it once. */
async function ensureAdminKey(store: Store, announce: (text: string) => void): Promise<void> {
  if ((await store.apiKeys.list()).length > 0) return;
  const { token } = await issueApiKey(store, {
    name: "first admin",
    scopes: ["admin"],
    actor: "system",
  });
  announce(
    `First admin API key (shown once; keep it safe, create narrower keys with \`vigil keys create\`):\n  ${token}\n`,
  );
}
