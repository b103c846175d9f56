/**
 * Signals as plain frozen data tagged by `kind`: what a provider learned about one piece of
 * content, with the model (name and version) that learned it, so a decision can always say
 * which model said what. Providers never keep the content they read.
 */

/** The model behind a signal: `nsfwjs/MobileNetV2`, `human/faceres`, `vigil-lexicon`… */
export interface ModelRef {
  readonly name: string;
  readonly version: string;
}

/** nsfwjs's five classes, lower-cased. Scores are probabilities that sum to about 1. */
export const NUDITY_CLASSES = ["drawing", "hentai", "neutral", "porn", "sexy"] as const;
export type NudityClass = (typeof NUDITY_CLASSES)[number];

export interface NuditySignal {
  readonly kind: "nudity";
  readonly model: ModelRef;
  /** Which media object of the content (0-based). */
  readonly mediaIndex: number;
  readonly scores: Readonly<Record<NudityClass, number>>;
}

/** A box in the image's own pixels. */
export interface FaceBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * A face found in an image, with its embedding. Used in memory to compare with protected
 * people; never stored (an embedding of a face in abusive content is itself sensitive).
 */
export interface FaceSignal {
  readonly kind: "face";
  readonly model: ModelRef;
  readonly mediaIndex: number;
  readonly box: FaceBox;
  /** Detector confidence, 0..1. */
  readonly confidence: number;
  /** Unit length (L2-normalised), so cosine similarity is a dot product. */
  readonly embedding: Float32Array;
}

/** A face in the content resembles a protected person's reference above the threshold. */
export interface ProtectedFaceSignal {
  readonly kind: "protected_face";
  readonly model: ModelRef;
  readonly mediaIndex: number;
  readonly personId: string;
  /** Cosine similarity of the closest reference, -1..1. */
  readonly similarity: number;
}

export type TextLanguage = "ko" | "en";

/** A lexicon entry fired on the content's text. */
export interface TextSignal {
  readonly kind: "text";
  readonly model: ModelRef;
  /** e.g. `solicitation`, `nudify_tool`, `trade`, `threat`. */
  readonly category: string;
  readonly weight: number;
  readonly language: TextLanguage;
  /** UTF-16 offsets into the original text, end exclusive. */
  readonly span: readonly [number, number];
  /** The original text of the span, for a moderator. */
  readonly text: string;
  /** The lexicon entry's id. */
  readonly term: string;
}

export type ProvenanceMarker =
  /** IPTC digital source type `trainedAlgorithmicMedia` (or its composite variant). */
  | "iptc_trained_algorithmic_media"
  /** A C2PA manifest store is present (JUMBF). Its claims are not verified. */
  | "c2pa_manifest"
  /** EXIF/XMP Software or CreatorTool names an image generator. */
  | "generator_software"
  /** PNG text chunks of the kind image generators write (prompt, parameters, workflow). */
  | "generator_parameters";

/** Metadata that marks synthetic media: a signal, never a verdict on its own. */
export interface ProvenanceSignal {
  readonly kind: "provenance";
  readonly model: ModelRef;
  readonly mediaIndex: number;
  readonly marker: ProvenanceMarker;
  /** What was found, e.g. the software name; never the prompt text in full. */
  readonly detail: string;
}

export type Signal =
  NuditySignal | FaceSignal | ProtectedFaceSignal | TextSignal | ProvenanceSignal;

/** One media object as a provider receives it: the file's bytes, read once by the caller. */
export interface MediaInput {
  readonly index: number;
  readonly bytes: Uint8Array;
}

/** A piece of content as providers see it. */
export interface ContentInput {
  readonly media: readonly MediaInput[];
  readonly text?: string;
}

/** The one interface every provider implements. */
export interface SignalProvider {
  readonly name: string;
  analyse(content: ContentInput): Promise<readonly Signal[]>;
  /** Releases threads, models and tensors. */
  close?(): Promise<void>;
}
