/**
 * Signal values in their one normal form, so that the same hash always compares equal: hex in
 * lower case, vPDQ text as `formatVpdq` writes it. Each value also gets a short `valueKey` to
 * index and deduplicate by; a video's text is too long for a B-tree key, so its key is a digest.
 */
import { isVigilError } from "../core/index.js";
import { formatVpdq, isPdqHex, parseVpdq, sha256Hex } from "../hash/index.js";
import type { SignalType } from "./types.js";
import { SIGNAL_TYPES } from "./types.js";
import { checkInteger, checkOneOf, invalid } from "./validate.js";

export interface NormalValue {
  readonly value: string;
  readonly valueKey: string;
}

const MD5_HEX = /^[0-9a-fA-F]{32}$/;
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
/** About 25 hours at one frame a second; the text stays under 10 MB. */
export const MAX_VIDEO_FRAMES = 90_000;
const MAX_VIDEO_TEXT = 10_000_000;

export function checkSignalType(value: unknown, field = "signalType"): SignalType {
  return checkOneOf(value, field, SIGNAL_TYPES);
}

export function normaliseValue(
  signalType: SignalType,
  value: unknown,
  field = "value",
): NormalValue {
  if (typeof value !== "string") invalid(field, "expected a string");
  switch (signalType) {
    case "pdq":
      return hex(value.trim(), isPdqHex(value.trim()), field, "a PDQ hash is 64 hex digits");
    case "md5":
      return hex(value.trim(), MD5_HEX.test(value.trim()), field, "an MD5 is 32 hex digits");
    case "sha256":
      return hex(value.trim(), SHA256_HEX.test(value.trim()), field, "a SHA-256 is 64 hex digits");
    case "video":
      return video(value, field);
  }
}

function hex(value: string, valid: boolean, field: string, rule: string): NormalValue {
  if (!valid) invalid(field, rule);
  const lower = value.toLowerCase();
  return { value: lower, valueKey: lower };
}

function video(text: string, field: string): NormalValue {
  if (text.length > MAX_VIDEO_TEXT) invalid(field, "the vPDQ text is too long");
  let canonical: string;
  try {
    const frames = parseVpdq(text);
    if (frames.length === 0) invalid(field, "a vPDQ hash needs at least one frame");
    if (frames.length > MAX_VIDEO_FRAMES) invalid(field, `more than ${MAX_VIDEO_FRAMES} frames`);
    canonical = formatVpdq(frames);
  } catch (error) {
    if (isVigilError(error) && error.code === "hash/invalid-vpdq") invalid(field, error.message);
    throw error;
  }
  return { value: canonical, valueKey: `sha256:${sha256Hex(new TextEncoder().encode(canonical))}` };
}

/** PDQ quality, 0..100, or null when unknown. */
export function checkQuality(value: unknown, field = "quality"): number | null {
  return value === undefined || value === null ? null : checkInteger(value, field, 0, 100);
}
