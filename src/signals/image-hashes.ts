import { createHash } from "node:crypto";
import { formatPdqHex, PdqHasher, referencePreScale, type DihedralName } from "../hash/index.js";
import { decodeImage, type DecodeOptions, type ImageFormat } from "../media/index.js";

export interface ImageHashes {
  /** 64 hex digits in the reference word order. */
  readonly pdq: string;
  readonly quality: number;
  readonly md5: string;
  readonly sha256: string;
  /** Size of the image as stored in the file (before the reference's 512×512 pre-scale). */
  readonly width: number;
  readonly height: number;
  readonly format: ImageFormat;
  /** The file was damaged and only the part that decoded was hashed (with `allowPartial`). */
  readonly partial: boolean;
  /** Present when asked for: all eight rotations and mirror images. */
  readonly dihedral?: Readonly<Record<DihedralName, string>>;
}

export interface HashImageOptions extends DecodeOptions {
  readonly dihedral?: boolean;
  /** Reuse one hasher across calls in a loop; a shared one is used otherwise. */
  readonly hasher?: PdqHasher;
}

const sharedHasher = new PdqHasher();

/**
 * The hash signals of one image file: PDQ as the reference command-line tool computes it
 * (decode, shrink to 512×512 when larger, hash), and MD5 / SHA-256 of the bytes as given.
 * Neither the bytes nor the pixels outlive the call.
 */
export async function hashImage(
  bytes: Uint8Array,
  options: HashImageOptions = {},
): Promise<ImageHashes> {
  const decoded = await decodeImage(bytes, options);
  const { width, height } = decoded.pixels;
  const pixels = referencePreScale(decoded.pixels);
  const hasher = options.hasher ?? sharedHasher;
  const exact = nativeDigests(bytes);
  const base = { width, height, format: decoded.format, partial: decoded.partial, ...exact };
  if (!options.dihedral) {
    const { hash, quality } = hasher.hash(pixels);
    return { pdq: formatPdqHex(hash), quality, ...base };
  }
  const { hashes, quality } = hasher.hashDihedral(pixels);
  const dihedral = Object.fromEntries(
    Object.entries(hashes).map(([name, hash]) => [name, formatPdqHex(hash)]),
  ) as Record<DihedralName, string>;
  return { pdq: dihedral.original, quality, dihedral, ...base };
}

/**
 * MD5 and SHA-256 through Node's OpenSSL, about ten times the speed of the portable versions in
 * the `hash` part (which the browser uses); the test suite checks that both agree.
 */
function nativeDigests(bytes: Uint8Array): { md5: string; sha256: string } {
  return {
    md5: createHash("md5").update(bytes).digest("hex"),
    sha256: createHash("sha256").update(bytes).digest("hex"),
  };
}
