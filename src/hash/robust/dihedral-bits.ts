import type { DihedralName } from "../dihedral.js";
import { emptyPdqHash, type PdqHash } from "../pdq-hash.js";

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

const sorted = new Float32Array(K * K);

function bitsWithSigns(dct: Float32Array, scratch: Float32Array, signs: Float32Array): PdqHash {
  for (let k = 0; k < K * K; k++) scratch[k] = dct[k]! * signs[k]!;
  sorted.set(scratch);
  // The lower median, as torbenMedian gives it (PDQ's convention), by selection: a few times
  // faster than Torben's repeated counting passes, and these run 32 times per window.
  const median = select(sorted, (K * K - 1) >> 1);
  const hash = emptyPdqHash();
  for (let i = 0; i < K; i++) {
    let word = 0;
    for (let j = 0; j < K; j++) if (scratch[i * K + j]! > median) word |= 1 << j;
    hash[i] = word;
  }
  return hash;
}

/** The k-th smallest value of `a` (reordering it): Hoare's selection. */
function select(a: Float32Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
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
