/**
 * signals — what can be learned about a piece of content, as typed data: today the hash signals
 * of an image (PDQ, MD5, SHA-256); classifiers, faces and text findings join here later.
 *
 * It must never keep the content it reads, and never download a model at run time.
 */
export { hashImage, type HashImageOptions, type ImageHashes } from "./image-hashes.js";
export {
  generatorNamed,
  PROVENANCE_READER,
  ProvenanceSignalProvider,
  readProvenance,
} from "./provenance.js";
export {
  GENERATOR_NAMES,
  GENERATOR_TEXT_KEYWORDS,
  SYNTHETIC_SOURCE_TYPES,
  type GeneratorName,
} from "./provenance-generators.js";
export {
  NUDITY_CLASSES,
  type ContentInput,
  type FaceBox,
  type FaceSignal,
  type MediaInput,
  type ModelRef,
  type NudityClass,
  type NuditySignal,
  type ProtectedFaceSignal,
  type ProvenanceMarker,
  type ProvenanceSignal,
  type Signal,
  type SignalProvider,
  type TextLanguage,
  type TextSignal,
} from "./types.js";
export {
  DEFAULT_TEXT_MAX_LENGTH,
  DEFAULT_TEXT_MIN_WEIGHT,
  findTextSignals,
  TEXT_CATEGORIES,
  TextSignalProvider,
  VIGIL_LEXICON,
  type ContextCue as TextContextCue,
  type FindTextSignalsOptions,
  type Lexicon as TextLexicon,
  type LexiconEntry as TextLexiconEntry,
  type TextCategory,
} from "./text/index.js";
export { ImageAnalyser, type ImageAnalyserOptions } from "./models/pool.js";
export {
  sexualScore,
  type AnalyseImageOptions,
  type ImageAnalysis,
  type ThreadModelOptions,
} from "./models/analyse-image.js";
export type { NudityModelName, NudityScores } from "./models/nudity-model.js";
export {
  DEFAULT_MAX_FACES,
  DEFAULT_MIN_FACE_CONFIDENCE,
  FACE_EMBEDDING_MODEL,
} from "./models/face-model.js";
export { cosineSimilarity, PROTECTED_FACE_THRESHOLD } from "./models/similarity.js";
export { ImageSignalProvider, type ImageSignalProviderOptions } from "./models/provider.js";
