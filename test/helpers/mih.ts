import { expect } from "vitest";
import {
  hammingDistance,
  MihIndex,
  type MihIndexOptions,
  type PdqHash,
  type PdqMatch,
} from "../../src/hash/index.js";
import { flipRandomBits, flipSpreadBits, randomHash, type Random } from "./pdq-random.js";

/** Distances the index tests check: both sides of every change of the probe radii. */
export const DISTANCES = [0, 1, 7, 8, 15, 16, 23, 24, 31, 32, 39, 40, 47];

export interface Corpus {
  readonly entries: Map<number, PdqHash>;
  readonly queries: PdqHash[];
}

/** The truth the index must equal: a scan of every live entry, nearest first, then by id. */
export function scan(entries: Map<number, PdqHash>, query: PdqHash, d: number): PdqMatch[] {
  const out: PdqMatch[] = [];
  for (const [id, hash] of entries) {
    const distance = hammingDistance(hash, query);
    if (distance <= d) out.push({ id, distance });
  }
  return out.sort((a, b) => a.distance - b.distance || a.id - b.id);
}

/**
 * Uniform hashes with random unique ids, plus around each centre two near-duplicates at every
 * distance 0..48 (one at random bits, one spread evenly over the slots). Queries are the centres,
 * points 3 bits off them, and two unrelated hashes.
 */
export function corpus(next: Random, uniform: number, centres: number): Corpus {
  const entries = new Map<number, PdqHash>();
  const put = (hash: PdqHash) => {
    let id = next();
    while (entries.has(id)) id = next();
    entries.set(id, hash);
  };
  for (let i = 0; i < uniform; i++) put(randomHash(next));
  const queries: PdqHash[] = [randomHash(next), randomHash(next)];
  for (let c = 0; c < centres; c++) {
    const centre = randomHash(next);
    for (let t = 0; t <= 48; t++) {
      put(flipRandomBits(centre, t, next));
      put(flipSpreadBits(centre, t, next));
    }
    queries.push(centre, flipSpreadBits(centre, 3, next));
  }
  return { entries, queries };
}

export function buildIndex(entries: Map<number, PdqHash>, options: MihIndexOptions = {}): MihIndex {
  const ids = Uint32Array.from(entries.keys());
  const words = new Uint16Array(ids.length * 16);
  let i = 0;
  for (const hash of entries.values()) words.set(hash, 16 * i++);
  return MihIndex.build(ids, words, options);
}

/** Checks every query at every distance in DISTANCES, scanning the model once per query. */
export function expectSameAsScan(index: MihIndex, { entries, queries }: Corpus): void {
  expect(index.size).toBe(entries.size);
  const widest = Math.max(...DISTANCES);
  for (const query of queries) {
    const all = scan(entries, query, widest);
    for (const d of DISTANCES) {
      expect(index.search(query, d)).toEqual(all.filter((m) => m.distance <= d));
    }
  }
}
