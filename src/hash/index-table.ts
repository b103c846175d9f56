import { spread } from "./mih-bits.js";

/**
 * An open-addressing table of entry numbers, for the keyed look-ups beside the search structures:
 * id → entry in an MIH segment, and id → entry and digest → entries in a digest set.
 *
 * Why this shape: a slot is one Uint32 (entry number + 1; 0 is empty). The key itself stays in the
 * owner's flat arrays and is compared through a callback, so nothing is stored twice and there is
 * no object per entry. Linear probing with backward-shift deletion leaves no tombstones, so a set
 * with steady churn never degrades; the load stays at most 3/4.
 */
export class IndexTable {
  #slots: Uint32Array;
  #bits: number;
  #count = 0;
  readonly #keyHashOf: (entry: number) => number;

  /** `keyHashOf(entry)` is the 32-bit hash of that entry's key, as also passed to `find`. */
  constructor(keyHashOf: (entry: number) => number, expected = 0) {
    this.#keyHashOf = keyHashOf;
    this.#bits = bitsFor(expected);
    this.#slots = new Uint32Array(2 ** this.#bits);
  }

  get size(): number {
    return this.#count;
  }

  get byteLength(): number {
    return this.#slots.byteLength;
  }

  /** The first entry on the probe path of `keyHash` that `matches`, or -1. */
  find(keyHash: number, matches: (entry: number) => boolean): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let s = spread(keyHash, this.#bits); ; s = (s + 1) & mask) {
      const v = slots[s]!;
      if (v === 0) return -1;
      if (matches(v - 1)) return v - 1;
    }
  }

  /** Visits every entry on the probe path of `keyHash`; the caller compares keys. */
  forEach(keyHash: number, visit: (entry: number) => void): void {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let s = spread(keyHash, this.#bits); slots[s] !== 0; s = (s + 1) & mask) {
      visit(slots[s]! - 1);
    }
  }

  insert(entry: number): void {
    if ((this.#count + 1) * 4 > this.#slots.length * 3) this.#grow();
    this.#place(entry);
    this.#count++;
  }

  /** Removes `entry`, whose key must still be readable through `keyHashOf`. */
  delete(entry: number): void {
    const slots = this.#slots;
    const mask = slots.length - 1;
    let hole = this.#slotOf(entry);
    for (let j = (hole + 1) & mask; slots[j] !== 0; j = (j + 1) & mask) {
      const home = spread(this.#keyHashOf(slots[j]! - 1), this.#bits);
      // The entry at j may fill the hole only if its home is not cyclically within (hole, j].
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (stays) continue;
      slots[hole] = slots[j]!;
      hole = j;
    }
    slots[hole] = 0;
    this.#count--;
  }

  /** Entry `from` now lives under number `to` (same key, already readable at `to`). */
  renumber(from: number, to: number): void {
    this.#slots[this.#slotOf(from, this.#keyHashOf(to))] = to + 1;
  }

  #slotOf(entry: number, keyHash = this.#keyHashOf(entry)): number {
    const slots = this.#slots;
    const mask = slots.length - 1;
    for (let s = spread(keyHash, this.#bits); slots[s] !== 0; s = (s + 1) & mask) {
      if (slots[s] === entry + 1) return s;
    }
    throw new Error(`IndexTable: entry ${entry} is not in the table`);
  }

  #place(entry: number): void {
    const slots = this.#slots;
    const mask = slots.length - 1;
    let s = spread(this.#keyHashOf(entry), this.#bits);
    while (slots[s] !== 0) s = (s + 1) & mask;
    slots[s] = entry + 1;
  }

  #grow(): void {
    const old = this.#slots;
    this.#bits++;
    this.#slots = new Uint32Array(2 ** this.#bits);
    for (const v of old) if (v !== 0) this.#place(v - 1);
  }
}

function bitsFor(expected: number): number {
  let bits = 4;
  while (2 ** bits * 3 < expected * 4) bits++;
  return bits;
}
