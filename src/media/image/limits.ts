/**
 * What one decode may cost. Anything beyond is refused before the expensive work starts, so one
 * hostile upload (a decompression bomb, a 2 GB "photo") cannot take memory or time from the rest.
 */
export interface DecodeLimits {
  /** Largest accepted input, in bytes. */
  readonly maxBytes: number;
  /** Largest accepted width × height, checked from the header before any pixel is decoded. */
  readonly maxPixels: number;
  /** Longest a single decode may run. */
  readonly timeoutSeconds: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = Object.freeze({
  maxBytes: 50 * 1024 * 1024,
  maxPixels: 100_000_000,
  timeoutSeconds: 10,
});

export function resolveDecodeLimits(overrides: Partial<DecodeLimits> = {}): DecodeLimits {
  const limits = { ...DEFAULT_DECODE_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`decode limit ${name} must be a positive number, got ${String(value)}`);
    }
  }
  return Object.freeze(limits);
}
