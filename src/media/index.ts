/**
 * media — turns untrusted bytes into pixels, or into a clear `media/*` error: images through
 * sharp, videos through ffmpeg (frames sampled, PDQ-hashed per frame as vPDQ does).
 *
 * Decoding runs under limits (bytes, pixels, duration, frames, time) checked before the costly
 * work. This part must never keep the bytes or pixels it is given (they may be a victim's image)
 * and never log them.
 */
export {
  decodeImage,
  type DecodedImage,
  type DecodeOptions,
  type ImageFormat,
} from "./image/decode.js";
export { DEFAULT_DECODE_LIMITS, resolveDecodeLimits, type DecodeLimits } from "./image/limits.js";
export { sniffImageFormat, SNIFF_BYTES } from "./image/sniff.js";
export {
  decodeVideoFrames,
  hashVideo,
  type HashVideoOptions,
  type VideoHashes,
} from "./video/video.js";
export type { DecodedVideo, VideoFrame } from "./video/video-frames.js";
export type { VideoInput } from "./video/video-input.js";
export {
  DEFAULT_VIDEO_LIMITS,
  resolveVideoLimits,
  type VideoLimits,
} from "./video/video-limits.js";
export type { VideoProbe } from "./video/video-probe.js";
export {
  DEFAULT_FRAMES_PER_SECOND,
  DEFAULT_MAX_FRAME_SIDE,
  type VideoOptions,
} from "./video/video-settings.js";
export { sniffVideoFormat, VIDEO_SNIFF_BYTES, type VideoContainer } from "./video/video-sniff.js";
export { fetchUrl, type FetchedUrl } from "./fetch/fetch-url.js";
export {
  DEFAULT_FETCH_OPTIONS,
  type FetchUrlOptions,
  type ResolvedAddress,
} from "./fetch/fetch-options.js";
export { addressRange, type AddressRange } from "./fetch/ip-range.js";
export {
  readProvenanceMetadata,
  type ParameterComment,
  type ProvenanceMetadata,
  type ReadProvenanceOptions,
  type SoftwareSource,
  type SoftwareTag,
  type TextChunkInfo,
} from "./provenance/provenance.js";
export type { C2paContainer, PngTextChunk } from "./provenance/provenance-blocks.js";
export {
  DEFAULT_PROVENANCE_LIMITS,
  type ProvenanceLimits,
} from "./provenance/provenance-limits.js";
