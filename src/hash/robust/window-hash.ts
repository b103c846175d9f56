import { transformDct, type DihedralName } from "../dihedral.js";
import { dihedralHashesOfDct } from "./dihedral-bits.js";
import { DCT_MATRIX } from "../dct.js";
import { emptyPdqHash, type PdqHash } from "../pdq-hash.js";
import { pdqQuality } from "../quality.js";
import { torbenMedian } from "../torben.js";
import type { LumaPlane } from "./plane.js";

/** A rectangle in pixel units of a plane: [x0, x1) × [y0, y1). */
export interface Rect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const K = 16;

/**
 * PDQ-style hashes of windows of a plane. The window is resampled to n×n cell averages from
 * the summed-area table (a box filter, where PDQ proper uses its Jarosz tent filter), then the
 * same 16×16 DCT, median and bits as PDQ. Region hashes are Vigil's own, so they need not be
 * bit-exact with the reference; in exchange a window costs the same whatever its size.
 * Reuses its buffers; not re-entrant.
 */
export class WindowHasher {
  /** Cells on a side of the resampled window. */
  readonly cells: number;
  readonly #corners: Float64Array;
  readonly #xi: Int32Array;
  readonly #xf: Float64Array;
  readonly #yi: Int32Array;
  readonly #yf: Float64Array;
  readonly #cells: Float32Array;
  readonly #t: Float64Array;
  readonly #matrix: Float64Array;
  readonly #dct = new Float32Array(K * K);
  readonly #aux = new Float32Array(K * K);

  /**
   * `cells` is 64 (PDQ's own grid) or 32. At 32 the DCT costs a quarter and the 16 lowest
   * frequencies (up to 8 cycles a window) are still well under the grid's limit of 16, so the
   * bits hardly change (see docs/ROBUSTNESS.md).
   */
  constructor(cells: 32 | 64 = 32) {
    const N = (this.cells = cells);
    this.#corners = new Float64Array((N + 1) * (N + 1));
    this.#xi = new Int32Array(N + 1);
    this.#xf = new Float64Array(N + 1);
    this.#yi = new Int32Array(N + 1);
    this.#yf = new Float64Array(N + 1);
    this.#cells = new Float32Array(N * N);
    this.#t = new Float64Array(K * N);
    this.#matrix = dctMatrix(N);
  }

  /** Resamples the window and leaves its DCT in place; returns the PDQ quality (0..100). */
  load(plane: LumaPlane, rect: Rect): number {
    const N = this.cells;
    sampleCorners(plane, rect, N, this.#xi, this.#xf, this.#yi, this.#yf, this.#corners);
    const corners = this.#corners;
    const area = ((rect.x1 - rect.x0) / N) * ((rect.y1 - rect.y0) / N);
    const cells = this.#cells;
    for (let i = 0; i < N; i++) {
      const top = i * (N + 1);
      const bottom = top + N + 1;
      for (let j = 0; j < N; j++) {
        const sum =
          corners[bottom + j + 1]! -
          corners[bottom + j]! -
          corners[top + j + 1]! +
          corners[top + j]!;
        cells[i * N + j] = sum / area;
      }
    }
    dct16(cells, N, this.#matrix, this.#t, this.#dct);
    return N === 64 ? pdqQuality(cells) : gradientQuality(cells, N);
  }

  /** All eight orientations of the loaded window's hash. */
  hashes(): Record<DihedralName, PdqHash> {
    return dihedralHashesOfDct(this.#dct, this.#aux);
  }

  /** The hash of the loaded window, or of one of its dihedral variants. */
  hash(variant: DihedralName = "original"): PdqHash {
    const source = variant === "original" ? this.#dct : this.#aux;
    if (variant !== "original") transformDct(variant, this.#dct, this.#aux);
    return bitsAboveMedian(source);
  }
}

/** D[i][j] = sqrt(2/n) · cos(π/(2n) · (i+1) · (2j+1)): PDQ's DCT rows for an n-point grid. */
function dctMatrix(n: number): Float64Array {
  if (n === 64) return Float64Array.from(DCT_MATRIX);
  const m = new Float64Array(K * n);
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < n; j++)
      m[i * n + j] = Math.sqrt(2 / n) * Math.cos((Math.PI / 2 / n) * (i + 1) * (2 * j + 1));
  }
  return m;
}

/**
 * PDQ's quality measure (significant neighbour gradients, 0..100) for an n×n grid: the same
 * per-pair rule, the sum scaled by 64/n so that a window scores about what it would at 64×64
 * (cells twice as wide see gradients twice as large, over a quarter as many pairs).
 */
function gradientQuality(cells: Float32Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = cells[i * n + j]!;
      if (i + 1 < n) sum += Math.abs(Math.trunc(((v - cells[(i + 1) * n + j]!) * 100) / 255));
      if (j + 1 < n) sum += Math.abs(Math.trunc(((v - cells[i * n + j + 1]!) * 100) / 255));
    }
  }
  return Math.min(100, Math.trunc((sum * 64) / n / 90));
}

/**
 * The 16×16 low frequencies of the n×n DCT-II, in float64 (no float32 rounding needed here).
 * Row i of the DCT matrix is symmetric about its middle for odd i and antisymmetric for even i
 * (d[i][n−1−k] = (−1)^(i+1)·d[i][k]), so each product folds the input's two halves first — sums
 * for odd rows, differences for even ones — and multiplies over half the length.
 */
export function dct16(
  a: Float32Array,
  N: number,
  d: Float64Array,
  t: Float64Array,
  out: Float32Array,
): void {
  const half = N >> 1;
  const fold = FOLD.length >= N * N ? FOLD : (FOLD = new Float64Array(N * N));
  // fold[k][j] = a[k][j] + a[N−1−k][j] (first half of rows), a[k][j] − a[N−1−k][j] (second half).
  for (let k = 0; k < half; k++) {
    const top = k * N;
    const bottom = (N - 1 - k) * N;
    const sum = k * N;
    const diff = (half + k) * N;
    for (let j = 0; j < N; j++) {
      fold[sum + j] = a[top + j]! + a[bottom + j]!;
      fold[diff + j] = a[top + j]! - a[bottom + j]!;
    }
  }
  for (let i = 0; i < K; i++) {
    const tRow = i * N;
    t.fill(0, tRow, tRow + N);
    const base = (i & 1) === 1 ? 0 : half * N;
    for (let k = 0; k < half; k++) {
      const dik = d[i * N + k]!;
      const f = base + k * N;
      for (let j = 0; j < N; j++) t[tRow + j] = t[tRow + j]! + dik * fold[f + j]!;
    }
  }
  for (let i = 0; i < K; i++) {
    const tRow = i * N;
    for (let j = 0; j < K; j++) {
      const dRow = j * N;
      let sum = 0;
      if ((j & 1) === 1)
        for (let k = 0; k < half; k++) sum += (t[tRow + k]! + t[tRow + N - 1 - k]!) * d[dRow + k]!;
      else
        for (let k = 0; k < half; k++) sum += (t[tRow + k]! - t[tRow + N - 1 - k]!) * d[dRow + k]!;
      out[i * K + j] = sum;
    }
  }
}

let FOLD = new Float64Array(64 * 64);

function bitsAboveMedian(dct: Float32Array): PdqHash {
  const median = torbenMedian(dct, K * K);
  const hash = emptyPdqHash();
  for (let i = 0; i < K; i++) {
    let word = 0;
    for (let j = 0; j < K; j++) if (dct[i * K + j]! > median) word |= 1 << j;
    hash[i] = word;
  }
  return hash;
}

/**
 * The summed-area table at the 65×65 cell corners of a window, bilinear between table entries
 * (exact for a picture made of constant pixels). Rows and columns of the grid share their
 * positions, so each is located once; the window may reach past the plane (it is clamped).
 */
function sampleCorners(
  plane: LumaPlane,
  rect: Rect,
  N: number,
  xi: Int32Array,
  xf: Float64Array,
  yi: Int32Array,
  yf: Float64Array,
  out: Float64Array,
): void {
  const { width, height, sat } = plane;
  locate(rect.x0, (rect.x1 - rect.x0) / N, N, width, xi, xf);
  locate(rect.y0, (rect.y1 - rect.y0) / N, N, height, yi, yf);
  const w1 = width + 1;
  for (let i = 0, k = 0; i <= N; i++) {
    const fy = yf[i]!;
    const r0 = yi[i]! * w1;
    const r1 = r0 + w1;
    for (let j = 0; j <= N; j++, k++) {
      const fx = xf[j]!;
      const c = xi[j]!;
      const top = sat[r0 + c]! + (sat[r0 + c + 1]! - sat[r0 + c]!) * fx;
      const bottom = sat[r1 + c]! + (sat[r1 + c + 1]! - sat[r1 + c]!) * fx;
      out[k] = top + (bottom - top) * fy;
    }
  }
}

function locate(
  start: number,
  step: number,
  N: number,
  size: number,
  index: Int32Array,
  frac: Float64Array,
): void {
  for (let j = 0; j <= N; j++) {
    const v = start + j * step;
    const c = v <= 0 ? 0 : v >= size ? size : v;
    const i = Math.min(Math.floor(c), size - 1);
    index[j] = i;
    frac[j] = c - i;
  }
}
