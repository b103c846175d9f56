/**
 * engine/matching — the banks in memory and what a lookup means: BankMatcher holds every active
 * entry (PDQ in a multi-index, MD5 / SHA-256 sets, videos) and answers a scan's query;
 * BankService makes every bank and entry change (the store first, then the matcher at once, then
 * an audit event); decideVerdict turns matches into a verdict with reasons to quote. Loaded from
 * the store at start-up; a worker's copy follows bank changes (syncMatcher).
 *
 * It must never apply a policy, open a case or emit an event (content, review and policies do
 * that), and never keep content: only hashes.
 */
export { BankMatcher } from "./bank-matcher.js";
export { BankService } from "./bank-service.js";
export { loadMatcher } from "./load-matcher.js";
export { syncMatcher, type MatcherSync } from "./matcher-sync.js";
export { PDQ_MIN_QUALITY } from "./query-check.js";
export { decideVerdict } from "./verdict.js";
export type { BankMatch, MatchQuery, MatchResult, MatcherBank, PdqQuery } from "./matcher-types.js";
