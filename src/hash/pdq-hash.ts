import { VigilError } from "../core/index.js";

/**
 * A PDQ hash: 256 bits as 16 words of 16 bits. Word `i` holds row `i` of the 16×16 DCT sign
 * matrix and bit `j` of it column `j` — the layout of the reference implementation, so that the
 * hex form below is byte-for-byte what every other PDQ system prints and exchanges.
 */
export type PdqHash = Uint16Array;

export const PDQ_WORDS = 16;
export const PDQ_BITS = 256;
export const PDQ_HEX_LENGTH = 64;

export function emptyPdqHash(): PdqHash {
  return new Uint16Array(PDQ_WORDS);
}

const HEX_DIGITS = "0123456789abcdef";

/** Hex in the reference word order: word 15 first, each word as four lower-case digits. */
export function formatPdqHex(hash: PdqHash): string {
  assertPdqHash(hash);
  let out = "";
  for (let w = PDQ_WORDS - 1; w >= 0; w--) {
    const word = hash[w]!;
    out +=
      HEX_DIGITS[(word >>> 12) & 15]! +
      HEX_DIGITS[(word >>> 8) & 15]! +
      HEX_DIGITS[(word >>> 4) & 15]! +
      HEX_DIGITS[word & 15]!;
  }
  return out;
}

const PDQ_HEX_PATTERN = /^[0-9a-fA-F]{64}$/;

/**
 * Parses 64 hex digits (either case, surrounding white space allowed) into a hash. Anything else
 * is refused with `hash/invalid-hex` rather than guessed at: a mis-parsed hash in a bank would
 * silently match the wrong images.
 */
export function parsePdqHex(text: string): PdqHash {
  if (typeof text !== "string") {
    throw new VigilError(
      "hash/invalid-hex",
      "A PDQ hash must be given as a string of 64 hex digits.",
    );
  }
  const trimmed = text.trim();
  if (!PDQ_HEX_PATTERN.test(trimmed)) {
    const reason =
      trimmed.length !== PDQ_HEX_LENGTH
        ? `it has ${trimmed.length} characters`
        : "it contains a character that is not a hex digit";
    throw new VigilError(
      "hash/invalid-hex",
      `A PDQ hash must be exactly 64 hex digits (0-9, a-f); ${reason}.`,
      { length: trimmed.length },
    );
  }
  const hash = emptyPdqHash();
  for (let w = 0; w < PDQ_WORDS; w++) {
    const start = (PDQ_WORDS - 1 - w) * 4;
    hash[w] = Number.parseInt(trimmed.slice(start, start + 4), 16);
  }
  return hash;
}

export function isPdqHex(text: string): boolean {
  return PDQ_HEX_PATTERN.test(text.trim());
}

export function getPdqBit(hash: PdqHash, bit: number): boolean {
  return ((hash[bit >>> 4]! >>> (bit & 15)) & 1) === 1;
}

/** Number of set bits; the reference reports it as `norm` (128 for a typical photo). */
export function pdqBitCount(hash: PdqHash): number {
  let n = 0;
  for (let w = 0; w < PDQ_WORDS; w++) n += popcount16(hash[w]!);
  return n;
}

/** Number of differing bits. Allocation-free: it sits inside linear scans. */
export function hammingDistance(a: PdqHash, b: PdqHash): number {
  let d = 0;
  for (let w = 0; w < PDQ_WORDS; w++) d += popcount16(a[w]! ^ b[w]!);
  return d;
}

function popcount16(x: number): number {
  x -= (x >>> 1) & 0x5555;
  x = (x & 0x3333) + ((x >>> 2) & 0x3333);
  x = (x + (x >>> 4)) & 0x0f0f;
  return (x + (x >>> 8)) & 0x1f;
}

function assertPdqHash(hash: PdqHash): void {
  if (!(hash instanceof Uint16Array) || hash.length !== PDQ_WORDS) {
    throw new VigilError("hash/invalid-hash", "A PDQ hash must be a Uint16Array of 16 words.");
  }
}
