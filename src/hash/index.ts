/**
 * hash — perceptual and exact hashes of content: PDQ (bit-exact with Meta's reference when given
 * the same pixels), its eight dihedral variants, hex forms, Hamming distance, MD5 and SHA-256.
 *
 * Pure TypeScript over typed arrays. It must never import a Node API or a higher part: the victim
 * portal runs this same code in the browser, so an image never has to leave the person's device.
 */
export {
  emptyPdqHash,
  formatPdqHex,
  getPdqBit,
  hammingDistance,
  isPdqHex,
  parsePdqHex,
  pdqBitCount,
  PDQ_BITS,
  PDQ_HEX_LENGTH,
  PDQ_WORDS,
  type PdqHash,
} from "./pdq-hash.js";
export { assertPixels, type Pixels } from "./pixels.js";
export {
  PdqHasher,
  pdqDihedralHashes,
  pdqHash,
  PDQ_MIN_SIDE,
  type PdqDihedralResult,
  type PdqResult,
} from "./pdq.js";
export { DIHEDRAL_NAMES, type DihedralName } from "./dihedral.js";
export { referencePreScale, REFERENCE_MAX_SIDE } from "./resize.js";
export { digests, md5Hex, sha256Hex, type Digests } from "./digest.js";
