import type { DecodeLimits } from "../../media/index.js";
import type { FaceSignal, ModelRef, NuditySignal } from "../types.js";
import { type DetectedFace, FaceModel, type FaceModelOptions } from "./face-model.js";
import { decodeForModels, faceInput, nudityInput } from "./image-input.js";
import { NudityModel, type NudityModelName, type NudityScores } from "./nudity-model.js";

/** What one thread loads, once. */
export interface ThreadModelOptions extends FaceModelOptions {
  readonly nudityModel?: NudityModelName;
  /** Load the face models at all (off: a nudity-only pool, lighter and quicker to start). */
  readonly faces?: boolean;
}

export interface AnalyseImageOptions {
  readonly limits?: Partial<DecodeLimits>;
  /** Which media object of the content the bytes are (0-based), copied into the signals. */
  readonly mediaIndex?: number;
  /**
   * Run face detection only when porn + hentai + sexy reaches this score (0..1); undefined runs
   * it on every image. Faces in non-sexual images are not this part's business, and detection
   * costs about as much as classification.
   */
  readonly faceGate?: number;
}

export interface ImageAnalysis {
  readonly nudity: NuditySignal;
  readonly faces: readonly FaceSignal[];
  /** False when the gate (or a nudity-only pool) skipped face detection. */
  readonly facesChecked: boolean;
}

export class ThreadModels {
  private constructor(
    readonly nudity: NudityModel,
    readonly faces: FaceModel | undefined,
  ) {}

  static async load(options: ThreadModelOptions = {}): Promise<ThreadModels> {
    const nudity = await NudityModel.load(options.nudityModel);
    const faces = options.faces === false ? undefined : await FaceModel.load(options);
    return new ThreadModels(nudity, faces);
  }

  async analyse(bytes: Uint8Array, options: AnalyseImageOptions = {}): Promise<ImageAnalysis> {
    const mediaIndex = options.mediaIndex ?? 0;
    const decodeOptions = options.limits ? { limits: options.limits } : {};
    const pixels = await decodeForModels(bytes, decodeOptions);
    const small = await nudityInput(pixels, this.nudity.size);
    const scores = await this.nudity.classify(small.data);
    const nudity = nuditySignal(this.nudity.ref, mediaIndex, scores);
    const faceModel = this.faces;
    if (faceModel === undefined || !passesGate(scores, options.faceGate)) {
      return { nudity, faces: [], facesChecked: false };
    }
    const input = await faceInput(pixels);
    const detected = await faceModel.detect(input.data, input.width, input.height);
    const scale = pixels.width / input.width;
    const faces = detected.map((face) => faceSignal(faceModel.ref, mediaIndex, face, scale));
    return { nudity, faces, facesChecked: true };
  }
}

/** The gate's measure: how sexual the image looks, whatever its style. */
export function sexualScore(scores: Readonly<NudityScores>): number {
  return scores.porn + scores.hentai + scores.sexy;
}

function passesGate(scores: NudityScores, gate: number | undefined): boolean {
  return gate === undefined || sexualScore(scores) >= gate;
}

function nuditySignal(model: ModelRef, mediaIndex: number, scores: NudityScores): NuditySignal {
  return Object.freeze({ kind: "nudity", model, mediaIndex, scores: Object.freeze(scores) });
}

function faceSignal(
  model: ModelRef,
  mediaIndex: number,
  face: DetectedFace,
  scale: number,
): FaceSignal {
  const box = Object.freeze({
    x: Math.round(face.box.x * scale),
    y: Math.round(face.box.y * scale),
    width: Math.round(face.box.width * scale),
    height: Math.round(face.box.height * scale),
  });
  return Object.freeze({
    kind: "face",
    model,
    mediaIndex,
    box,
    confidence: face.confidence,
    embedding: face.embedding,
  });
}
