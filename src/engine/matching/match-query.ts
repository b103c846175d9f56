/**
 * Answering one scan: exact digests, PDQ (optionally with the eight dihedral variants), and vPDQ.
 * The PDQ index is searched once, at the largest threshold of the enabled banks, and each hit is
 * then held to its own bank's threshold; entries of disabled banks are skipped.
 */
import { parsePdqHex, type DigestSet } from "../../hash/index.js";
import type { MatcherIndexes } from "./matcher-indexes.js";
import type {
  BankMatch,
  MatchDetails,
  MatcherSignalType,
  MatchQuery,
  MatchResult,
  PdqQuery,
  SkippedSignal,
} from "./matcher-types.js";
import {
  checkQuality,
  checkVideo,
  invalidQuery,
  PDQ_MIN_QUALITY,
  pdqVariants,
} from "./query-check.js";

const ORDER: Readonly<Record<MatcherSignalType, number>> = { md5: 0, sha256: 1, pdq: 2, video: 3 };

export function matchQuery(state: MatcherIndexes, query: MatchQuery): MatchResult {
  const found = new Map<number, BankMatch>();
  const skipped: SkippedSignal[] = [];
  if (query.md5 !== undefined) matchDigest(state, state.md5, "md5", query.md5, found);
  if (query.sha256 !== undefined) matchDigest(state, state.sha256, "sha256", query.sha256, found);
  matchPdq(state, query, found, skipped);
  if (query.video !== undefined) matchVideo(state, query.video, found, skipped);
  const matches = [...found.values()].sort(
    (a, b) =>
      ORDER[a.signalType] - ORDER[b.signalType] ||
      a.distance - b.distance ||
      (a.bankId < b.bankId ? -1 : a.bankId > b.bankId ? 1 : 0) ||
      a.entryId - b.entryId,
  );
  return { matches, skipped };
}

function matchDigest(
  state: MatcherIndexes,
  set: DigestSet,
  type: "md5" | "sha256",
  hex: string,
  found: Map<number, BankMatch>,
): void {
  for (const id of set.lookup(hex)) accept(state, id, type, 0, { kind: "digest" }, found);
}

function matchPdq(
  state: MatcherIndexes,
  query: MatchQuery,
  found: Map<number, BankMatch>,
  skipped: SkippedSignal[],
): void {
  const max = state.banks.maxThreshold;
  const pdq = query.pdq ?? [];
  if (!Array.isArray(pdq)) throw invalidQuery("pdq is not a list of hashes");
  pdq.forEach((q: PdqQuery, index) => {
    if (typeof q !== "object" || q === null) throw invalidQuery(`PDQ hash ${index} is missing`);
    const hash = parsePdqHex(q.hash);
    const quality = checkQuality(q.quality, `PDQ hash ${index}`);
    if (quality < PDQ_MIN_QUALITY) {
      const reason = `PDQ quality ${quality} is under ${PDQ_MIN_QUALITY}: too little detail to match`;
      skipped.push({ signalType: "pdq", index, reason });
      return;
    }
    if (max < 0) return;
    const hits = query.dihedral
      ? state.pdq.searchDihedral(pdqVariants(q, hash), max)
      : state.pdq.search(hash, max).map((hit) => ({ ...hit, variant: "original" as const }));
    for (const { id, distance, variant } of hits) {
      accept(state, id, "pdq", distance, { kind: "pdq", queryIndex: index, variant }, found);
    }
  });
}

function matchVideo(
  state: MatcherIndexes,
  features: NonNullable<MatchQuery["video"]>,
  found: Map<number, BankMatch>,
  skipped: SkippedSignal[],
): void {
  checkVideo(features);
  if (!features.some((f) => f.quality >= PDQ_MIN_QUALITY)) {
    const reason = `no frame has a PDQ quality of ${PDQ_MIN_QUALITY} or more`;
    skipped.push({ signalType: "video", index: 0, reason });
    return;
  }
  const max = state.banks.maxThreshold;
  if (max < 0) return;
  // A bank's threshold is also its frame distance for videos; disabled banks are not compared.
  const thresholdOf = (id: number): number | undefined => {
    const bank = state.slotOf(id)?.bank;
    return bank?.enabled ? bank.matchThreshold : undefined;
  };
  for (const { id, match } of state.video.match(features, max, thresholdOf)) {
    const { queryMatchPercent, bankMatchPercent, queryFrames, bankFrames } = match;
    const share = Math.min(queryMatchPercent, bankMatchPercent);
    const distance = Math.round((100 - share) * 100) / 100;
    const details: MatchDetails = {
      kind: "video",
      queryMatchPercent,
      bankMatchPercent,
      queryFrames,
      bankFrames,
    };
    accept(state, id, "video", distance, details, found, true);
  }
}

/** Keeps a hit when its bank is enabled and within the bank's threshold; the best per entry. */
function accept(
  state: MatcherIndexes,
  id: number,
  signalType: MatcherSignalType,
  distance: number,
  details: MatchDetails,
  found: Map<number, BankMatch>,
  thresholdApplied = false,
): void {
  const bank = state.slotOf(id)?.bank;
  if (!bank?.enabled || (!thresholdApplied && distance > bank.matchThreshold)) return;
  const seen = found.get(id);
  if (seen && seen.distance <= distance) return;
  const own = state.labels.get(id);
  const labels = own ? [...new Set([...bank.labels, ...own])] : bank.labels;
  found.set(id, { bankId: bank.id, entryId: id, signalType, distance, labels, details });
}
