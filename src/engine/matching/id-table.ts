/**
 * A map from uint32 keys to uint32 values in two typed arrays: the matcher's entry id → bank and
 * kind, and frame id → video. A JS Map costs several times more an entry and stops at 2^24
 * entries; this is 9 bytes a slot at a load of at most 3/4, for any number of entries.
 *
 * Linear probing with backward-shift deletion: no tombstones, so steady churn (adds and
 * withdrawals all day) never degrades it.
 */
export class IdTable {
  #keys: Uint32Array;
  #values: Uint32Array;
  #used: Uint8Array;
  #bits: number;
  #count = 0;

  constructor(expected = 0) {
    this.#bits = Math.max(4, Math.ceil(Math.log2(Math.max(1, expected) / 0.75 + 1)));
    const n = 2 ** this.#bits;
    this.#keys = new Uint32Array(n);
    this.#values = new Uint32Array(n);
    this.#used = new Uint8Array(n);
  }

  get size(): number {
    return this.#count;
  }

  get byteLength(): number {
    return this.#keys.byteLength + this.#values.byteLength + this.#used.byteLength;
  }

  has(key: number): boolean {
    return this.#find(key) >= 0;
  }

  /** The value of `key`, or undefined. */
  get(key: number): number | undefined {
    const s = this.#find(key);
    return s < 0 ? undefined : this.#values[s];
  }

  set(key: number, value: number): void {
    const s = this.#find(key);
    if (s >= 0) {
      this.#values[s] = value;
      return;
    }
    if ((this.#count + 1) * 4 > this.#keys.length * 3) this.#grow();
    this.#insert(key, value);
    this.#count++;
  }

  /** Removes `key`; false when it was not there. */
  delete(key: number): boolean {
    let hole = this.#find(key);
    if (hole < 0) return false;
    const mask = this.#keys.length - 1;
    // Backward shift: pull later members of the probe run into the hole when their home allows.
    for (let s = (hole + 1) & mask; this.#used[s] === 1; s = (s + 1) & mask) {
      const home = this.#home(this.#keys[s]!);
      if (((s - home) & mask) >= ((s - hole) & mask)) {
        this.#keys[hole] = this.#keys[s]!;
        this.#values[hole] = this.#values[s]!;
        hole = s;
      }
    }
    this.#used[hole] = 0;
    this.#count--;
    return true;
  }

  forEach(visit: (key: number, value: number) => void): void {
    const used = this.#used;
    for (let s = 0; s < used.length; s++)
      if (used[s] === 1) visit(this.#keys[s]!, this.#values[s]!);
  }

  #home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> (32 - this.#bits);
  }

  #find(key: number): number {
    const mask = this.#keys.length - 1;
    for (let s = this.#home(key); this.#used[s] === 1; s = (s + 1) & mask) {
      if (this.#keys[s] === key) return s;
    }
    return -1;
  }

  #insert(key: number, value: number): void {
    const mask = this.#keys.length - 1;
    let s = this.#home(key);
    while (this.#used[s] === 1) s = (s + 1) & mask;
    this.#keys[s] = key;
    this.#values[s] = value;
    this.#used[s] = 1;
  }

  #grow(): void {
    const keys = this.#keys;
    const values = this.#values;
    const used = this.#used;
    this.#bits++;
    this.#keys = new Uint32Array(keys.length * 2);
    this.#values = new Uint32Array(keys.length * 2);
    this.#used = new Uint8Array(keys.length * 2);
    for (let s = 0; s < keys.length; s++) if (used[s] === 1) this.#insert(keys[s]!, values[s]!);
  }
}
