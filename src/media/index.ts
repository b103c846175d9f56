/**
 * media — turns untrusted bytes into pixels, or into a clear `media/*` error.
 *
 * Decoding runs under limits (bytes, pixels, time) checked before the costly work. This part must
 * never keep the bytes or pixels it is given (they may be a victim's image) and never log them.
 */
export { decodeImage, type DecodedImage, type DecodeOptions, type ImageFormat } from "./decode.js";
export { DEFAULT_DECODE_LIMITS, resolveDecodeLimits, type DecodeLimits } from "./limits.js";
export { sniffImageFormat, SNIFF_BYTES } from "./sniff.js";
