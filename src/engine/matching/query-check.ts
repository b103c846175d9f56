/**
 * The signals of a scan, checked before they are looked up. They come from Vigil's own hashing or
 * from an API client that hashed on its side, so a malformed one is a 400, not a crash.
 */
import { VigilError } from "../../core/index.js";
import {
  DIHEDRAL_NAMES,
  dihedralOfHash,
  parsePdqHex,
  type DihedralName,
  type PdqHash,
  type VpdqFeature,
} from "../../hash/index.js";
import type { PdqQuery } from "./matcher-types.js";

/**
 * Below this PDQ quality a hash says little about the image (flat or tiny pictures collide with
 * each other), so ThreatExchange and vPDQ do not match it; neither does Vigil.
 */
export const PDQ_MIN_QUALITY = 50;

export function invalidQuery(why: string): VigilError {
  return new VigilError("engine/invalid-query", `The scan's signals are invalid: ${why}.`);
}

export function checkQuality(quality: unknown, what: string): number {
  if (typeof quality !== "number" || !Number.isFinite(quality) || quality < 0 || quality > 100) {
    throw invalidQuery(`${what} has no quality from 0 to 100`);
  }
  return quality;
}

/** The eight variants to search: the exact ones when given, else derived from the hash. */
export function pdqVariants(query: PdqQuery, hash: PdqHash): Record<DihedralName, PdqHash> {
  if (query.dihedral === undefined) return dihedralOfHash(hash);
  const variants = {} as Record<DihedralName, PdqHash>;
  for (const name of DIHEDRAL_NAMES) variants[name] = parsePdqHex(query.dihedral[name]);
  return variants;
}

export function checkVideo(features: readonly VpdqFeature[]): void {
  if (!Array.isArray(features)) throw invalidQuery("video is not a list of frames");
  features.forEach((feature, i) => {
    if (typeof feature !== "object" || feature === null || typeof feature.pdq !== "string") {
      throw invalidQuery(`video frame ${i} has no PDQ hash`);
    }
    checkQuality(feature.quality, `video frame ${i}`);
  });
}
