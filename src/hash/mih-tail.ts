import { SLOTS } from "./mih-bits.js";
import { scanLinear } from "./mih-search.js";

/**
 * The newest adds, unindexed: a fixed-size buffer scanned linearly by every query. Its size bounds
 * that scan (1,024 entries ≈ 10–20 µs) while letting a rebuild of the delta segment happen only
 * once per that many adds. Removal here is a swap with the last entry: nothing else points in.
 */
export class MihTail {
  readonly ids: Uint32Array;
  readonly slots: Uint32Array;
  #count = 0;

  constructor(readonly capacity: number) {
    this.ids = new Uint32Array(capacity);
    this.slots = new Uint32Array(capacity * SLOTS);
  }

  get count(): number {
    return this.#count;
  }

  get full(): boolean {
    return this.#count === this.capacity;
  }

  get byteLength(): number {
    return this.ids.byteLength + this.slots.byteLength;
  }

  /** Appends an entry whose packed hash is `packed[0..8)`; the caller checks `full` first. */
  push(id: number, packed: Uint32Array): void {
    this.ids[this.#count] = id;
    this.slots.set(packed, this.#count * SLOTS);
    this.#count++;
  }

  indexOf(id: number): number {
    return this.ids.subarray(0, this.#count).indexOf(id);
  }

  removeAt(entry: number): void {
    const last = --this.#count;
    this.ids[entry] = this.ids[last]!;
    this.slots.copyWithin(entry * SLOTS, last * SLOTS, (last + 1) * SLOTS);
  }

  clear(): void {
    this.#count = 0;
  }

  search(q: Uint32Array, d: number, out: number[]): void {
    scanLinear(this.ids, this.slots, this.#count, q, d, out);
  }

  /** Copies every entry to `ids`/`slots` from entry number `at`; returns the next free one. */
  copyAll(ids: Uint32Array, slots: Uint32Array, at: number): number {
    ids.set(this.ids.subarray(0, this.#count), at);
    slots.set(this.slots.subarray(0, this.#count * SLOTS), at * SLOTS);
    return at + this.#count;
  }
}
