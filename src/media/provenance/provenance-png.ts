import { inflateSync } from "node:zlib";
import {
  ascii,
  nulAt,
  uint32be,
  utf8Text,
  type MetadataBlock,
  type PngTextChunk,
  type WalkResult,
} from "./provenance-blocks.js";
import { isC2paJumbf } from "./provenance-jumbf.js";
import type { ProvenanceLimits } from "./provenance-limits.js";

const XMP_KEYWORD = "XML:com.adobe.xmp";
/** PNG's standard keywords for the program and the device that made the image. */
const VALUE_KEYWORDS: ReadonlySet<string> = new Set(["Software", "Source"]);
const TEXT_CHUNKS: ReadonlySet<string> = new Set(["tEXt", "zTXt", "iTXt"]);

/**
 * Walks a PNG's chunks (length, type, data, CRC) from the signature to IEND. CRCs are not
 * checked: a generator's chunk with a damaged CRC still says what made the image, and browsers
 * skip ancillary chunks they cannot use rather than refusing the file.
 */
export function walkPng(bytes: Uint8Array, limits: ProvenanceLimits): WalkResult {
  const blocks: MetadataBlock[] = [];
  let at = 8;
  for (let count = 0; count < limits.maxBlocks; count++) {
    if (at + 12 > bytes.length) return { blocks, truncated: true };
    const length = uint32be(bytes, at);
    const type = ascii(bytes, at + 4, at + 8);
    const start = at + 8;
    const end = start + length;
    // PNG caps chunk lengths at 2^31-1; anything past the file is a cut or a lie.
    if (length > 0x7fffffff || end + 4 > bytes.length) return { blocks, truncated: true };
    if (type === "IEND") return { blocks, truncated: false };
    const data = bytes.subarray(start, end);
    const block = chunkBlock(type, data, limits);
    if (block !== undefined) blocks.push(block);
    at = end + 4;
  }
  return { blocks, truncated: true };
}

function chunkBlock(
  type: string,
  data: Uint8Array,
  limits: ProvenanceLimits,
): MetadataBlock | undefined {
  if (type === "eXIf") return { kind: "exif", tiff: data };
  if (type === "caBX")
    return isC2paJumbf(data) ? { kind: "c2pa", container: "png_cabx" } : undefined;
  if (TEXT_CHUNKS.has(type)) return textBlock(type as PngTextChunk, data, limits);
  return undefined;
}

function textBlock(
  chunk: PngTextChunk,
  data: Uint8Array,
  limits: ProvenanceLimits,
): MetadataBlock | undefined {
  // Keywords are 1–79 Latin-1 bytes ended by a NUL.
  const nul = nulAt(data, 0, 80);
  if (nul < 1) return undefined;
  const keyword = ascii(data, 0, nul);
  if (keyword === XMP_KEYWORD) {
    const text = chunkText(chunk, data, nul + 1, limits.maxXmpBytes);
    return text === undefined ? undefined : { kind: "xmp", text };
  }
  const block = { kind: "text", chunk, keyword, bytes: data.length } as const;
  // Only the standard Software/Source values are decoded; other chunks may hold a prompt.
  if (!VALUE_KEYWORDS.has(keyword)) return block;
  const value = chunkText(chunk, data, nul + 1, limits.maxValueChars);
  return value === undefined ? block : { ...block, value: value.slice(0, limits.maxValueChars) };
}

/**
 * The text after the keyword's NUL, at most `cap` bytes of it decoded (a longer uncompressed text
 * is cut; a compressed one whose output would pass the cap gives nothing, so a small chunk cannot
 * inflate into gigabytes).
 * - tEXt: Latin-1 text. zTXt: method byte, deflated Latin-1.
 * - iTXt: compression flag, method, language tag NUL, translated keyword NUL, UTF-8 text.
 */
function chunkText(
  chunk: PngTextChunk,
  data: Uint8Array,
  at: number,
  cap: number,
): string | undefined {
  if (chunk === "tEXt") return ascii(data, at, at + cap);
  if (chunk === "zTXt") return inflated(data.subarray(at + 1), cap, ascii);
  const compressed = data[at] === 1;
  const language = nulAt(data, at + 2, data.length);
  const translated = language < 0 ? -1 : nulAt(data, language + 1, data.length);
  if (translated < 0) return undefined;
  const body = data.subarray(translated + 1);
  return compressed ? inflated(body, cap, utf8Bytes) : utf8Text(body.subarray(0, cap));
}

function inflated(
  body: Uint8Array,
  cap: number,
  decode: (bytes: Uint8Array, start: number, end: number) => string,
): string | undefined {
  try {
    const out = inflateSync(body, { maxOutputLength: cap });
    return decode(out, 0, out.length);
  } catch {
    return undefined;
  }
}

function utf8Bytes(bytes: Uint8Array): string {
  return utf8Text(bytes);
}
