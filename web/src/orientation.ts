import type { Pixels } from "../../src/hash/index.js";

/**
 * EXIF orientation, undone. Browsers show (and decode, whatever `createImageBitmap` is asked) a
 * JPEG turned as its EXIF Orientation tag says; the server hashes the pixels as stored. Phone
 * photos carry the tag all the time, and a turned picture's PDQ is another hash, so the portal
 * reads the tag from the file and turns the decoded pixels back before hashing.
 */
export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** The Orientation tag of a JPEG's EXIF block; 1 (as stored) when there is none. */
export function jpegOrientation(bytes: Uint8Array): Orientation {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return 1;
    const marker = bytes[offset + 1]!;
    // Start of scan or end of image: the metadata segments are all before it.
    if (marker === 0xda || marker === 0xd9) return 1;
    const length = view.getUint16(offset + 2);
    if (marker === 0xe1 && isExif(bytes, offset + 4)) {
      return exifOrientation(view, offset + 10, offset + 2 + length);
    }
    offset += 2 + length;
  }
  return 1;
}

function isExif(bytes: Uint8Array, at: number): boolean {
  // "Exif\0\0"
  return (
    bytes[at] === 0x45 &&
    bytes[at + 1] === 0x78 &&
    bytes[at + 2] === 0x69 &&
    bytes[at + 3] === 0x66 &&
    bytes[at + 4] === 0 &&
    bytes[at + 5] === 0
  );
}

function exifOrientation(view: DataView, tiff: number, end: number): Orientation {
  if (tiff + 8 > end || end > view.byteLength) return 1;
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return 1;
  const little = order === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return 1;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (view.getUint16(entry, little) !== 0x0112) continue;
    const value = view.getUint16(entry + 8, little);
    return value >= 1 && value <= 8 ? (value as Orientation) : 1;
  }
  return 1;
}

/**
 * The stored pixels back from the pixels as shown: each stored pixel (x, y) is read from where
 * the orientation put it. Exact (a permutation of pixels), so the hash is the server's.
 */
export function undoOrientation(shown: Pixels, orientation: Orientation): Pixels {
  if (orientation === 1) return shown;
  const { data, channels } = shown;
  const swapped = orientation >= 5;
  const width = swapped ? shown.height : shown.width;
  const height = swapped ? shown.width : shown.height;
  const out = new Uint8ClampedArray(width * height * channels);
  let o = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [sx, sy] = shownAt(orientation, x, y, width, height);
      const p = (sy * shown.width + sx) * channels;
      for (let c = 0; c < channels; c++) out[o++] = data[p + c]!;
    }
  }
  return { data: out, width, height, channels };
}

/** Where stored pixel (x, y) of a width×height image appears once oriented. */
function shownAt(o: Orientation, x: number, y: number, w: number, h: number): [number, number] {
  switch (o) {
    case 1:
      return [x, y];
    case 2:
      return [w - 1 - x, y];
    case 3:
      return [w - 1 - x, h - 1 - y];
    case 4:
      return [x, h - 1 - y];
    case 5:
      return [y, x];
    case 6:
      return [h - 1 - y, x];
    case 7:
      return [h - 1 - y, w - 1 - x];
    case 8:
      return [y, w - 1 - x];
  }
}
