import {
  digests,
  formatPdqHex,
  PdqHasher,
  referencePreScale,
  type DihedralName,
} from "../hash/index.js";
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
  const exact = digests(bytes);
  const base = { width, height, format: decoded.format, ...exact };
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
