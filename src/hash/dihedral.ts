/**
 * The eight symmetries of the square (rotations and mirror images). Rotating or mirroring an
 * image only transposes its DCT and flips the sign of the odd frequencies, so all eight hashes
 * come from one DCT with no second pass over the pixels.
 */

export const DIHEDRAL_NAMES = [
  "original",
  "rotate90",
  "rotate180",
  "rotate270",
  "flipX",
  "flipY",
  "flipPlus1",
  "flipMinus1",
] as const;

export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

interface DihedralRule {
  /** Output (j, i) takes input (i, j). */
  readonly transpose: boolean;
  /** Whether input (i, j) keeps its sign. */
  readonly keepsSign: (i: number, j: number) => boolean;
}

const isOdd = (x: number): boolean => (x & 1) === 1;

const RULES: Readonly<Record<DihedralName, DihedralRule>> = {
  original: { transpose: false, keepsSign: () => true },
  rotate90: { transpose: true, keepsSign: (_i, j) => isOdd(j) },
  rotate180: { transpose: false, keepsSign: (i, j) => !isOdd(i + j) },
  rotate270: { transpose: true, keepsSign: (i) => isOdd(i) },
  flipX: { transpose: false, keepsSign: (i) => isOdd(i) },
  flipY: { transpose: false, keepsSign: (_i, j) => isOdd(j) },
  flipPlus1: { transpose: true, keepsSign: () => true },
  flipMinus1: { transpose: true, keepsSign: (i, j) => !isOdd(i + j) },
};

const K = 16;

/**
 * The eight variants of a hash when only the hash is known (a bank or an exchange list): the same
 * transpose and sign flips, applied to the bits as if the DCT median were zero, so a negated
 * coefficient flips its bit. That is an approximation — the true median is not zero — and on the
 * reference images these variants sit a median of 0–10 bits from the ones computed from pixels,
 * 16 at the 90th percentile. Hash the image itself with `hashDihedral` when it is at hand.
 */
export function dihedralOfHash(hash: Uint16Array): Record<DihedralName, Uint16Array> {
  const out = {} as Record<DihedralName, Uint16Array>;
  for (const name of DIHEDRAL_NAMES) {
    const { transpose, keepsSign } = RULES[name];
    const variant = new Uint16Array(K);
    for (let i = 0; i < K; i++) {
      for (let j = 0; j < K; j++) {
        const bit = ((hash[i]! >>> j) & 1) === 1;
        if (bit !== keepsSign(i, j)) continue; // a kept 1, or a flipped 0, becomes a 1
        if (transpose) variant[j]! |= 1 << i;
        else variant[i]! |= 1 << j;
      }
    }
    out[name] = variant;
  }
  return out;
}

/** Writes the 16×16 DCT of the transformed image into `out`, from the original's DCT `dct`. */
export function transformDct(name: DihedralName, dct: Float32Array, out: Float32Array): void {
  const { transpose, keepsSign } = RULES[name];
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      const value = keepsSign(i, j) ? dct[i * K + j]! : -dct[i * K + j]!;
      out[transpose ? j * K + i : i * K + j] = value;
    }
  }
}
