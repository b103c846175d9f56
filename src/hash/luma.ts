import type { Pixels } from "./pixels.js";

// The reference's coefficients (ITU-R BT.601), as float32. Pre-multiplied per byte value so the
// per-pixel work is three table reads and two float adds, in the reference's order of operations.
const LUMA_R = lumaTable(0.299);
const LUMA_G = lumaTable(0.587);
const LUMA_B = lumaTable(0.114);

function lumaTable(coefficient: number): Float32Array {
  const c = Math.fround(coefficient);
  const table = new Float32Array(256);
  for (let v = 0; v < 256; v++) table[v] = c * v;
  return table;
}

/**
 * Fills `out` (width × height, row-major) with float32 luminance. Grey images take the grey value
 * itself, as the reference does for one-channel input; colour uses R, G, B and ignores alpha.
 */
export function fillLuma(pixels: Pixels, out: Float32Array): void {
  const { data, width, height, channels } = pixels;
  const n = width * height;
  if (channels <= 2) {
    for (let i = 0, p = 0; i < n; i++, p += channels) out[i] = data[p]!;
    return;
  }
  const fround = Math.fround;
  for (let i = 0, p = 0; i < n; i++, p += channels) {
    out[i] = fround(LUMA_R[data[p]!]! + LUMA_G[data[p + 1]!]!) + LUMA_B[data[p + 2]!]!;
  }
}
