/**
 * media — turns untrusted bytes into pixels, or into a clear `media/*` error, in four folders:
 * image (decoding through sharp, read as the PDQ reference reads it), video (frames through
 * ffmpeg, PDQ-hashed per frame as vPDQ does), provenance (generator tags, IPTC, C2PA presence)
 * and fetch (a URL fetched without SSRF: every hop's addresses vetted, size and time capped).
 *
 * Decoding runs under limits (bytes, pixels, duration, frames, time) checked before the costly
 * work. This part must never keep the bytes or pixels it is given (they may be a victim's image)
 * and never log them.
 */
export { decodeImage, type DecodeOptions, type ImageFormat } from "./image/decode.js";
export { DEFAULT_DECODE_LIMITS, resolveDecodeLimits, type DecodeLimits } from "./image/limits.js";
export { sniffImageFormat, SNIFF_BYTES } from "./image/sniff.js";
export { hashVideo, type VideoHashes } from "./video/video.js";
export { DEFAULT_VIDEO_LIMITS } from "./video/video-limits.js";
export { sniffVideoFormat, VIDEO_SNIFF_BYTES } from "./video/video-sniff.js";
export { fetchUrl } from "./fetch/fetch-url.js";
export type { FetchUrlOptions } from "./fetch/fetch-options.js";
export {
  readProvenanceMetadata,
  type ProvenanceMetadata,
  type ReadProvenanceOptions,
  type SoftwareSource,
} from "./provenance/provenance.js";
export type { C2paContainer } from "./provenance/provenance-blocks.js";
