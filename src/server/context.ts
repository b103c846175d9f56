import type { BankMatcher, ContentAnalyser, EventSink, PolicyService } from "../engine/index.js";
import type { JobQueue } from "../queue/index.js";
import type { Store } from "../store/index.js";
import type { ServerConfig } from "./process/config.js";
import type { ServerMetrics } from "./metrics.js";

/** What every route module is given: the process's store, matcher, queue, event sink, configuration and metrics. */
export interface ServerContext {
  readonly config: ServerConfig;
  readonly store: Store;
  readonly matcher: BankMatcher;
  readonly queue: JobQueue;
  /** Where the engine's events go (the webhook dispatcher, or nowhere). */
  readonly events: EventSink;
  /** The rule set in force, shared by the policy routes and this process's workers. */
  readonly policies: PolicyService;
  readonly metrics: ServerMetrics;
  /** The AI signal providers of this process, when it runs them (VIGIL_SIGNALS). */
  readonly analyser?: ContentAnalyser;
  /** More parts of `/healthz` (the Telegram bot's state), read on each request. */
  readonly healthParts?: () => Record<string, unknown>;
}
