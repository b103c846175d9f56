import type { Pixels } from "./pixels.js";

// The reference's coefficients (ITU-R BT.601), as float32.
const LUMA_R = Math.fround(0.299);
const LUMA_G = Math.fround(0.587);
const LUMA_B = Math.fround(0.114);

/**
 * Fills `out` (width × height, row-major) with float32 luminance. Grey images take the grey value
 * itself, as the reference does for one-channel input; colour uses R, G, B and ignores alpha.
 * Each product and sum is rounded to float32 in the reference's order: (R·cR + G·cG) + B·cB.
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
    out[i] =
      fround(fround(LUMA_R * data[p]!) + fround(LUMA_G * data[p + 1]!)) +
      fround(LUMA_B * data[p + 2]!);
  }
}
