/**
 * Bank entries checked and parsed before they touch an index. The store validated them when they
 * were written, but they may come from an old version or an exchange import: one bad row is
 * refused with a reason rather than indexed wrong (a wrong hash matches the wrong images).
 */
import { isVigilError, VigilError } from "../../core/index.js";
import { parsePdqHex, parseVpdq, type PdqHash, type VpdqFeature } from "../../hash/index.js";
import type { BankRegistry, BankSlot } from "./bank-registry.js";
import type { MatcherEntry, MatcherSignalType } from "./matcher-types.js";

interface Common {
  readonly id: number;
  readonly slot: BankSlot;
  readonly labels: readonly string[];
}

export type ParsedEntry = Common &
  (
    | { readonly type: "pdq"; readonly hash: PdqHash }
    | { readonly type: "md5" | "sha256"; readonly hex: string }
    | { readonly type: "video"; readonly features: VpdqFeature[] }
  );

/** Two bits of an entry's packed value say which index holds it. */
export const SIGNAL_CODE: Readonly<Record<MatcherSignalType, number>> = {
  pdq: 0,
  md5: 1,
  sha256: 2,
  video: 3,
};
export const SIGNAL_BY_CODE: readonly MatcherSignalType[] = ["pdq", "md5", "sha256", "video"];

const DIGEST = { md5: /^[0-9a-fA-F]{32}$/, sha256: /^[0-9a-fA-F]{64}$/ } as const;
const NO_LABELS: readonly string[] = Object.freeze([]);

export function parseEntry(entry: MatcherEntry, banks: BankRegistry): ParsedEntry {
  // Written without closures or spreads: this runs for every entry at start-up, millions of times.
  const id = entry?.id;
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) invalid(id, "its id is not a uint32");
  const slot = banks.byId(entry.bankId);
  if (!slot) return invalid(id, "its bank is not known to the matcher");
  const given = entry.labels;
  let labels = NO_LABELS;
  if (given !== undefined && given !== null && given.length !== 0) {
    if (!Array.isArray(given) || !given.every((l) => typeof l === "string")) {
      invalid(id, "its labels are not a list of strings");
    }
    labels = Object.freeze([...given]);
  }
  const value = entry.value;
  if (typeof value !== "string") invalid(id, "its value is not a string");
  const type = entry.signalType;
  try {
    if (type === "pdq") return { id, slot, labels, type, hash: parsePdqHex(value) };
    if (type === "md5" || type === "sha256") {
      const hex = value.trim();
      if (!DIGEST[type].test(hex)) invalid(id, `it is not a valid ${type}`);
      return { id, slot, labels, type, hex };
    }
    if (type === "video") {
      const features = parseVpdq(value);
      if (features.length === 0) invalid(id, "the video has no frames");
      return { id, slot, labels, type, features };
    }
  } catch (error) {
    if (isVigilError(error) && error.code !== "engine/invalid-entry") {
      invalid(id, error.message, error);
    }
    throw error;
  }
  return invalid(id, "its signal type is not pdq, md5, sha256 or video");
}

function invalid(id: unknown, why: string, cause?: unknown): never {
  throw new VigilError(
    "engine/invalid-entry",
    `Bank entry ${String(id)} cannot be indexed: ${why}.`,
    { id: String(id) },
    { cause },
  );
}
