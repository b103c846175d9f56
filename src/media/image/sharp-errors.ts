import { isVigilError, VigilError } from "../../core/index.js";
import type { DecodeLimits } from "./limits.js";

/**
 * libvips reports failures as free-text messages. They are matched here, in one place, and turned
 * into stable codes; the original text goes into `cause` for logs and never to the caller, as it
 * can name internals.
 */
export function toMediaError(error: unknown, limits: DecodeLimits): VigilError {
  if (isVigilError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  const cause = { cause: error };
  if (/pixel limit/i.test(message)) {
    return new VigilError(
      "media/too-many-pixels",
      `The image has more than ${limits.maxPixels} pixels.`,
      { maxPixels: limits.maxPixels },
      cause,
    );
  }
  if (/unsupported image format/i.test(message)) {
    return new VigilError(
      "media/unsupported-format",
      "The file is not an image in a supported format (JPEG, PNG, WebP, GIF, TIFF, AVIF).",
      {},
      cause,
    );
  }
  if (/timeout/i.test(message)) {
    return new VigilError(
      "media/timeout",
      `Decoding took longer than ${limits.timeoutSeconds} s and was stopped.`,
      { timeoutSeconds: limits.timeoutSeconds },
      cause,
    );
  }
  return new VigilError(
    "media/corrupt",
    "The image is damaged and could not be decoded.",
    {},
    cause,
  );
}
