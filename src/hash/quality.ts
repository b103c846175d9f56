import { PDQ_DOWNSAMPLE } from "./jarosz.js";

/**
 * PDQ's image-domain quality: the sum of significant gradients between neighbouring cells of the
 * 64×64 downsample, scaled to 0..100. Flat or nearly blank images score low and their hashes are
 * unreliable; callers usually ignore matches under 50. Integer truncation follows the reference.
 */
export function pdqQuality(buffer64: Float32Array): number {
  const n = PDQ_DOWNSAMPLE;
  const fround = Math.fround;
  let gradientSum = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = 0; j < n; j++) {
      const diff = fround(buffer64[i * n + j]! - buffer64[(i + 1) * n + j]!);
      gradientSum += Math.abs(Math.trunc(fround(fround(diff * 100) / 255)));
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n - 1; j++) {
      const diff = fround(buffer64[i * n + j]! - buffer64[i * n + j + 1]!);
      gradientSum += Math.abs(Math.trunc(fround(fround(diff * 100) / 255)));
    }
  }
  return Math.min(100, Math.trunc(gradientSum / 90));
}
