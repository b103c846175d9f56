import { REFERENCE_MAX_SIDE } from "../resize.js";
import type { Pixels } from "../pixels.js";
import type { PixelRect } from "./trim.js";

/**
 * `referencePreScale` of a rectangle of a picture, without copying the rectangle out first: the
 * same nearest-neighbour rule (column x of the output takes column ⌊x·w/512⌋ of the rectangle),
 * so the trimmed content hashes exactly as the same content saved alone would.
 */
export function preScaleRect(pixels: Pixels, rect: PixelRect): Pixels {
  const { data, width, channels } = pixels;
  const w = rect.x1 - rect.x0;
  const h = rect.y1 - rect.y0;
  const ow = w > REFERENCE_MAX_SIDE || h > REFERENCE_MAX_SIDE ? REFERENCE_MAX_SIDE : w;
  const oh = w > REFERENCE_MAX_SIDE || h > REFERENCE_MAX_SIDE ? REFERENCE_MAX_SIDE : h;
  const out = new Uint8Array(ow * oh * channels);
  const column = new Uint32Array(ow);
  for (let x = 0; x < ow; x++) column[x] = (rect.x0 + Math.floor((x * w) / ow)) * channels;
  let o = 0;
  for (let y = 0; y < oh; y++) {
    const row = (rect.y0 + Math.floor((y * h) / oh)) * width * channels;
    for (let x = 0; x < ow; x++) {
      const p = row + column[x]!;
      for (let c = 0; c < channels; c++) out[o++] = data[p + c]!;
    }
  }
  return { data: out, width: ow, height: oh, channels };
}
