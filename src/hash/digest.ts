import { md5 } from "@noble/hashes/legacy.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/**
 * Exact-match digests of the original bytes. MD5 is what hash exchanges (NCMEC, StopNCII) still
 * share for exact copies; SHA-256 is what evidence and our own dedupe use. Both come from
 * `@noble/hashes`, audited pure JavaScript, because this part must run unchanged in the browser,
 * where WebCrypto has no MD5 and no synchronous digest.
 */
export interface Digests {
  readonly md5: string;
  readonly sha256: string;
}

export function md5Hex(bytes: Uint8Array): string {
  return bytesToHex(md5(bytes));
}

export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

export function digests(bytes: Uint8Array): Digests {
  return { md5: md5Hex(bytes), sha256: sha256Hex(bytes) };
}
