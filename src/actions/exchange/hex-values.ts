/**
 * Checks and normalises one hash value of a list. A mis-read hash in a bank would match the wrong
 * images, so anything that is not exactly right is refused with a reason, never guessed at.
 */
import { formatVpdq, isPdqHex, parseVpdq } from "../../hash/index.js";
import type { ExchangeSignalType } from "./types.js";

const HEX = /^[0-9a-fA-F]*$/;
const DIGITS: Readonly<Record<Exclude<ExchangeSignalType, "video">, number>> = {
  pdq: 64,
  md5: 32,
  sha256: 64,
};
const NAMES: Readonly<Record<ExchangeSignalType, string>> = {
  pdq: "PDQ",
  md5: "MD5",
  sha256: "SHA-256",
  video: "vPDQ",
};

export function signalName(type: ExchangeSignalType): string {
  return NAMES[type];
}

/** The value normalised (lower-case hex, canonical vPDQ text), or an error message. */
export function normaliseValue(
  type: ExchangeSignalType,
  raw: string,
): { value: string } | { error: string } {
  if (type === "video") return normaliseVpdq(raw);
  const text = raw.trim();
  const digits = DIGITS[type];
  if (!HEX.test(text)) return { error: `the ${NAMES[type]} hash contains a non-hex character` };
  if (text.length !== digits) {
    return {
      error: `a ${NAMES[type]} hash has ${digits} hex digits; this one has ${text.length}`,
    };
  }
  // The hash part's own check, so lists and the matcher agree on what a PDQ hash is.
  if (type === "pdq" && !isPdqHex(text)) return { error: "the PDQ hash is invalid" };
  return { value: text.toLowerCase() };
}

/** The type of a bare hex value in a plain or CSV list, from its length. */
export function inferType(
  raw: string,
  hex64: "pdq" | "sha256",
): Exclude<ExchangeSignalType, "video"> | { error: string } {
  const text = raw.trim();
  if (!HEX.test(text)) return { error: "the hash contains a non-hex character" };
  if (text.length === 32) return "md5";
  if (text.length === 64) return hex64;
  return {
    error: `a hash has 32 (MD5) or 64 (PDQ, SHA-256) hex digits; this one has ${text.length}`,
  };
}

function normaliseVpdq(raw: string): { value: string } | { error: string } {
  try {
    const features = parseVpdq(raw);
    if (features.length === 0) return { error: "the vPDQ hash has no frames" };
    return { value: formatVpdq(features) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : "the vPDQ hash is invalid" };
  }
}
