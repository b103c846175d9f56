import { assertPixels, type Pixels } from "./pixels.js";

/**
 * The reference command-line hasher shrinks any image over 512 pixels on a side to exactly
 * 512×512 by nearest neighbour before hashing (the tent filter is too slow on big images). To
 * print the same hashes as it, and as the many systems fed by it, we take the same step.
 */
export const REFERENCE_MAX_SIDE = 512;

/**
 * Returns `pixels` unchanged when both sides are at most 512, otherwise a 512×512 copy sampled by
 * nearest neighbour: output column x takes input column ⌊x·width/512⌋ (integer arithmetic, as
 * CImg's resize does), and likewise for rows. The aspect ratio is not kept, on purpose.
 */
export function referencePreScale(pixels: Pixels): Pixels {
  assertPixels(pixels);
  const { data, width, height, channels } = pixels;
  if (width <= REFERENCE_MAX_SIDE && height <= REFERENCE_MAX_SIDE) return pixels;
  const side = REFERENCE_MAX_SIDE;
  const out = new Uint8Array(side * side * channels);
  const sourceColumn = new Uint32Array(side);
  for (let x = 0; x < side; x++) sourceColumn[x] = Math.floor((x * width) / side) * channels;
  let o = 0;
  for (let y = 0; y < side; y++) {
    const rowStart = Math.floor((y * height) / side) * width * channels;
    for (let x = 0; x < side; x++) {
      const p = rowStart + sourceColumn[x]!;
      for (let c = 0; c < channels; c++) out[o++] = data[p + c]!;
    }
  }
  return { data: out, width: side, height: side, channels };
}
