import { REFERENCE_MAX_SIDE } from "../resize.js";
import type { Pixels } from "../pixels.js";
import type { PixelRect } from "./trim.js";

/**
 * `referencePreScale` of a rectangle of a picture (all of it, or the trimmed content), into a
 * buffer kept between pictures: the same nearest-neighbour rule (output column x takes column
 * ⌊x·w/512⌋ of the rectangle), so the trimmed content hashes exactly as the same content saved
 * alone would, and the whole picture exactly as `referencePreScale` gives it. Why a kept buffer:
 * a fresh 0.8 MB array costs more (zeroing, page faults) than filling it. The result is valid
 * until the next call.
 */
export class PreScaler {
  #out = new Uint8Array(0);

  scale(
    pixels: Pixels,
    rect: PixelRect = { x0: 0, y0: 0, x1: pixels.width, y1: pixels.height },
  ): Pixels {
    const { data, width, channels } = pixels;
    const w = rect.x1 - rect.x0;
    const h = rect.y1 - rect.y0;
    const big = w > REFERENCE_MAX_SIDE || h > REFERENCE_MAX_SIDE;
    const ow = big ? REFERENCE_MAX_SIDE : w;
    const oh = big ? REFERENCE_MAX_SIDE : h;
    if (this.#out.length < ow * oh * channels) this.#out = new Uint8Array(ow * oh * channels);
    const out = this.#out.subarray(0, ow * oh * channels);
    const column = new Uint32Array(ow);
    for (let x = 0; x < ow; x++) column[x] = (rect.x0 + Math.floor((x * w) / ow)) * channels;
    let o = 0;
    for (let y = 0; y < oh; y++) {
      const row = (rect.y0 + Math.floor((y * h) / oh)) * width * channels;
      if (channels === 3) {
        for (let x = 0; x < ow; x++, o += 3) {
          const p = row + column[x]!;
          out[o] = data[p]!;
          out[o + 1] = data[p + 1]!;
          out[o + 2] = data[p + 2]!;
        }
      } else {
        for (let x = 0; x < ow; x++) {
          const p = row + column[x]!;
          for (let c = 0; c < channels; c++) out[o++] = data[p + c]!;
        }
      }
    }
    return { data: out, width: ow, height: oh, channels };
  }
}
