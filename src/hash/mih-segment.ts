import { IndexTable } from "./index-table.js";
import { HALF_KEYS, HALVES, OFFSETS_PER_HALF, SLOTS } from "./mih-bits.js";

/**
 * One immutable block of the multi-index: its entries never move once built. Removal only marks
 * an entry dead; adds go to newer segments (see mih-index.ts), and a rebuild makes a new segment.
 *
 * Why this layout: at millions of entries a lookup is bound by memory latency, not arithmetic —
 * every candidate read from a random place costs a cache miss of ~100 ns. So everything is flat
 * typed arrays with no object per entry, and each of the 16 halves (16-bit PDQ words) is a CSR
 * bucket list: `offsets[h]` (65,537 starts) points into `entries[h]` (entry numbers, grouped by the
 * value of half h) and, at the same positions, `siblings[h]`: the other 16 bits of the same 32-bit
 * slot. A probe streams one bucket of siblings from contiguous memory and rejects ~99% of the
 * candidates there; only survivors cost a random read of their full hash in `slots` (8 × 32 bits,
 * one cache line). Per entry: 16 × (4 + 2) + 32 + 4 (id) = 132 bytes.
 */
export class MihSegment {
  /** The same siblings read two at a time (each array has even length and a 4-aligned start). */
  readonly siblingPairs: readonly Uint32Array[];
  #dead: Uint8Array | null = null;
  #deadCount = 0;
  #byId: IndexTable | null = null;

  constructor(
    /** Entries, dead ones included. */
    readonly size: number,
    readonly ids: Uint32Array,
    /** Full hashes, 8 slots of 32 bits per entry (slot k = PDQ words 2k and 2k+1). */
    readonly slots: Uint32Array,
    readonly offsets: readonly Uint32Array[],
    readonly entries: readonly Uint32Array[],
    readonly siblings: readonly Uint16Array[],
  ) {
    this.siblingPairs = siblings.map(
      (s) => new Uint32Array(s.buffer, s.byteOffset, s.length >>> 1),
    );
  }

  static readonly EMPTY = new MihSegment(0, new Uint32Array(0), new Uint32Array(0), [], [], []);

  /**
   * Builds the bucket lists over `ids` and their packed hashes, taking ownership of both, and of
   * `byId` (an id table over these very `ids`) when the caller already has one.
   */
  static build(ids: Uint32Array, slots: Uint32Array, byId?: IndexTable): MihSegment {
    const n = ids.length;
    if (n === 0) return MihSegment.EMPTY;
    const offsets: Uint32Array[] = [];
    const entries: Uint32Array[] = [];
    const siblings: Uint16Array[] = [];
    const sorter = new BucketSorter(n);
    for (let k = 0; k < SLOTS; k++) {
      sorter.loadSlot(slots, k);
      for (const shift of [0, 16]) {
        const starts = new Uint32Array(OFFSETS_PER_HALF);
        const list = new Uint32Array(n);
        const sibs = new Uint16Array(pairedLength(n));
        sorter.sort(shift, starts, list, sibs);
        offsets.push(starts);
        entries.push(list);
        siblings.push(sibs);
      }
    }
    const segment = new MihSegment(n, ids, slots, offsets, entries, siblings);
    if (byId) segment.#byId = byId;
    return segment;
  }

  /** Entries not removed. */
  get live(): number {
    return this.size - this.#deadCount;
  }

  get deadCount(): number {
    return this.#deadCount;
  }

  /** Dead flags for the search, or null while nothing is dead. */
  get dead(): Uint8Array | null {
    return this.#dead;
  }

  get byteLength(): number {
    let bytes = this.ids.byteLength + this.slots.byteLength + (this.#dead?.byteLength ?? 0);
    for (let h = 0; h < this.offsets.length; h++) {
      bytes += this.offsets[h]!.byteLength + this.entries[h]!.byteLength;
      bytes += this.siblings[h]!.byteLength;
    }
    return bytes + (this.#byId?.byteLength ?? 0);
  }

  /** The live entry with this id, or -1. The id table is built on first use, not on load. */
  indexOf(id: number): number {
    if (this.size === 0) return -1;
    const ids = this.ids;
    this.#byId ??= this.#buildIdTable();
    const entry = this.#byId.find(id, (e) => ids[e] === id);
    return entry >= 0 && this.#dead?.[entry] !== 1 ? entry : -1;
  }

  kill(entry: number): void {
    this.#dead ??= new Uint8Array(this.size);
    if (this.#dead[entry] === 1) return;
    this.#dead[entry] = 1;
    this.#deadCount++;
  }

  /** Copies the live entries to `ids`/`slots` from entry number `at`; returns the next free one. */
  copyLive(ids: Uint32Array, slots: Uint32Array, at: number): number {
    for (let e = 0; e < this.size; e++) {
      if (this.#dead?.[e] === 1) continue;
      ids[at] = this.ids[e]!;
      slots.set(this.slots.subarray(e * SLOTS, (e + 1) * SLOTS), at * SLOTS);
      at++;
    }
    return at;
  }

  #buildIdTable(): IndexTable {
    const ids = this.ids;
    const table = new IndexTable((e) => ids[e]!, this.size);
    for (let e = 0; e < this.size; e++) table.insert(e);
    return table;
  }
}

/**
 * Groups entries by the value of one half, stably (entry order within a bucket), with two 8-bit
 * radix passes over one slot copied out as a column. Why not one pass with 65,536 cursors over the
 * packed hashes: at 10M entries its writes land in 65,536 places at once, nearly each one a cache
 * and TLB miss, and every strided pass over the hashes reads all 320 MB of them; 256-way passes
 * over a 40 MB column keep their write positions in cache and read sequentially.
 */
class BucketSorter {
  readonly #column: Uint32Array;
  readonly #entries: Uint32Array;
  readonly #values: Uint32Array;
  readonly #low = new Uint32Array(256);
  readonly #high = new Uint32Array(256);

  constructor(readonly n: number) {
    this.#column = new Uint32Array(n);
    this.#entries = new Uint32Array(n);
    this.#values = new Uint32Array(n);
  }

  loadSlot(slots: Uint32Array, k: number): void {
    const column = this.#column;
    for (let e = 0; e < this.n; e++) column[e] = slots[e * SLOTS + k]!;
  }

  /** Sorts by the half at `shift` of the loaded slot: bucket starts, entry numbers, siblings. */
  sort(shift: number, starts: Uint32Array, list: Uint32Array, sibs: Uint16Array): void {
    const { n } = this;
    const column = this.#column;
    for (let e = 0; e < n; e++) starts[((column[e]! >>> shift) & 0xffff) + 1]!++;
    const low = this.#low.fill(0);
    const high = this.#high.fill(0);
    for (let key = 0; key < HALF_KEYS; key++) {
      low[key & 0xff]! += starts[key + 1]!;
      high[key >>> 8]! += starts[key + 1]!;
    }
    startsFromCounts(low);
    startsFromCounts(high);
    for (let key = 1; key < OFFSETS_PER_HALF; key++) starts[key]! += starts[key - 1]!;
    // Values are rotated so the half sorted on is the low 16 bits, its sibling the high 16.
    const tmpEntries = this.#entries;
    const tmpValues = this.#values;
    for (let e = 0; e < n; e++) {
      const x = column[e]!;
      const v = shift === 0 ? x : ((x >>> 16) | (x << 16)) >>> 0;
      const p = low[v & 0xff]!++;
      tmpEntries[p] = e;
      tmpValues[p] = v;
    }
    for (let i = 0; i < n; i++) {
      const v = tmpValues[i]!;
      const p = high[(v >>> 8) & 0xff]!++;
      list[p] = tmpEntries[i]!;
      sibs[p] = v >>> 16;
    }
  }
}

function startsFromCounts(counts: Uint32Array): void {
  let sum = 0;
  for (let b = 0; b < counts.length; b++) {
    const c = counts[b]!;
    counts[b] = sum;
    sum += c;
  }
}

/** Sibling arrays are padded to an even length, so that they can be read in 32-bit pairs. */
export function pairedLength(n: number): number {
  return n + (n & 1);
}

/** Bucket starts of every half, by counting in one sequential pass over the hashes (on load). */
export function countOffsets(slots: Uint32Array, n: number): Uint32Array[] {
  const offsets = Array.from({ length: HALVES }, () => new Uint32Array(OFFSETS_PER_HALF));
  const counts = new Uint32Array(HALVES * OFFSETS_PER_HALF);
  for (let e = 0, b = 0; e < n; e++, b += SLOTS) {
    for (let k = 0, at = 1; k < SLOTS; k++, at += 2 * OFFSETS_PER_HALF) {
      const x = slots[b + k]!;
      counts[at + (x & 0xffff)]!++;
      counts[at + OFFSETS_PER_HALF + (x >>> 16)]!++;
    }
  }
  for (let h = 0; h < HALVES; h++) {
    const list = offsets[h]!;
    list.set(counts.subarray(h * OFFSETS_PER_HALF, (h + 1) * OFFSETS_PER_HALF));
    for (let key = 1; key < OFFSETS_PER_HALF; key++) list[key]! += list[key - 1]!;
  }
  return offsets;
}
