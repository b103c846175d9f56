import sharp from "sharp";
import type { Pixels } from "../../src/hash/index.js";

/**
 * Generated test pictures: soft overlapping blobs on a gradient, so PDQ sees photo-like structure
 * (smooth areas and a few edges) and quality is high. `seed` moves and recolours the blobs, so
 * two seeds are two different pictures; the picture is defined in relative coordinates, so two
 * sizes of one seed are the same picture re-scaled.
 */
export function scenePixels(width: number, height: number, seed = 1, channels: 3 | 4 = 3): Pixels {
  const data = new Uint8Array(width * height * channels);
  const blobs = Array.from({ length: 5 }, (_, i) => ({
    x: frac(seed * 0.618 + i * 0.37),
    y: frac(seed * 0.382 + i * 0.61),
    r: 0.12 + 0.1 * frac(seed * 0.7 + i * 0.29),
    colour: [
      frac(seed + i * 0.3) * 255,
      frac(seed * 1.7 + i * 0.5) * 255,
      frac(seed * 2.3 + i * 0.7) * 255,
    ],
  }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      // Fine texture, as photos have, so few DCT coefficients sit right at the median.
      const texture =
        24 * Math.sin(u * 53 + seed) * Math.sin(v * 41 + 2 * seed) + 16 * Math.sin((u + v) * 29);
      const rgb = [255 * u + texture, 255 * v + texture, 128 + texture];
      for (const blob of blobs) {
        const d = Math.hypot(u - blob.x, v - blob.y) / blob.r;
        const weight = d < 1 ? 1 - d * d : 0;
        for (let c = 0; c < 3; c++) rgb[c] = rgb[c]! * (1 - weight) + blob.colour[c]! * weight;
      }
      const p = (y * width + x) * channels;
      for (let c = 0; c < 3; c++) data[p + c] = Math.max(0, Math.min(255, Math.round(rgb[c]!)));
      if (channels === 4) data[p + 3] = (x * 7 + y * 3) % 256;
    }
  }
  return { data, width, height, channels };
}

function frac(x: number): number {
  return x - Math.floor(x);
}

/** Encodes generated pixels as a file in the given format. */
export function encode(
  pixels: Pixels,
  format: "jpeg" | "png" | "webp" | "gif" | "tiff" | "avif",
  options: Record<string, unknown> = {},
): Promise<Buffer> {
  const image = sharp(pixels.data, {
    raw: { width: pixels.width, height: pixels.height, channels: pixels.channels },
  });
  return image.toFormat(format, options).toBuffer();
}
