/**
 * What reading one file's metadata may cost. Metadata sits in small blocks at known places, so
 * the reader walks block headers only and never inflates or parses more than these caps: a
 * hostile file with a 4 GB chunk length or a million tiny chunks costs a bounded walk, not memory.
 */
export interface ProvenanceLimits {
  /** Largest accepted file, in bytes (larger: `media/too-large`). */
  readonly maxBytes: number;
  /** Most blocks (PNG chunks, JPEG segments, RIFF chunks) walked before giving up. */
  readonly maxBlocks: number;
  /** Largest EXIF (TIFF) block handed to exifr; bigger ones are skipped. */
  readonly maxExifBytes: number;
  /** Largest XMP packet parsed, after inflating a compressed PNG iTXt. */
  readonly maxXmpBytes: number;
  /** Longest short text value kept (a PNG `Software` chunk); longer ones are cut. */
  readonly maxValueChars: number;
}

export const DEFAULT_PROVENANCE_LIMITS: ProvenanceLimits = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxBlocks: 4096,
  maxExifBytes: 1024 * 1024,
  maxXmpBytes: 1024 * 1024,
  maxValueChars: 200,
});

export function resolveProvenanceLimits(
  overrides: Partial<ProvenanceLimits> = {},
): ProvenanceLimits {
  const limits = { ...DEFAULT_PROVENANCE_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new RangeError(`provenance limit ${name} must be a positive integer, got ${value}`);
    }
  }
  return Object.freeze(limits);
}
