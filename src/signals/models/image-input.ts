import sharp from "sharp";
import type { Pixels } from "../../hash/index.js";
import { decodeImage, type DecodeOptions } from "../../media/index.js";

export interface RgbImage {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** Larger images are shrunk to this side for face detection; boxes are scaled back. */
export const FACE_INPUT_MAX_SIDE = 1024;

/**
 * Decodes untrusted bytes once, under the media part's limits (bytes, pixels, time): a bad file
 * is a `media/*` VigilError. The pixels never leave this thread and are dropped after the call.
 */
export async function decodeForModels(bytes: Uint8Array, options: DecodeOptions): Promise<Pixels> {
  return (await decodeImage(bytes, options)).pixels;
}

/** The nudity model's input: squashed (not cropped) to size×size, as nsfwjs itself resizes. */
export function nudityInput(pixels: Pixels, size: number): Promise<RgbImage> {
  return toRgb(pixels, size, size);
}

/** Face detection's input: the whole picture, at most FACE_INPUT_MAX_SIDE on its long side. */
export function faceInput(pixels: Pixels): Promise<RgbImage> {
  const scale = Math.min(1, FACE_INPUT_MAX_SIDE / Math.max(pixels.width, pixels.height));
  const width = Math.max(1, Math.round(pixels.width * scale));
  const height = Math.max(1, Math.round(pixels.height * scale));
  return toRgb(pixels, width, height);
}

async function toRgb(pixels: Pixels, width: number, height: number): Promise<RgbImage> {
  const { data, info } = await sharp(pixels.data, {
    raw: { width: pixels.width, height: pixels.height, channels: pixels.channels },
  })
    .resize(width, height, { fit: "fill", kernel: "lanczos3" })
    .removeAlpha()
    .toColourspace("srgb")
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rgb = new Uint8Array(data.buffer, data.byteOffset, data.length);
  return { data: info.channels === 3 ? rgb : expandGrey(rgb, info.channels), width, height };
}

/** Grey (1 channel) to RGB, in case libvips keeps a single band. */
function expandGrey(data: Uint8Array, channels: number): Uint8Array {
  const count = data.length / channels;
  const out = new Uint8Array(count * 3);
  for (let i = 0; i < count; i++) {
    const v = data[i * channels] ?? 0;
    out[i * 3] = v;
    out[i * 3 + 1] = v;
    out[i * 3 + 2] = v;
  }
  return out;
}
