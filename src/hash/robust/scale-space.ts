import { satAt, type LumaPlane } from "./plane.js";

/** A blob found in scale space, in normalised coordinates of the plane (0..1 on each axis). */
export interface Keypoint {
  readonly x: number;
  readonly y: number;
  /** Blob scale (σ) as a share of the grid's longer side. */
  readonly scale: number;
  /** Scale-normalised DoG response; negative for a bright blob, positive for a dark one. */
  readonly response: number;
}

export interface BlobOptions {
  readonly octaves: number;
  readonly intervals: number;
  readonly sigma0: number;
  /** Rejects edges: largest ratio of the two principal curvatures. */
  readonly edgeRatio: number;
  /** Smallest |DoG| kept, as a share of the grid's standard deviation. */
  readonly minContrast: number;
}

export const DEFAULT_BLOB_OPTIONS: BlobOptions = {
  octaves: 4,
  intervals: 3,
  sigma0: 1.6,
  edgeRatio: 10,
  minContrast: 0.02,
};

/**
 * Difference-of-Gaussian blobs (SIFT's detector, coarse) on a small isotropic grid of the luma:
 * positions follow the content under crops, shifts and rescaling, so a bank picture and an edited
 * copy find the same blobs. Positions are refined below the cell by a quadratic fit, because the
 * windows built on them need about 1 % of their size in alignment.
 *
 * Keeps its buffers between pictures (see PlaneBuffer for why); not re-entrant.
 */
export class BlobDetector {
  #grid = new Float32Array(0);
  #tmp = new Float32Array(0);
  #gauss: Float32Array[] = [];
  #dog: Float32Array[] = [];
  readonly #options: BlobOptions;

  constructor(options: Partial<BlobOptions> = {}) {
    this.#options = { ...DEFAULT_BLOB_OPTIONS, ...options };
  }

  /** Blobs of `plane` (whose picture has the true aspect ratio `aspect`), strongest first. */
  detect(plane: LumaPlane, aspect: number, side: number): Keypoint[] {
    const width = aspect >= 1 ? side : Math.max(8, Math.round(side * aspect));
    const height = aspect >= 1 ? Math.max(8, Math.round(side / aspect)) : side;
    this.#reserve(width * height);
    const grid = this.#grid;
    resampleGrid(plane, width, height, grid);
    return this.#blobs(width, height);
  }

  #reserve(n: number): void {
    if (this.#grid.length >= n) return;
    const o = this.#options;
    this.#grid = new Float32Array(n);
    this.#tmp = new Float32Array(n);
    this.#gauss = Array.from({ length: o.intervals + 3 }, () => new Float32Array(n));
    this.#dog = Array.from({ length: o.intervals + 2 }, () => new Float32Array(n));
  }

  #blobs(gridWidth: number, gridHeight: number): Keypoint[] {
    const o = this.#options;
    const n0 = gridWidth * gridHeight;
    const grid = this.#grid;
    // Contrast threshold relative to the picture's own spread, so brightness and contrast edits
    // do not change which blobs are kept.
    let mean = 0;
    for (let p = 0; p < n0; p++) mean += grid[p]!;
    mean /= n0;
    let variance = 0;
    for (let p = 0; p < n0; p++) variance += (grid[p]! - mean) ** 2;
    const minContrast = o.minContrast * (Math.sqrt(variance / n0) || 1);
    const k = 2 ** (1 / o.intervals);
    const longer = Math.max(gridWidth, gridHeight);
    const out: Keypoint[] = [];
    const gauss = this.#gauss;
    const dog = this.#dog;
    // The grid is taken as already blurred by 0.5 (box cells); bring it to sigma0.
    blur(grid, gridWidth, gridHeight, Math.sqrt(o.sigma0 * o.sigma0 - 0.25), this.#tmp, gauss[0]!);
    let w = gridWidth;
    let h = gridHeight;
    let factor = 1;
    for (let octave = 0; octave < o.octaves && Math.min(w, h) >= 8; octave++) {
      const n = w * h;
      for (let i = 1; i < gauss.length; i++) {
        const sigma = o.sigma0 * k ** (i - 1) * Math.sqrt(k * k - 1);
        blur(gauss[i - 1]!, w, h, sigma, this.#tmp, gauss[i]!);
      }
      for (let i = 0; i < dog.length; i++) {
        const a = gauss[i]!;
        const b = gauss[i + 1]!;
        const d = dog[i]!;
        for (let p = 0; p < n; p++) d[p] = b[p]! - a[p]!;
      }
      for (let s = 1; s + 1 < dog.length; s++) {
        findExtrema(
          dog[s - 1]!,
          dog[s]!,
          dog[s + 1]!,
          w,
          h,
          minContrast,
          o.edgeRatio,
          (x, y, ds, response) => {
            const sigma = o.sigma0 * k ** (s + ds) * factor;
            out.push({
              x: (x * factor + 0.5) / gridWidth,
              y: (y * factor + 0.5) / gridHeight,
              scale: sigma / longer,
              response,
            });
          },
        );
      }
      // The next octave starts from the image at twice sigma0, halved.
      const src = gauss[o.intervals]!;
      const w2 = w >> 1;
      const h2 = h >> 1;
      const first = gauss[0]!;
      for (let y = 0; y < h2; y++)
        for (let x = 0; x < w2; x++) first[y * w2 + x] = src[2 * y * w + 2 * x]!;
      w = w2;
      h = h2;
      factor *= 2;
    }
    return out.sort((a, b) => Math.abs(b.response) - Math.abs(a.response));
  }
}

/** Box averages of `plane` over a width × height grid (square cells in the picture's own units). */
function resampleGrid(plane: LumaPlane, width: number, height: number, out: Float32Array): void {
  const sx = plane.width / width;
  const sy = plane.height / height;
  const area = sx * sy;
  const top = new Float64Array(width + 1);
  const bottom = new Float64Array(width + 1);
  for (let j = 0; j <= width; j++) top[j] = satAt(plane, j * sx, 0);
  for (let i = 0; i < height; i++) {
    for (let j = 0; j <= width; j++) bottom[j] = satAt(plane, j * sx, (i + 1) * sy);
    for (let j = 0; j < width; j++)
      out[i * width + j] = (bottom[j + 1]! - bottom[j]! - top[j + 1]! + top[j]!) / area;
    top.set(bottom);
  }
}

/**
 * Calls `found` for each 3×3×3 extremum of the middle DoG layer that passes the contrast and
 * edge tests, at its sub-cell position: the offset that zeroes the gradient of a quadratic fit
 * in x, y and scale (the full 3×3 Hessian, cross terms included, as in SIFT). Offsets beyond
 * half a cell mean the extremum lies nearer a neighbouring sample; the fit is then clamped.
 */
function findExtrema(
  d0: Float32Array,
  d1: Float32Array,
  d2: Float32Array,
  w: number,
  h: number,
  minContrast: number,
  edgeRatio: number,
  found: (x: number, y: number, ds: number, response: number) => void,
): void {
  const edgeLimit = (edgeRatio + 1) ** 2 / edgeRatio;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const p = y * w + x;
      const v = d1[p]!;
      if (Math.abs(v) < minContrast || !isExtremum(v, p, w, d0, d1, d2)) continue;
      const dxx = d1[p + 1]! + d1[p - 1]! - 2 * v;
      const dyy = d1[p + w]! + d1[p - w]! - 2 * v;
      const dxy = (d1[p + w + 1]! - d1[p + w - 1]! - d1[p - w + 1]! + d1[p - w - 1]!) / 4;
      const trace = dxx + dyy;
      const det = dxx * dyy - dxy * dxy;
      if (det <= 0 || (trace * trace) / det >= edgeLimit) continue;
      const dx = (d1[p + 1]! - d1[p - 1]!) / 2;
      const dy = (d1[p + w]! - d1[p - w]!) / 2;
      const ds = (d2[p]! - d0[p]!) / 2;
      const dss = d2[p]! + d0[p]! - 2 * v;
      const dxs = (d2[p + 1]! - d2[p - 1]! - d0[p + 1]! + d0[p - 1]!) / 4;
      const dys = (d2[p + w]! - d2[p - w]! - d0[p + w]! + d0[p - w]!) / 4;
      const offset = solve3(dxx, dxy, dxs, dyy, dys, dss, -dx, -dy, -ds);
      const ox = clamp(offset[0]);
      const oy = clamp(offset[1]);
      const os = clamp(offset[2]);
      found(x + ox, y + oy, os, v + 0.5 * (dx * ox + dy * oy + ds * os));
    }
  }
}

const solution: [number, number, number] = [0, 0, 0];

/** Solves the symmetric 3×3 system [a b c; b d e; c e f]·x = (g, h, i) (Cramer); zeros if singular. */
function solve3(
  a: number,
  b: number,
  c: number,
  d: number,
  e: number,
  f: number,
  g: number,
  h: number,
  i: number,
): [number, number, number] {
  const det = a * (d * f - e * e) - b * (b * f - c * e) + c * (b * e - c * d);
  if (Math.abs(det) < 1e-12) {
    solution[0] = solution[1] = solution[2] = 0;
    return solution;
  }
  solution[0] = (g * (d * f - e * e) - b * (h * f - e * i) + c * (h * e - d * i)) / det;
  solution[1] = (a * (h * f - e * i) - g * (b * f - c * e) + c * (b * i - c * h)) / det;
  solution[2] = (a * (d * i - h * e) - b * (b * i - c * h) + g * (b * e - c * d)) / det;
  return solution;
}

const clamp = (v: number): number => (v > 0.6 ? 0.6 : v < -0.6 ? -0.6 : v);

function isExtremum(
  v: number,
  p: number,
  w: number,
  d0: Float32Array,
  d1: Float32Array,
  d2: Float32Array,
): boolean {
  for (let dy = -w; dy <= w; dy += w) {
    for (let dx = -1; dx <= 1; dx++) {
      const q = p + dy + dx;
      if (v > 0) {
        if (d0[q]! >= v || d2[q]! >= v || (q !== p && d1[q]! >= v)) return false;
      } else if (d0[q]! <= v || d2[q]! <= v || (q !== p && d1[q]! <= v)) return false;
    }
  }
  return true;
}

const kernels = new Map<number, Float32Array>();

/** Normalised Gaussian taps for `sigma`, radius ⌈3σ⌉, built once per sigma. */
function gaussianKernel(sigma: number): Float32Array {
  let kernel = kernels.get(sigma);
  if (kernel) return kernel;
  const radius = Math.max(1, Math.ceil(sigma * 3));
  kernel = new Float32Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++)
    sum += kernel[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < kernel.length; i++) kernel[i]! /= sum;
  kernels.set(sigma, kernel);
  return kernel;
}

/**
 * Separable Gaussian blur (w × h, edges clamped) of `input` into `output` through `tmp`. Both
 * passes walk memory in order: the horizontal one along each row, the vertical one by adding
 * whole rows (scaled by a tap) into the output row, rather than striding down columns. This is
 * most of the detector's time, which is most of a query's.
 */
export function blur(
  input: Float32Array,
  w: number,
  h: number,
  sigma: number,
  tmp: Float32Array,
  output: Float32Array,
): void {
  const kernel = gaussianKernel(sigma);
  const radius = (kernel.length - 1) >> 1;
  const c0 = kernel[radius]!;
  // The kernel is symmetric: each tap weighs the two samples at ±k at once.
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const p = row + x;
      let acc = c0 * input[p]!;
      if (x >= radius && x + radius < w) {
        for (let k = 1; k <= radius; k++)
          acc += kernel[radius + k]! * (input[p - k]! + input[p + k]!);
      } else {
        for (let k = 1; k <= radius; k++) {
          const l = x - k < 0 ? 0 : x - k;
          const r = x + k >= w ? w - 1 : x + k;
          acc += kernel[radius + k]! * (input[row + l]! + input[row + r]!);
        }
      }
      tmp[p] = acc;
    }
  }
  for (let y = 0; y < h; y++) {
    const out = y * w;
    for (let x = 0; x < w; x++) output[out + x] = c0 * tmp[out + x]!;
    for (let k = 1; k <= radius; k++) {
      const up = (y - k < 0 ? 0 : y - k) * w;
      const down = (y + k >= h ? h - 1 : y + k) * w;
      const c = kernel[radius + k]!;
      for (let x = 0; x < w; x++)
        output[out + x] = output[out + x]! + c * (tmp[up + x]! + tmp[down + x]!);
    }
  }
}
