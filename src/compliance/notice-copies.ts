/**
 * Which stored items are copies of what a notice names: the TAKE IT DOWN Act asks for
 * "reasonable efforts to identify and remove any known identical copies" (sec. 3(a)(3)(B)), and
 * Vigil's reasonable effort is its hashes — the same MD5 or SHA-256 (the same file), or a PDQ
 * within the bank threshold (the same picture re-encoded, resized or lightly edited).
 *
 * Pure over a page of candidates; phase 2 feeds it items and bank matches a page at a time
 * (docs/COMPLIANCE.md) and takes the copies down through the normal actions.
 */
import { hammingDistance, parsePdqHex } from "../hash/index.js";
import { DEFAULT_MATCH_THRESHOLD, type ContentSignal } from "../store/index.js";
import type { NoticeHashes } from "./notice-types.js";

export interface CopyCandidate {
  readonly itemId: string;
  readonly signals: readonly ContentSignal[];
}

export interface FoundCopy {
  readonly itemId: string;
  /** How it matched: the hash type, and the PDQ distance (0 for digests). */
  readonly signalType: "pdq" | "md5" | "sha256";
  readonly distance: number;
}

export function findCopies(
  hashes: NoticeHashes,
  candidates: readonly CopyCandidate[],
  maxPdqDistance: number = DEFAULT_MATCH_THRESHOLD,
): FoundCopy[] {
  const md5 = new Set(hashes.md5);
  const sha256 = new Set(hashes.sha256);
  const pdq = hashes.pdq.map(parsePdqHex);
  const found: FoundCopy[] = [];
  for (const candidate of candidates) {
    const best = bestMatch(candidate.signals, md5, sha256, pdq, maxPdqDistance);
    if (best) found.push({ itemId: candidate.itemId, ...best });
  }
  return found;
}

function bestMatch(
  signals: readonly ContentSignal[],
  md5: ReadonlySet<string>,
  sha256: ReadonlySet<string>,
  pdq: readonly ReturnType<typeof parsePdqHex>[],
  max: number,
): Omit<FoundCopy, "itemId"> | null {
  let best: Omit<FoundCopy, "itemId"> | null = null;
  for (const signal of signals) {
    const value = signal.value.toLowerCase();
    if (signal.signalType === "sha256" && sha256.has(value))
      return { signalType: "sha256", distance: 0 };
    if (signal.signalType === "md5" && md5.has(value)) return { signalType: "md5", distance: 0 };
    if (signal.signalType !== "pdq" || pdq.length === 0) continue;
    const hash = parsePdqHex(value);
    const distance = Math.min(...pdq.map((p) => hammingDistance(p, hash)));
    if (distance <= max && (best === null || distance < best.distance))
      best = { signalType: "pdq", distance };
  }
  return best;
}
