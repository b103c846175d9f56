/**
 * Robust hashes (issue #14): what a banked picture needs so that edited copies are still found —
 * its whole PDQ, the PDQ of its content inside borders and screenshot chrome, and PDQ-style
 * hashes of region windows that survive crops — and the rule that decides a region match.
 * Pure TypeScript, no Node API: the victim portal computes the same hashes in the browser.
 */
export {
  MIN_REGION_SIDE,
  RobustHasher,
  robustBankHashes,
  robustQueryHashes,
  type BankHashes,
  type Content,
  type QueryHashes,
  type QueryRegionHash,
  type RegionHash,
  type RobustOptions,
  type UnitRect,
} from "./robust-hashes.js";
export {
  DEFAULT_REGION_RULE,
  matchRegions,
  type RegionHit,
  type RegionMatch,
  type RegionRule,
} from "./match-regions.js";
export {
  RobustIndex,
  type RobustMatch,
  type RobustMatchKind,
  type RobustSearchOptions,
} from "./robust-index.js";
export { DEFAULT_REGION_SETTINGS, type RegionSettings } from "./regions.js";
export { findContent, type PixelRect, type TrimOptions } from "./trim.js";
export { decodeBankHashes, encodeBankHashes } from "./codec.js";
