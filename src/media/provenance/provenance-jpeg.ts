import {
  startsWith,
  uint32be,
  utf8Text,
  type MetadataBlock,
  type WalkResult,
} from "./provenance-blocks.js";
import { isC2paJumbf } from "./provenance-jumbf.js";
import type { ProvenanceLimits } from "./provenance-limits.js";

const APP1 = 0xe1;
const APP11 = 0xeb;
const START_OF_SCAN = 0xda;
const END_OF_IMAGE = 0xd9;
const EXIF_HEADER = "Exif\0\0";
const XMP_HEADER = "http://ns.adobe.com/xap/1.0/\0";

/**
 * Walks a JPEG's marker segments up to the start of the scan: metadata (APP1 EXIF and XMP,
 * APP11 JUMBF) always comes before the image data, so the compressed pixels are never read.
 */
export function walkJpeg(bytes: Uint8Array, limits: ProvenanceLimits): WalkResult {
  const blocks: MetadataBlock[] = [];
  let at = 2;
  for (let count = 0; count < limits.maxBlocks; count++) {
    if (bytes[at] !== 0xff) return { blocks, truncated: true };
    // Any number of 0xFF fill bytes may precede a marker.
    while (bytes[at + 1] === 0xff) at++;
    const marker = bytes[at + 1];
    if (marker === undefined) return { blocks, truncated: true };
    if (marker === START_OF_SCAN || marker === END_OF_IMAGE) return { blocks, truncated: false };
    // RSTn and TEM stand alone, without a length.
    if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    if (at + 4 > bytes.length) return { blocks, truncated: true };
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) return { blocks, truncated: true };
    const block = segmentBlock(marker, bytes.subarray(at + 4, end), limits);
    if (block !== undefined) blocks.push(block);
    at = end;
  }
  return { blocks, truncated: true };
}

function segmentBlock(
  marker: number,
  data: Uint8Array,
  limits: ProvenanceLimits,
): MetadataBlock | undefined {
  if (marker === APP1 && startsWith(data, 0, EXIF_HEADER)) {
    return { kind: "exif", tiff: data.subarray(EXIF_HEADER.length) };
  }
  if (marker === APP1 && startsWith(data, 0, XMP_HEADER)) {
    const packet = data.subarray(XMP_HEADER.length);
    return packet.length > limits.maxXmpBytes ? undefined : { kind: "xmp", text: utf8Text(packet) };
  }
  if (marker === APP11 && isFirstJumbfSegment(data)) {
    return isC2paJumbf(data.subarray(8)) ? { kind: "c2pa", container: "jpeg_app11" } : undefined;
  }
  return undefined;
}

/**
 * APP11 per ISO/IEC 19566-5: "JP", a 2-byte box instance, a 4-byte sequence number (1 for the
 * first segment of a box), then the box. Later segments repeat only the box header, so only the
 * first one shows the description box that names C2PA.
 */
function isFirstJumbfSegment(data: Uint8Array): boolean {
  return startsWith(data, 0, "JP") && data.length >= 8 && uint32be(data, 4) === 1;
}
