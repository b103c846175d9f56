/**
 * GramJS takes over a second to load (its TL schema is built at import). Only the processes that
 * talk MTProto — `--role monitor` and `vigil monitor login` — should pay for it, so the monitor's
 * entry reaches the adapter through this loader and never imports `telegram` itself.
 */
import type * as GramJs from "./gramjs/connect.js";

export function loadGramJs(): Promise<typeof GramJs> {
  return import("./gramjs/connect.js");
}
