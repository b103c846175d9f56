import {
  ascii,
  startsWith,
  uint32le,
  utf8Text,
  type MetadataBlock,
  type WalkResult,
} from "./provenance-blocks.js";
import { isC2paJumbf } from "./provenance-jumbf.js";
import type { ProvenanceLimits } from "./provenance-limits.js";

/**
 * Walks a WebP's RIFF chunks (FourCC, little-endian size, data padded to an even length):
 * `EXIF`, `XMP ` and `C2PA` hold the metadata. exifr does not read WebP, hence this reader.
 */
export function walkWebp(bytes: Uint8Array, limits: ProvenanceLimits): WalkResult {
  const blocks: MetadataBlock[] = [];
  let at = 12;
  for (let count = 0; count < limits.maxBlocks; count++) {
    if (at === bytes.length) return { blocks, truncated: false };
    if (at + 8 > bytes.length) return { blocks, truncated: true };
    const type = ascii(bytes, at, at + 4);
    const size = uint32le(bytes, at + 4);
    const end = at + 8 + size;
    if (end > bytes.length) return { blocks, truncated: true };
    const block = chunkBlock(type, bytes.subarray(at + 8, end), limits);
    if (block !== undefined) blocks.push(block);
    at = end + (size % 2);
  }
  return { blocks, truncated: true };
}

function chunkBlock(
  type: string,
  data: Uint8Array,
  limits: ProvenanceLimits,
): MetadataBlock | undefined {
  if (type === "EXIF") {
    // Some writers keep JPEG's "Exif\0\0" prefix in front of the TIFF header.
    return { kind: "exif", tiff: startsWith(data, 0, "Exif\0\0") ? data.subarray(6) : data };
  }
  if (type === "XMP ") {
    return data.length > limits.maxXmpBytes ? undefined : { kind: "xmp", text: utf8Text(data) };
  }
  if (type === "C2PA" && isC2paJumbf(data)) return { kind: "c2pa", container: "webp_c2pa" };
  return undefined;
}
