import { VigilError } from "../core/index.js";
import { DIHEDRAL_NAMES, type DihedralName } from "./dihedral.js";
import { MIH_DEFAULT_DISTANCE, packSlots, SLOTS } from "./mih-bits.js";
import { checkDistance, checkHash, checkId, toMatches } from "./mih-checks.js";
import { buildSegment } from "./mih-build.js";
import { searchSegment } from "./mih-search.js";
import { MihSegment } from "./mih-segment.js";
import { decodeSegment, encodeSegment } from "./mih-serialise.js";
import { MihTail } from "./mih-tail.js";
import type { PdqHash } from "./pdq-hash.js";

export interface PdqMatch {
  readonly id: number;
  readonly distance: number;
}

export interface PdqDihedralMatch extends PdqMatch {
  /** The query variant that came closest (the first in DIHEDRAL_NAMES order on a tie). */
  readonly variant: DihedralName;
}

/** Where the entries sit, for tests and monitoring; counts include dead entries. */
export interface MihIndexStats {
  readonly main: number;
  readonly delta: number;
  readonly tail: number;
  readonly dead: number;
}

export interface MihIndexOptions {
  /** Adds kept unindexed and scanned linearly by every query (default 1,024). */
  readonly tailCapacity?: number;
}

/**
 * Exact search of PDQ hashes within a Hamming distance (0..47), keyed by a 32-bit id.
 *
 * Why three tiers: the main segment is a read-only CSR layout (see mih-segment.ts), which is what
 * makes lookups fast and loading a mere view, but it cannot take an insert. So adds land in a
 * small linear tail (T entries); a full tail is rebuilt together with the delta segment (a second,
 * smaller MIH segment), and once the delta outgrows a limit L everything is rebuilt into one main
 * segment of N. Per add that costs about L/T entries rebuilt for the delta plus N/L for the main
 * segment, least at L = √(T·N): about 200 at 10M entries, so adds stay cheap and no rebuild of
 * the whole index happens more often than every √(T·N) adds. Removal marks the entry dead (a
 * tombstone the search skips); a segment a quarter dead is compacted.
 * Adding an id that is present replaces its hash: the id is the key.
 */
export class MihIndex {
  #main = MihSegment.EMPTY;
  #delta = MihSegment.EMPTY;
  readonly #tail: MihTail;
  readonly #q = new Uint32Array(SLOTS);

  constructor(options: MihIndexOptions = {}) {
    const capacity = options.tailCapacity ?? 1024;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1 << 20) {
      throw new VigilError("hash/invalid-argument", "tailCapacity must be an integer 1..2^20.");
    }
    this.#tail = new MihTail(capacity);
  }

  /** Bulk build from ids and their hashes, 16 PDQ words each, concatenated. Later ids win. */
  static build(ids: Uint32Array, hashes: Uint16Array, options: MihIndexOptions = {}): MihIndex {
    const index = new MihIndex(options);
    index.#main = buildSegment(ids, hashes);
    return index;
  }

  /** Loads `serialise()` output. The index keeps views into `bytes`: do not modify them after. */
  static load(bytes: Uint8Array, options: MihIndexOptions = {}): MihIndex {
    const index = new MihIndex(options);
    index.#main = decodeSegment(bytes);
    return index;
  }

  get size(): number {
    return this.#main.live + this.#delta.live + this.#tail.count;
  }

  /** Bytes held in typed arrays: the whole footprint, as there is no object per entry. */
  get byteLength(): number {
    return this.#main.byteLength + this.#delta.byteLength + this.#tail.byteLength;
  }

  get stats(): MihIndexStats {
    const main = this.#main;
    const delta = this.#delta;
    const dead = main.deadCount + delta.deadCount;
    return { main: main.size, delta: delta.size, tail: this.#tail.count, dead };
  }

  has(id: number): boolean {
    checkId(id);
    return (
      this.#tail.indexOf(id) >= 0 || this.#delta.indexOf(id) >= 0 || this.#main.indexOf(id) >= 0
    );
  }

  add(id: number, hash: PdqHash): void {
    checkId(id);
    checkHash(hash);
    this.remove(id);
    if (this.#tail.full) this.#flushTail();
    packSlots(hash, this.#q, 0);
    this.#tail.push(id, this.#q);
  }

  /** Removes the entry with this id; false when there was none. */
  remove(id: number): boolean {
    checkId(id);
    const t = this.#tail.indexOf(id);
    if (t >= 0) {
      this.#tail.removeAt(t);
      return true;
    }
    for (const seg of [this.#delta, this.#main]) {
      const e = seg.indexOf(id);
      if (e < 0) continue;
      seg.kill(e);
      if (seg.deadCount * 4 > seg.size) this.#rebuild(seg === this.#main ? "main" : "delta");
      return true;
    }
    return false;
  }

  /** Every entry within `maxDistance` of `query`, nearest first (then by id). */
  search(query: PdqHash, maxDistance = MIH_DEFAULT_DISTANCE): PdqMatch[] {
    checkHash(query);
    checkDistance(maxDistance);
    return toMatches(this.#searchPairs(query, maxDistance));
  }

  /**
   * Searches all eight dihedral variants of a query (as `pdqDihedralHashes` returns them) and
   * reports each entry once, with its best distance and the variant that gave it.
   */
  searchDihedral(
    variants: Readonly<Record<DihedralName, PdqHash>>,
    maxDistance = MIH_DEFAULT_DISTANCE,
  ): PdqDihedralMatch[] {
    checkDistance(maxDistance);
    const best = new Map<number, PdqDihedralMatch>();
    for (const variant of DIHEDRAL_NAMES) {
      const query = variants[variant];
      checkHash(query);
      const pairs = this.#searchPairs(query, maxDistance);
      for (let i = 0; i < pairs.length; i += 2) {
        const id = pairs[i]!;
        const distance = pairs[i + 1]!;
        const seen = best.get(id);
        if (!seen || distance < seen.distance) best.set(id, { id, distance, variant });
      }
    }
    return [...best.values()].sort((a, b) => a.distance - b.distance || a.id - b.id);
  }

  /** Folds the tail and delta into the main segment and drops tombstones. */
  compact(): void {
    if (this.#delta.size + this.#tail.count + this.#main.deadCount > 0) this.#rebuild("all");
  }

  /** A compact binary snapshot (see mih-serialise.ts); compacts first. */
  serialise(): Uint8Array {
    this.compact();
    return encodeSegment(this.#main);
  }

  #searchPairs(query: PdqHash, d: number): number[] {
    const q = this.#q;
    packSlots(query, q, 0);
    const pairs: number[] = [];
    searchSegment(this.#main, q, d, pairs);
    searchSegment(this.#delta, q, d, pairs);
    this.#tail.search(q, d, pairs);
    return pairs;
  }

  #flushTail(): void {
    const capacity = this.#tail.capacity;
    const limit = Math.max(capacity * 8, Math.sqrt(capacity * this.#main.live));
    this.#rebuild(this.#delta.live + this.#tail.count > limit ? "all" : "delta");
  }

  /** Rebuilds one tier from its live entries; "delta" also takes in the tail, "all" everything. */
  #rebuild(which: "main" | "delta" | "all"): void {
    const parts =
      which === "main"
        ? [this.#main]
        : which === "delta"
          ? [this.#delta]
          : [this.#main, this.#delta];
    const withTail = which !== "main";
    const n = parts.reduce((sum, seg) => sum + seg.live, 0) + (withTail ? this.#tail.count : 0);
    const ids = new Uint32Array(n);
    const slots = new Uint32Array(n * SLOTS);
    let at = 0;
    for (const seg of parts) at = seg.copyLive(ids, slots, at);
    if (withTail) {
      this.#tail.copyAll(ids, slots, at);
      this.#tail.clear();
    }
    const built = MihSegment.build(ids, slots);
    if (which === "delta") this.#delta = built;
    else this.#main = built;
    if (which === "all") this.#delta = MihSegment.EMPTY;
  }
}
