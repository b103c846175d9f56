import {
  formatPdqHex,
  md5Hex,
  PdqHasher,
  referencePreScale,
  type Pixels,
} from "../../src/hash/index.js";

/** What the portal sends for one image: hashes only, never the image. */
export interface PortalHashes {
  readonly pdq: string;
  /** 0..100; the server ignores PDQ hashes under 50 when matching. */
  readonly quality: number;
  readonly md5: string;
}

const hasher = new PdqHasher();

/**
 * The server's `hashImage` steps on pixels the browser decoded: the reference pre-scale to
 * 512×512, PDQ, and MD5 of the file's bytes. Same code as the server (src/hash), so the only
 * possible difference is the decoder (docs/WEB.md gives the measured distance).
 */
export function hashDecoded(bytes: Uint8Array, pixels: Pixels): PortalHashes {
  const { hash, quality } = hasher.hash(referencePreScale(pixels));
  return { pdq: formatPdqHex(hash), quality, md5: md5Hex(bytes) };
}
