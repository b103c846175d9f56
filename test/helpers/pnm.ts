import type { Pixels } from "../../src/hash/index.js";

/**
 * Parses binary PBM (P4), PGM (P5) and PPM (P6), the formats ImageMagick writes for `pnm:-`. Samples wider
 * than a byte (maxval > 255) are narrowed to their low byte, which is what the reference hasher's
 * CImg<uint8_t> does when it stores them — so these are the very pixels the reference hashed.
 */
export function parsePnm(bytes: Uint8Array): Pixels {
  let offset = 0;
  const tokens: string[] = [];
  while (tokens.length < (isBitmapHeader(bytes) ? 3 : 4)) {
    while (offset < bytes.length && isSpace(bytes[offset]!)) offset++;
    if (bytes[offset] === 0x23) {
      while (offset < bytes.length && bytes[offset] !== 0x0a) offset++;
      continue;
    }
    const start = offset;
    while (offset < bytes.length && !isSpace(bytes[offset]!)) offset++;
    tokens.push(new TextDecoder().decode(bytes.subarray(start, offset)));
  }
  offset++; // the single white-space byte before the raster
  const [magic, w, h, max] = tokens;
  const width = Number(w);
  const height = Number(h);
  if (magic === "P4") return parseBitmap(bytes, offset, width, height);
  const channels = magic === "P5" ? 1 : magic === "P6" ? 3 : undefined;
  if (channels === undefined) throw new Error(`unsupported PNM type ${magic}`);
  const bytesPerSample = Number(max) > 255 ? 2 : 1;
  const samples = width * height * channels;
  const data = new Uint8Array(samples);
  for (let i = 0; i < samples; i++) {
    // Big-endian 16-bit samples: the low byte is the second one.
    data[i] = bytes[offset + i * bytesPerSample + bytesPerSample - 1]!;
  }
  return { data, width, height, channels };
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function isBitmapHeader(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x34;
}

/** P4: one bit a pixel, rows padded to a byte, 1 = black. */
function parseBitmap(bytes: Uint8Array, offset: number, width: number, height: number): Pixels {
  const data = new Uint8Array(width * height);
  const rowBytes = Math.ceil(width / 8);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const bit = (bytes[offset + y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
      data[y * width + x] = bit ? 0 : 255;
    }
  }
  return { data, width, height, channels: 1 };
}
