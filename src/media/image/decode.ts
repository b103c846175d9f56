import sharp from "sharp";
import { VigilError } from "../../core/index.js";
import type { Pixels } from "../../hash/index.js";
import { cmykToRgb } from "./cmyk.js";
import { type DecodeLimits, resolveDecodeLimits } from "./limits.js";
import { toMediaError } from "./sharp-errors.js";

export type ImageFormat = "jpeg" | "png" | "webp" | "gif" | "tiff" | "avif" | "heif";

const ACCEPTED_FORMATS: ReadonlySet<string> = new Set([
  "jpeg",
  "png",
  "webp",
  "gif",
  "tiff",
  "heif",
]);

export interface DecodeOptions {
  readonly limits?: Partial<DecodeLimits>;
  /**
   * Accept a damaged file (truncated, bad data after the header) and return what decodes, marked
   * `partial`. Off by default, so a corrupt file is an error. Turn it on where dodging matters: a
   * viewer still shows most of a truncated image, so refusing it would let anyone slip past a
   * filter by cutting the last bytes off a file; the missing part decodes as grey.
   */
  readonly allowPartial?: boolean;
}

export interface DecodedImage {
  /** 8-bit pixels of the first frame or page, in the file's own orientation and colours. */
  readonly pixels: Pixels;
  readonly format: ImageFormat;
  /** True when the file was damaged and only part of it decoded (see `allowPartial`). */
  readonly partial: boolean;
}

/**
 * Decodes an image file into 8-bit pixels the way the reference PDQ tool sees it: no EXIF
 * rotation, no colour management (the stored values, as ImageMagick and Pillow read them), alpha
 * kept but unused. Every failure is a VigilError with a `media/*` code.
 */
export async function decodeImage(
  bytes: Uint8Array,
  options: DecodeOptions = {},
): Promise<DecodedImage> {
  const limits = resolveDecodeLimits(options.limits);
  if (bytes.length === 0) throw new VigilError("media/empty", "The file is empty (0 bytes).");
  if (bytes.length > limits.maxBytes) {
    throw new VigilError(
      "media/too-large",
      `The file is ${bytes.length} bytes; the limit is ${limits.maxBytes}.`,
      { bytes: bytes.length, maxBytes: limits.maxBytes },
    );
  }
  try {
    return await decodeWithSharp(bytes, limits, "error");
  } catch (error) {
    const mediaError = toMediaError(error, limits);
    if (mediaError.code !== "media/corrupt" || !options.allowPartial) throw mediaError;
  }
  try {
    return { ...(await decodeWithSharp(bytes, limits, "none")), partial: true };
  } catch (error) {
    throw toMediaError(error, limits);
  }
}

async function decodeWithSharp(
  bytes: Uint8Array,
  limits: DecodeLimits,
  failOn: "error" | "none",
): Promise<DecodedImage> {
  const image = sharp(bytes, {
    failOn,
    limitInputPixels: limits.maxPixels,
    sequentialRead: true,
  }).timeout({ seconds: Math.ceil(limits.timeoutSeconds) });

  const meta = await image.metadata();
  const format = acceptedFormat(meta.format, meta.compression);
  const declaredPixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (declaredPixels > limits.maxPixels) {
    throw new VigilError(
      "media/too-many-pixels",
      `The image is ${meta.width}×${meta.height} (${declaredPixels} pixels); the limit is ${limits.maxPixels}.`,
      { width: meta.width, height: meta.height, maxPixels: limits.maxPixels },
    );
  }

  if (meta.space === "cmyk") {
    // Ask libvips for the stored CMYK samples, untouched, and convert them ourselves.
    const { data, info } = await image
      .pipelineColourspace("cmyk")
      .toColourspace("cmyk")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
    const count = info.width * info.height;
    const rgb = cmykToRgb(new Uint8Array(data.buffer, data.byteOffset, count * 4), count);
    return {
      format,
      partial: false,
      pixels: { data: rgb, width: info.width, height: info.height, channels: 3 },
    };
  }

  // keepIccProfile: hash the stored values, not a colour-managed version of them. Grey stays
  // grey (libvips would widen it to RGB), so luma is the stored value, as in the reference.
  if (meta.channels !== undefined && meta.channels <= 2) image.toColourspace("b-w");
  const { data, info } = await image
    .keepIccProfile()
    .raw({ depth: "uchar" })
    .toBuffer({ resolveWithObject: true });
  const channels = info.channels;
  if (channels !== 1 && channels !== 2 && channels !== 3 && channels !== 4) {
    throw new VigilError(
      "media/unsupported-format",
      `Images with ${channels} channels are not supported.`,
    );
  }
  return {
    format,
    partial: false,
    pixels: {
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
      width: info.width,
      height: info.height,
      channels,
    },
  };
}

function acceptedFormat(format: string | undefined, compression: string | undefined): ImageFormat {
  if (format === undefined || !ACCEPTED_FORMATS.has(format)) {
    throw new VigilError(
      "media/unsupported-format",
      `Unsupported image format${format ? ` "${format}"` : ""}; accepted: JPEG, PNG, WebP, GIF, TIFF, AVIF.`,
      { format },
    );
  }
  if (format === "heif") return compression === "av1" ? "avif" : "heif";
  return format as ImageFormat;
}
