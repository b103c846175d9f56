/**
 * The worker side of a process (roles `all` and `worker`): consumers of the content queue
 * running the pipeline, consumers of the webhook queue delivering events, and a sweep that
 * re-queues items whose job never became durable.
 */
import {
  BankService,
  ContentPipeline,
  requeueStale,
  startContentWorker,
  type BankMatcher,
  type BankWriter,
  type ContentAnalyser,
  type EventSink,
  type PolicySource,
} from "../../engine/index.js";
import { startWebhookDelivery } from "../../actions/index.js";
import type { FetchUrlOptions } from "../../media/index.js";
import type { Consumer, JobQueue } from "../../queue/index.js";
import type { Store } from "../../store/index.js";
import type { ServerMetrics } from "../metrics.js";

export interface WorkerDeps {
  readonly store: Store;
  readonly queue: JobQueue;
  readonly matcher: () => BankMatcher;
  readonly policies: PolicySource;
  readonly events: EventSink;
  readonly fetchOptions: FetchUrlOptions;
  readonly concurrency: number;
  readonly metrics?: ServerMetrics;
  readonly onError: (error: unknown) => void;
  /** The AI signal providers; without them items are judged by hashes, reports and history. */
  readonly analyser?: ContentAnalyser;
  /** How long an item may stay queued before the sweep queues it again (default 2 min). */
  readonly staleAfterMs?: number;
}

export interface Workers {
  /** Takes no new jobs; waits for the running ones. */
  stop(): Promise<void>;
}

export function startWorkers(deps: WorkerDeps): Workers {
  const pipeline = new ContentPipeline({
    store: deps.store,
    matcher: deps.matcher,
    policies: deps.policies,
    events: deps.events,
    fetchOptions: deps.fetchOptions,
    banks: ruleBankWriter(deps),
    ...(deps.analyser ? { analyser: deps.analyser } : {}),
  });
  const consumers: Consumer[] = [
    startContentWorker({
      queue: deps.queue,
      store: deps.store,
      pipeline,
      concurrency: deps.concurrency,
      onError: deps.onError,
      onProcessed: (result) => {
        if (result.processed) deps.metrics?.processed.inc({ verdict: result.verdict });
      },
    }),
    startWebhookDelivery({ queue: deps.queue, store: deps.store, onError: deps.onError }),
  ];
  const staleAfterMs = deps.staleAfterMs ?? 120_000;
  const sweep = setInterval(
    () => {
      requeueStale(deps.store, deps.queue, { olderThanMs: staleAfterMs }).catch(deps.onError);
    },
    Math.max(1000, staleAfterMs / 2),
  );
  sweep.unref();
  return {
    async stop() {
      clearInterval(sweep);
      await Promise.all(consumers.map((consumer) => consumer.stop()));
    },
  };
}

/**
 * A rule's `add_to_bank`, through the BankService as every bank change goes: the store, this
 * process's matcher at once, an audit event (which other workers follow).
 */
function ruleBankWriter(deps: WorkerDeps): BankWriter {
  return {
    async addHashes(bankId, hashes, { itemId, ruleIds }) {
      const banks = new BankService(deps.store, deps.matcher());
      await banks.addEntries(
        bankId,
        hashes.map((hash) => ({
          signalType: hash.signalType,
          value: hash.value,
          quality: hash.quality ?? null,
          source: "rule",
          caseNumbers: [`item:${itemId}`],
        })),
        `rule:${ruleIds.join(",")}`,
      );
    },
  };
}
