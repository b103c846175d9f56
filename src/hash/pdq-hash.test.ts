import { describe, expect, it } from "vitest";
import { isVigilError } from "../core/index.js";
import {
  emptyPdqHash,
  formatPdqHex,
  getPdqBit,
  hammingDistance,
  isPdqHex,
  parsePdqHex,
  pdqBitCount,
} from "./pdq-hash.js";

const SAMPLE = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";

function withBits(...bits: number[]): Uint16Array {
  const hash = emptyPdqHash();
  for (const bit of bits) hash[bit >>> 4]! |= 1 << (bit & 15);
  return hash;
}

describe("PDQ hex form", () => {
  it("prints word 15 first, so bit 255 leads and bit 0 ends the string", () => {
    expect(formatPdqHex(withBits(0))).toBe("0".repeat(63) + "1");
    expect(formatPdqHex(withBits(255))).toBe("8" + "0".repeat(63));
    expect(formatPdqHex(withBits(16))).toBe("0".repeat(59) + "10000");
  });

  it("round-trips any hash through hex", () => {
    expect(formatPdqHex(parsePdqHex(SAMPLE))).toBe(SAMPLE);
    expect(formatPdqHex(parsePdqHex(SAMPLE.toUpperCase()))).toBe(SAMPLE);
    expect(formatPdqHex(parsePdqHex(`  ${SAMPLE}\n`))).toBe(SAMPLE);
  });

  it.each([
    ["too short", SAMPLE.slice(1)],
    ["too long", SAMPLE + "0"],
    ["a non-hex character", SAMPLE.slice(0, 63) + "g"],
    ["a 0x prefix", "0x" + SAMPLE.slice(2)],
    ["inner white space", SAMPLE.slice(0, 30) + " " + SAMPLE.slice(31)],
    ["the empty string", ""],
  ])("refuses %s with hash/invalid-hex", (_label, text) => {
    expect(isPdqHex(text)).toBe(false);
    try {
      parsePdqHex(text);
      expect.unreachable();
    } catch (error) {
      expect(isVigilError(error) && error.code).toBe("hash/invalid-hex");
    }
  });

  it("refuses a value that is not a string", () => {
    expect(() => parsePdqHex(42 as unknown as string)).toThrow(/64 hex digits/);
  });
});

describe("hammingDistance", () => {
  it("counts differing bits across all 256", () => {
    expect(hammingDistance(withBits(), withBits())).toBe(0);
    expect(hammingDistance(withBits(0, 17, 255), withBits(0))).toBe(2);
    const all = parsePdqHex("f".repeat(64));
    expect(hammingDistance(all, emptyPdqHash())).toBe(256);
    expect(pdqBitCount(all)).toBe(256);
  });

  it("is symmetric and agrees with a bit-by-bit count", () => {
    const a = parsePdqHex(SAMPLE);
    const b = parsePdqHex("d0f8f1ccc0f4a84d0a370a3a228f67f0b36e2ed5b6623e1d33e6339c4e9c9b22");
    let slow = 0;
    for (let bit = 0; bit < 256; bit++) if (getPdqBit(a, bit) !== getPdqBit(b, bit)) slow++;
    expect(hammingDistance(a, b)).toBe(slow);
    expect(hammingDistance(b, a)).toBe(slow);
  });

  it("gives a typical photo hash half its bits set", () => {
    expect(pdqBitCount(parsePdqHex(SAMPLE))).toBe(128);
  });
});
