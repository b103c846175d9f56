/**
 * Bit tools and constants shared by the multi-index (MIH) search. A 256-bit PDQ hash is held here
 * as 8 little 32-bit "slots"; slot k is PDQ words 2k (low 16 bits) and 2k+1 (high 16 bits). The
 * sixteen 16-bit PDQ words are the "halves" that the index buckets on.
 */

export const SLOTS = 8;
export const HALVES = 16;
export const HALF_KEYS = 65536;
/** Length of one half's bucket offsets: one start per key plus the end of the last bucket. */
export const OFFSETS_PER_HALF = HALF_KEYS + 1;

/**
 * The largest distance the index answers. Beyond it the half radius ⌊⌊d/8⌋/2⌋ becomes 3, which
 * means 697 buckets per half per query; a linear scan is then within a small factor anyway.
 */
export const MIH_MAX_DISTANCE = 47;
export const MIH_DEFAULT_DISTANCE = 31;

/**
 * Bits set in every 16-bit value. A 64 KiB table stays in L2, and one load beats the dozen
 * arithmetic steps of a bit-twiddling popcount in the loop that filters bucket entries.
 */
export const POP16 = new Uint8Array(HALF_KEYS);
for (let x = 1; x < HALF_KEYS; x++) POP16[x] = (x & 1) + POP16[x >>> 1]!;

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Every 16-bit flip mask of weight 0, 1 and 2, lightest first, so a probe of radius r walks the
 * first MASK_COUNTS[r] masks: the query half XOR each mask is a bucket key to visit.
 */
export const MASK_COUNTS = [1, 17, 137] as const;
export const MASKS = new Uint16Array(MASK_COUNTS[2]);
{
  let m = 1;
  for (let i = 0; i < 16; i++) MASKS[m++] = 1 << i;
  for (let i = 0; i < 16; i++) for (let j = i + 1; j < 16; j++) MASKS[m++] = (1 << i) | (1 << j);
}

/** Packs the PDQ hash at `words[from..from+16)` into 8 slots at `out[at..at+8)`. */
export function packSlots(words: Uint16Array, out: Uint32Array, at: number, from = 0): void {
  for (let k = 0; k < SLOTS; k++) {
    out[at + k] = (words[from + 2 * k]! | (words[from + 2 * k + 1]! << 16)) >>> 0;
  }
}

/** Fibonacci hashing of a 32-bit key into `bits` bits: good spread even for sequential ids. */
export function spread(key: number, bits: number): number {
  return Math.imul(key, 0x9e3779b1) >>> (32 - bits);
}
