import { VigilError } from "../core/index.js";
import { IndexTable } from "./index-table.js";
import { checkId } from "./mih-checks.js";

export type DigestKind = "md5" | "sha256";

const WORDS: Readonly<Record<DigestKind, number>> = { md5: 4, sha256: 8 };
const PATTERNS: Readonly<Record<DigestKind, RegExp>> = {
  md5: /^[0-9a-fA-F]{32}$/,
  sha256: /^[0-9a-fA-F]{64}$/,
};

/**
 * Exact-match set of MD5 or SHA-256 digests, keyed by a 32-bit id: `lookup(hex)` gives the ids
 * whose digest it is (several when the same file was banked twice).
 *
 * Why this shape: a Map of hex strings costs well over 150 bytes an entry. Here digests are packed
 * bytes in one Uint32Array, ids in another, and two open-addressing tables of entry numbers (by
 * digest, by id) find them: 45–95 bytes an entry for SHA-256, depending on how full the
 * power-of-two arrays happen to be. Removal moves the last entry into the hole, so the arrays
 * stay dense and nothing needs compacting.
 */
export class DigestSet {
  readonly #words: number;
  #ids = new Uint32Array(16);
  #digests: Uint32Array;
  #count = 0;
  readonly #byId = new IndexTable((e) => this.#ids[e]!);
  readonly #byDigest = new IndexTable((e) => this.#digestHash(this.#digests, e * this.#words));
  readonly #key: Uint32Array;

  constructor(readonly kind: DigestKind) {
    this.#words = WORDS[kind];
    this.#digests = new Uint32Array(16 * this.#words);
    this.#key = new Uint32Array(this.#words);
  }

  get size(): number {
    return this.#count;
  }

  get byteLength(): number {
    const tables = this.#byId.byteLength + this.#byDigest.byteLength;
    return this.#ids.byteLength + this.#digests.byteLength + tables;
  }

  /** Adds or replaces the digest of `id`. */
  add(id: number, hex: string): void {
    checkId(id);
    this.#parse(hex);
    this.remove(id);
    if (this.#count === this.#ids.length) this.#grow();
    const e = this.#count++;
    this.#ids[e] = id;
    this.#digests.set(this.#key, e * this.#words);
    this.#byId.insert(e);
    this.#byDigest.insert(e);
  }

  has(id: number): boolean {
    checkId(id);
    return this.#find(id) >= 0;
  }

  remove(id: number): boolean {
    checkId(id);
    const e = this.#find(id);
    if (e < 0) return false;
    this.#byId.delete(e);
    this.#byDigest.delete(e);
    const last = --this.#count;
    if (e !== last) {
      const w = this.#words;
      this.#ids[e] = this.#ids[last]!;
      this.#digests.copyWithin(e * w, last * w, (last + 1) * w);
      this.#byId.renumber(last, e);
      this.#byDigest.renumber(last, e);
    }
    return true;
  }

  /** The ids whose digest is `hex`, in ascending order; [] when none. */
  lookup(hex: string): number[] {
    this.#parse(hex);
    const key = this.#key;
    const digests = this.#digests;
    const w = this.#words;
    const ids: number[] = [];
    this.#byDigest.forEach(this.#digestHash(key, 0), (e) => {
      for (let i = 0; i < w; i++) if (digests[e * w + i] !== key[i]) return;
      ids.push(this.#ids[e]!);
    });
    return ids.sort((a, b) => a - b);
  }

  #find(id: number): number {
    const ids = this.#ids;
    return this.#byId.find(id, (e) => ids[e] === id);
  }

  /** Digests are uniform, so two of their words mixed are already a good hash. */
  #digestHash(words: Uint32Array, at: number): number {
    return (words[at]! ^ Math.imul(words[at + 1]!, 0x85ebca6b)) >>> 0;
  }

  /** Validates `hex` and packs it into #key. */
  #parse(hex: string): void {
    const text = typeof hex === "string" ? hex.trim() : "";
    if (!PATTERNS[this.kind].test(text)) {
      const digits = this.#words * 8;
      throw new VigilError(
        "hash/invalid-hex",
        `A ${this.kind === "md5" ? "MD5" : "SHA-256"} digest must be exactly ${digits} hex digits.`,
        { length: text.length },
      );
    }
    for (let i = 0; i < this.#words; i++) {
      this.#key[i] = Number.parseInt(text.slice(i * 8, i * 8 + 8), 16);
    }
  }

  #grow(): void {
    const ids = new Uint32Array(this.#ids.length * 2);
    ids.set(this.#ids);
    const digests = new Uint32Array(this.#digests.length * 2);
    digests.set(this.#digests);
    this.#ids = ids;
    this.#digests = digests;
  }
}
