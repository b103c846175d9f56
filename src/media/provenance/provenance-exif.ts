import exifr from "exifr";
import type { ProvenanceLimits } from "./provenance-limits.js";

export interface ExifProvenance {
  readonly software?: string;
  /** Size of an EXIF UserComment that holds a generator's parameters (its text is not kept). */
  readonly parameterCommentBytes?: number;
}

/**
 * Automatic1111 and its forks save JPEG and WebP with the generation parameters in EXIF
 * UserComment, in the same form as their PNG `parameters` chunk: the prompt, then a line like
 * "Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1". Both field names must appear.
 */
function looksLikeParameters(comment: string): boolean {
  // Two searches rather than one regex with `.*` between them, which backtracks quadratically.
  const steps = comment.search(/\bSteps: \d+,/);
  return steps >= 0 && (comment.includes("Sampler: ", steps) || comment.includes("Seed: ", steps));
}

/**
 * IFD0's Software and the EXIF IFD's UserComment through exifr, with every other block and value
 * translation off: the TIFF structure is exifr's job, and two IFDs of a capped block are a
 * bounded read. A block exifr cannot read gives nothing rather than an error: damaged EXIF is
 * common in ordinary photos.
 */
export async function readExifProvenance(
  tiff: Uint8Array,
  limits: ProvenanceLimits,
): Promise<ExifProvenance> {
  if (tiff.length > limits.maxExifBytes || tiff.length < 8) return {};
  let output: Record<string, unknown> | undefined;
  try {
    output = (await exifr.parse(Buffer.from(tiff.buffer, tiff.byteOffset, tiff.length), {
      tiff: true,
      ifd0: { pick: ["Software"] },
      exif: { pick: ["UserComment"] },
      gps: false,
      interop: false,
      ifd1: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
    })) as Record<string, unknown> | undefined;
  } catch {
    return {};
  }
  const software = output?.Software;
  const comment = userCommentText(output?.UserComment ?? output?.userComment);
  return {
    ...(typeof software === "string" && software.trim() !== ""
      ? { software: software.trim().slice(0, limits.maxValueChars) }
      : {}),
    ...(comment !== undefined && looksLikeParameters(comment)
      ? { parameterCommentBytes: comment.length }
      : {}),
  };
}

/**
 * UserComment starts with an 8-byte character code: "ASCII\0\0\0", "UNICODE\0" (UTF-16; writers
 * disagree on byte order, so it is guessed from where the zero bytes fall) or undefined.
 */
function userCommentText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (!(value instanceof Uint8Array) || value.length < 8) return undefined;
  const code = new TextDecoder("latin1").decode(value.subarray(0, 8));
  const body = value.subarray(8);
  if (!code.startsWith("UNICODE")) return new TextDecoder("latin1").decode(body);
  const zeroFirst = body.length > 1 && body[0] === 0;
  return new TextDecoder(zeroFirst ? "utf-16be" : "utf-16le").decode(body);
}
