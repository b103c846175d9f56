import { DIHEDRAL_NAMES, transformDct, type DihedralName } from "./dihedral.js";
import { dct64To16 } from "./dct.js";
import { decimateTo64, jaroszFilter, PDQ_DOWNSAMPLE } from "./jarosz.js";
import { fillLuma } from "./luma.js";
import { emptyPdqHash, type PdqHash } from "./pdq-hash.js";
import { assertPixels, type Pixels } from "./pixels.js";
import { pdqQuality } from "./quality.js";
import { torbenMedian } from "./torben.js";

export interface PdqResult {
  readonly hash: PdqHash;
  /** 0..100; hashes under 50 are from flat or tiny images and unreliable for matching. */
  readonly quality: number;
}

export interface PdqDihedralResult {
  readonly hashes: Readonly<Record<DihedralName, PdqHash>>;
  readonly quality: number;
}

/** Images smaller than this on either side hash to all zeros with quality 0, as in the reference. */
export const PDQ_MIN_SIDE = 5;

/**
 * Computes PDQ hashes, bit-exact with Meta's reference implementation when given the same pixels.
 *
 * One hasher keeps its float32 work buffers between calls, so hashing a stream of images allocates
 * nothing per pixel and nothing per image unless an image is larger than any before it. Not
 * re-entrant: give each worker its own hasher.
 */
export class PdqHasher {
  #luma = new Float32Array(0);
  #scratch = new Float32Array(0);
  #columnSums = new Float32Array(0);
  readonly #buffer64 = new Float32Array(PDQ_DOWNSAMPLE * PDQ_DOWNSAMPLE);
  readonly #buffer16x64 = new Float32Array(16 * PDQ_DOWNSAMPLE);
  readonly #dct = new Float32Array(256);
  readonly #dctAux = new Float32Array(256);

  hash(pixels: Pixels): PdqResult {
    const quality = this.#computeDct(pixels);
    const hash = emptyPdqHash();
    if (quality !== undefined) setBitsAboveMedian(this.#dct, hash);
    return { hash, quality: quality ?? 0 };
  }

  hashDihedral(pixels: Pixels): PdqDihedralResult {
    const quality = this.#computeDct(pixels);
    const hashes = {} as Record<DihedralName, PdqHash>;
    for (const name of DIHEDRAL_NAMES) {
      const hash = emptyPdqHash();
      if (quality !== undefined) {
        transformDct(name, this.#dct, this.#dctAux);
        setBitsAboveMedian(this.#dctAux, hash);
      }
      hashes[name] = hash;
    }
    return { hashes, quality: quality ?? 0 };
  }

  /** Leaves the 16×16 DCT in #dct and returns the quality, or undefined for a too-small image. */
  #computeDct(pixels: Pixels): number | undefined {
    assertPixels(pixels);
    const { width, height } = pixels;
    if (width < PDQ_MIN_SIDE || height < PDQ_MIN_SIDE) return undefined;
    const n = width * height;
    if (this.#luma.length < n) {
      this.#luma = new Float32Array(n);
      this.#scratch = new Float32Array(n);
    }
    if (this.#columnSums.length < width) this.#columnSums = new Float32Array(width);
    fillLuma(pixels, this.#luma);
    jaroszFilter(this.#luma, this.#scratch, height, width, this.#columnSums);
    decimateTo64(this.#luma, height, width, this.#buffer64);
    const quality = pdqQuality(this.#buffer64);
    dct64To16(this.#buffer64, this.#buffer16x64, this.#dct);
    return quality;
  }
}

/** Bit i·16+j is set when coefficient (i, j) is strictly above the median of all 256. */
function setBitsAboveMedian(dct: Float32Array, hash: PdqHash): void {
  const median = torbenMedian(dct, 256);
  for (let i = 0; i < 16; i++) {
    let word = 0;
    for (let j = 0; j < 16; j++) {
      if (dct[i * 16 + j]! > median) word |= 1 << j;
    }
    hash[i] = word;
  }
}

const sharedHasher = new PdqHasher();

/** PDQ of decoded pixels, with the module's shared hasher. */
export function pdqHash(pixels: Pixels): PdqResult {
  return sharedHasher.hash(pixels);
}

/** The eight dihedral PDQ hashes of decoded pixels, from one DCT. */
export function pdqDihedralHashes(pixels: Pixels): PdqDihedralResult {
  return sharedHasher.hashDihedral(pixels);
}
