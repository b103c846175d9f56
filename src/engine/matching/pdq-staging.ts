/**
 * The bulk path at start-up: PDQ entries gathered in flat growable arrays, then built into one
 * MihIndex in a single pass (MihIndex.build) instead of millions of adds through its tail.
 */
import { MihIndex, type PdqHash } from "../../hash/index.js";

export class PdqStaging {
  #ids = new Uint32Array(1024);
  #hashes = new Uint16Array(1024 * 16);
  #count = 0;

  get count(): number {
    return this.#count;
  }

  push(id: number, hash: PdqHash): void {
    if (this.#count === this.#ids.length) this.#grow();
    this.#ids[this.#count] = id;
    this.#hashes.set(hash, this.#count * 16);
    this.#count++;
  }

  build(): MihIndex {
    const n = this.#count;
    return MihIndex.build(this.#ids.subarray(0, n), this.#hashes.subarray(0, n * 16));
  }

  #grow(): void {
    const ids = new Uint32Array(this.#ids.length * 2);
    ids.set(this.#ids);
    const hashes = new Uint16Array(this.#hashes.length * 2);
    hashes.set(this.#hashes);
    this.#ids = ids;
    this.#hashes = hashes;
  }
}
