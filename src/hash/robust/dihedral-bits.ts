import type { DihedralName } from "../dihedral.js";
import { emptyPdqHash, type PdqHash } from "../pdq-hash.js";
import { torbenMedian } from "../torben.js";

const K = 16;

/**
 * The eight dihedral hashes of one 16×16 DCT, as `transformDct` + median + bits would give them,
 * in about half the work. Why it can be cheaper: a move only permutes the coefficients
 * (a transpose) and flips the signs of some; a transpose changes neither the median nor which
 * coefficients are above it, only where their bits go. So there are four sign patterns, four
 * medians, and the transposed four hashes are the bit-transposes of the other four.
 */
export function dihedralHashesOfDct(
  dct: Float32Array,
  scratch: Float32Array,
): Record<DihedralName, PdqHash> {
  const plain = bitsWithSigns(dct, scratch, KEEP_ALL);
  const evenSum = bitsWithSigns(dct, scratch, KEEP_EVEN_SUM);
  const oddRow = bitsWithSigns(dct, scratch, KEEP_ODD_ROW);
  const oddColumn = bitsWithSigns(dct, scratch, KEEP_ODD_COLUMN);
  return {
    original: plain,
    flipPlus1: transpose(plain),
    rotate180: evenSum,
    flipMinus1: transpose(evenSum),
    flipX: oddRow,
    rotate270: transpose(oddRow),
    flipY: oddColumn,
    rotate90: transpose(oddColumn),
  };
}

/** ±1 per coefficient: which keep their sign under each family of moves (see dihedral.ts). */
function signs(keeps: (i: number, j: number) => boolean): Float32Array {
  const out = new Float32Array(K * K);
  for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) out[i * K + j] = keeps(i, j) ? 1 : -1;
  return out;
}
const KEEP_ALL = signs(() => true);
const KEEP_EVEN_SUM = signs((i, j) => ((i + j) & 1) === 0);
const KEEP_ODD_ROW = signs((i) => (i & 1) === 1);
const KEEP_ODD_COLUMN = signs((_i, j) => (j & 1) === 1);

function bitsWithSigns(dct: Float32Array, scratch: Float32Array, signs: Float32Array): PdqHash {
  for (let k = 0; k < K * K; k++) scratch[k] = dct[k]! * signs[k]!;
  const median = torbenMedian(scratch, K * K);
  const hash = emptyPdqHash();
  for (let i = 0; i < K; i++) {
    let word = 0;
    for (let j = 0; j < K; j++) if (scratch[i * K + j]! > median) word |= 1 << j;
    hash[i] = word;
  }
  return hash;
}

/** Word i bit j → word j bit i. */
function transpose(hash: PdqHash): PdqHash {
  const out = emptyPdqHash();
  for (let i = 0; i < K; i++) {
    const word = hash[i]!;
    for (let j = 0; j < K; j++) if ((word >>> j) & 1) out[j]! |= 1 << i;
  }
  return out;
}
