/**
 * Keeps a worker's matcher in step with bank changes made by other processes. Every bank change
 * is an audit event on a `bank` subject (the BankService writes one), so the newest such event's
 * id is a cheap change mark: when it moves, the matcher is rebuilt from the store in the
 * background and swapped in whole — lookups never see a half-built index.
 *
 * A process that makes the change itself (role `all`, `api`) applies it to its matcher at once;
 * this is for `--role worker`, which sees changes within an interval plus a rebuild's time.
 * Rebuilding is O(entries): a second or two per million. An incremental feed is the next step
 * when banks grow to tens of millions.
 */
import type { Store } from "../../store/index.js";
import type { BankMatcher } from "./bank-matcher.js";
import { refreshInBackground } from "../shared/index.js";
import { loadMatcher } from "./load-matcher.js";

export interface MatcherSync {
  /** The matcher to use now. */
  current(): BankMatcher;
  /** Checks once for a change and rebuilds if there was one; true when it rebuilt. */
  refresh(): Promise<boolean>;
  stop(): void;
}

export async function syncMatcher(
  store: Store,
  options: { readonly intervalMs?: number; readonly onError?: (error: unknown) => void } = {},
): Promise<MatcherSync> {
  let mark = await changeMark(store);
  let matcher = await loadMatcher(store);
  const { refresh, stop } = refreshInBackground(async () => {
    const latest = await changeMark(store);
    if (latest === mark) return false;
    matcher = await loadMatcher(store);
    mark = latest;
    return true;
  }, options);
  return { current: () => matcher, refresh, stop };
}

async function changeMark(store: Store): Promise<number> {
  const page = await store.audit.list({ subjectType: "bank", limit: 1 });
  return page.items[0]?.id ?? 0;
}
