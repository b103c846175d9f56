import { VigilError } from "../core/index.js";
import { MIH_MAX_DISTANCE } from "./mih-bits.js";
import type { PdqMatch } from "./mih-index.js";
import { PDQ_WORDS } from "./pdq-hash.js";

/**
 * Argument checks for the index's public methods. Ids and hashes come from banks and hash
 * exchanges; a wrong one stored silently would match the wrong images, so it is refused instead.
 */

export function checkId(id: number): void {
  if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) {
    throw new VigilError("hash/invalid-argument", "An index id must be an integer in 0..2^32-1.", {
      id: String(id),
    });
  }
}

export function checkHash(hash: unknown): void {
  if (!(hash instanceof Uint16Array) || hash.length !== PDQ_WORDS) {
    throw new VigilError("hash/invalid-hash", "A PDQ hash must be a Uint16Array of 16 words.");
  }
}

export function checkDistance(d: number): void {
  if (!Number.isInteger(d) || d < 0 || d > MIH_MAX_DISTANCE) {
    throw new VigilError(
      "hash/invalid-argument",
      `A search distance must be an integer from 0 to ${MIH_MAX_DISTANCE}.`,
      { distance: String(d) },
    );
  }
}

/** (id, distance) pairs as matches, nearest first, then by id, so results are deterministic. */
export function toMatches(pairs: readonly number[]): PdqMatch[] {
  const matches: PdqMatch[] = [];
  for (let i = 0; i < pairs.length; i += 2)
    matches.push({ id: pairs[i]!, distance: pairs[i + 1]! });
  return matches.sort((a, b) => a.distance - b.distance || a.id - b.id);
}
