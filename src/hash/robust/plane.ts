import { fillLuma } from "../luma.js";
import { assertPixels, type Pixels } from "../pixels.js";

/**
 * A luma plane with its summed-area table: the one representation every robust-hash step reads.
 * Box sums over any rectangle cost four reads, so a window of any size and position is resampled
 * to 64×64 in O(4096), independent of the window's size — that is what makes dozens of region
 * hashes per picture affordable.
 */
export interface LumaPlane {
  readonly width: number;
  readonly height: number;
  readonly luma: Float32Array;
  /** (width+1) × (height+1), row-major; sat[y·(w+1)+x] = sum of luma over [0,x) × [0,y). */
  readonly sat: Float64Array;
}

/**
 * Storage for one plane, reused from picture to picture. Why: a fresh 2 MB typed array costs
 * about 10 ms here (the pages are zeroed and faulted in), more than everything computed in it.
 * A plane returned by `fill`/`resample` is valid until the next call on the same buffer.
 */
export class PlaneBuffer {
  #luma = new Float32Array(0);
  #sat = new Float64Array(0);

  /** The luma plane of 8-bit pixels (the reference's BT.601 luma). */
  fill(pixels: Pixels): LumaPlane {
    assertPixels(pixels);
    const { width, height } = pixels;
    this.#reserve(width, height);
    fillLuma(pixels, this.#luma);
    return this.#finish(width, height);
  }

  /**
   * The luma of `rect` of a picture, shrunk so that its longer side is at most `maxSide`, each
   * plane pixel the average over a `step`×`step` grid of samples spread over its footprint.
   * Why not the 512×512 nearest-neighbour pre-scale: it picks one pixel in three of a 1600-wide
   * photo, and which one changes when the photo is cropped; the aliasing that follows moves
   * blobs and window hashes between an original and its crop. Averaging samples spread over the
   * footprint removes most of it at a fraction of the cost of reading every pixel.
   */
  fillAveraged(pixels: Pixels, rect: UnitBox, maxSide: number, step: number): LumaPlane {
    assertPixels(pixels);
    const { data, width: pw, channels } = pixels;
    const w = rect.x1 - rect.x0;
    const h = rect.y1 - rect.y0;
    const scale = Math.min(1, maxSide / Math.max(w, h));
    const width = Math.max(1, Math.round(w * scale));
    const height = Math.max(1, Math.round(h * scale));
    this.#reserve(width, height);
    const luma = this.#luma;
    const fx = w / width;
    const fy = h / height;
    const n = Math.max(1, Math.min(step, Math.floor(Math.min(fx, fy))));
    const offsets = new Int32Array(width * n);
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < n; k++)
        offsets[x * n + k] = (rect.x0 + Math.floor((x + (k + 0.5) / n) * fx)) * channels;
    }
    const grey = channels <= 2;
    for (let y = 0; y < height; y++) {
      let o = y * width;
      for (let x = 0; x < width; x++, o++) luma[o] = 0;
      for (let j = 0; j < n; j++) {
        const row = (rect.y0 + Math.floor((y + (j + 0.5) / n) * fy)) * pw * channels;
        o = y * width;
        for (let x = 0; x < width; x++, o++) {
          let sum = 0;
          for (let k = 0; k < n; k++) {
            const p = row + offsets[x * n + k]!;
            sum += grey ? data[p]! : 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]!;
          }
          luma[o] = luma[o]! + sum;
        }
      }
      o = y * width;
      for (let x = 0; x < width; x++, o++) luma[o] = luma[o]! / (n * n);
    }
    return this.#finish(width, height);
  }

  /**
   * A `width` × `height` plane resampled (box averages) from the rectangle `unit` of `source`,
   * in normalised coordinates. The bank side uses it to simulate crops without decoding again.
   */
  resample(source: LumaPlane, unit: UnitBox, width: number, height: number): LumaPlane {
    this.#reserve(width, height);
    const luma = this.#luma;
    const x0 = unit.x0 * source.width;
    const y0 = unit.y0 * source.height;
    const sx = ((unit.x1 - unit.x0) * source.width) / width;
    const sy = ((unit.y1 - unit.y0) * source.height) / height;
    const top = new Float64Array(width + 1);
    const bottom = new Float64Array(width + 1);
    for (let j = 0; j <= width; j++) top[j] = satAt(source, x0 + j * sx, y0);
    for (let i = 0; i < height; i++) {
      for (let j = 0; j <= width; j++) bottom[j] = satAt(source, x0 + j * sx, y0 + (i + 1) * sy);
      for (let j = 0; j < width; j++) {
        luma[i * width + j] = (bottom[j + 1]! - bottom[j]! - top[j + 1]! + top[j]!) / (sx * sy);
      }
      top.set(bottom);
    }
    return this.#finish(width, height);
  }

  #reserve(width: number, height: number): void {
    if (this.#luma.length < width * height) this.#luma = new Float32Array(width * height);
    if (this.#sat.length < (width + 1) * (height + 1))
      this.#sat = new Float64Array((width + 1) * (height + 1));
  }

  #finish(width: number, height: number): LumaPlane {
    const luma = this.#luma;
    const sat = this.#sat;
    const w1 = width + 1;
    sat.fill(0, 0, w1);
    for (let y = 0; y < height; y++) {
      let row = 0;
      const o = (y + 1) * w1;
      const p = y * w1;
      sat[o] = 0;
      for (let x = 0; x < width; x++) {
        row += luma[y * width + x]!;
        sat[o + x + 1] = sat[p + x + 1]! + row;
      }
    }
    return {
      width,
      height,
      luma: luma.subarray(0, width * height),
      sat: sat.subarray(0, w1 * (height + 1)),
    };
  }
}

export interface UnitBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** A one-off plane (tests, tools); hot paths keep a PlaneBuffer. */
export function lumaPlane(pixels: Pixels): LumaPlane {
  return new PlaneBuffer().fill(pixels);
}

/**
 * Sum of luma over [0,x) × [0,y) for real x, y (pixel units), bilinear between table entries —
 * exact for a picture of constant pixels — so a window that moves by a fraction of a pixel
 * changes its sums smoothly. Coordinates outside the plane are clamped.
 */
export function satAt(plane: LumaPlane, x: number, y: number): number {
  const { width, height, sat } = plane;
  const cx = x <= 0 ? 0 : x >= width ? width : x;
  const cy = y <= 0 ? 0 : y >= height ? height : y;
  const x0 = Math.min(Math.floor(cx), width - 1);
  const y0 = Math.min(Math.floor(cy), height - 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const w1 = width + 1;
  const i = y0 * w1 + x0;
  const top = sat[i]! + (sat[i + 1]! - sat[i]!) * fx;
  const bottom = sat[i + w1]! + (sat[i + w1 + 1]! - sat[i + w1]!) * fx;
  return top + (bottom - top) * fy;
}
