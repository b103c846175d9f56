import { VigilError } from "../core/index.js";

/**
 * Decoded 8-bit pixels, row-major and interleaved. 1 = grey, 2 = grey + alpha, 3 = RGB,
 * 4 = RGBA. Alpha is ignored, as the reference hasher ignores it; a browser canvas's
 * `ImageData` (RGBA, Uint8ClampedArray) can be passed as it is.
 */
export interface Pixels {
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
  readonly channels: 1 | 2 | 3 | 4;
}

export function assertPixels(pixels: Pixels): void {
  const { data, width, height, channels } = pixels;
  const fail = (why: string): never => {
    throw new VigilError("hash/invalid-pixels", `Invalid pixel buffer: ${why}.`, {
      width,
      height,
      channels,
    });
  };
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    fail("data must be a Uint8Array or Uint8ClampedArray");
  }
  if (!Number.isSafeInteger(width) || width < 0) fail("width must be a non-negative integer");
  if (!Number.isSafeInteger(height) || height < 0) fail("height must be a non-negative integer");
  if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4) {
    fail("channels must be 1, 2, 3 or 4");
  }
  if (data.length !== width * height * channels) {
    fail(
      `expected ${width * height * channels} bytes for ${width}×${height}×${channels}, got ${data.length}`,
    );
  }
}
