import type { BankMatcher } from "../engine/index.js";
import type { Store } from "../store/index.js";
import type { ServerConfig } from "./config.js";
import type { ServerMetrics } from "./metrics.js";

/** What every route module is given: the process's store, matcher, configuration and metrics. */
export interface ServerContext {
  readonly config: ServerConfig;
  readonly store: Store;
  readonly matcher: BankMatcher;
  readonly metrics: ServerMetrics;
}
