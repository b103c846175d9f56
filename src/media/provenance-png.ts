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
  const text = chunk === "iTXt" ? internationalText(data, nul + 1, limits) : undefined;
  if (keyword === XMP_KEYWORD && chunk === "iTXt") {
    return text === undefined ? undefined : { kind: "xmp", text };
  }
  const block = { kind: "text", chunk, keyword, bytes: data.length } as const;
  if (!VALUE_KEYWORDS.has(keyword)) return block;
  const value = chunk === "tEXt" ? ascii(data, nul + 1, nul + 1 + limits.maxValueChars) : text;
  return value === undefined ? block : { ...block, value: value.slice(0, limits.maxValueChars) };
}

/**
 * iTXt after the keyword: compression flag, method, language tag NUL, translated keyword NUL,
 * then UTF-8 text (deflated when the flag is 1). Inflating stops at the XMP cap, so a small
 * chunk cannot expand into gigabytes.
 */
function internationalText(
  data: Uint8Array,
  at: number,
  limits: ProvenanceLimits,
): string | undefined {
  const compressed = data[at] === 1;
  const language = nulAt(data, at + 2, data.length);
  const translated = language < 0 ? -1 : nulAt(data, language + 1, data.length);
  if (translated < 0) return undefined;
  const body = data.subarray(translated + 1);
  if (!compressed) return body.length > limits.maxXmpBytes ? undefined : utf8Text(body);
  try {
    return utf8Text(inflateSync(body, { maxOutputLength: limits.maxXmpBytes }));
  } catch {
    return undefined;
  }
}
