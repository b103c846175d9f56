/**
 * hash — perceptual and exact hashes of content: PDQ (bit-exact with Meta's reference when given
 * the same pixels), its eight dihedral variants, hex forms, Hamming distance, MD5 and SHA-256,
 * and vPDQ video matching over frame hashes (with its text format); the exact multi-index (MIH)
 * search of PDQ banks, and exact-match sets of MD5/SHA-256 digests.
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
export { DIHEDRAL_NAMES, dihedralOfHash, type DihedralName } from "./dihedral.js";
export { referencePreScale, REFERENCE_MAX_SIDE } from "./resize.js";
export { digests, md5Hex, sha256Hex, type Digests } from "./digest.js";
export { formatVpdq, parseVpdq, type VpdqFeature } from "./vpdq-text.js";
export {
  matchPreparedVpdq,
  matchVpdq,
  prepareVpdq,
  VPDQ_DEFAULTS,
  type PreparedVpdq,
  type PrepareVpdqOptions,
  type VpdqMatch,
  type VpdqMatchOptions,
} from "./vpdq.js";
export {
  MihIndex,
  type MihIndexOptions,
  type MihIndexStats,
  type PdqDihedralMatch,
  type PdqMatch,
} from "./mih-index.js";
export { MIH_DEFAULT_DISTANCE, MIH_MAX_DISTANCE } from "./mih-bits.js";
export { DigestSet, type DigestKind } from "./digest-set.js";
export * from "./robust/index.js";
