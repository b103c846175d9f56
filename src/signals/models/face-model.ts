import { join } from "node:path";
import type { Config, Human } from "@vladmandic/human";
import type { FaceBox, ModelRef } from "../types.js";
import { MODEL_FILE_SCHEME, registerModelFileRouter } from "./model-files.js";
import { installedPackage } from "./packages.js";
import { loadTf, nodeRequire, type Tf, wasmDirectory } from "./tf-runtime.js";

/** A face as Human reports it, before it becomes a signal. */
export interface DetectedFace {
  readonly box: FaceBox;
  readonly confidence: number;
  /** 1024 numbers from faceres, L2-normalised. */
  readonly embedding: Float32Array;
}

export interface FaceModelOptions {
  /** Most faces looked at per image (the largest-scoring first). */
  readonly maxFaces?: number;
  /** Detector confidence below which a box is not a face. */
  readonly minConfidence?: number;
}

export const DEFAULT_MAX_FACES = 20;
export const DEFAULT_MIN_FACE_CONFIDENCE = 0.3;

const HUMAN = installedPackage("@vladmandic/human");

/** The face embeddings' model: Human's faceres, by the installed package's version. */
export const FACE_EMBEDDING_MODEL: ModelRef = Object.freeze({
  name: "human/faceres",
  version: HUMAN.version,
});

/**
 * Only the two models we need: BlazeFace finds faces, FaceRes describes each one. Everything
 * else Human can do is off, and its frame cache (made for video, where it reuses earlier results
 * for similar frames) is off too: every image is a new image.
 */
function humanConfig(options: FaceModelOptions): Partial<Config> {
  const off = { enabled: false };
  return {
    backend: "wasm",
    wasmPath: wasmDirectory(),
    modelBasePath: `${MODEL_FILE_SCHEME}${join(HUMAN.dir, "models")}/`,
    debug: false,
    async: false,
    warmup: "none",
    cacheModels: false,
    cacheSensitivity: 0,
    filter: { ...off },
    face: {
      enabled: true,
      detector: {
        modelPath: "blazeface.json",
        rotation: false,
        maxDetected: options.maxFaces ?? DEFAULT_MAX_FACES,
        minConfidence: options.minConfidence ?? DEFAULT_MIN_FACE_CONFIDENCE,
        skipFrames: 0,
        skipTime: 0,
        return: false,
      },
      description: { enabled: true, modelPath: "faceres.json", skipFrames: 0, skipTime: 0 },
      mesh: { ...off },
      attention: { ...off },
      iris: { ...off },
      emotion: { ...off },
      antispoof: { ...off },
      liveness: { ...off },
      gear: { ...off },
    },
    body: { ...off },
    hand: { ...off },
    object: { ...off },
    gesture: { ...off },
    segmentation: { ...off },
  } as Partial<Config>;
}

/**
 * Human in this thread: face boxes, detector confidence and FaceRes embeddings. Its Node wasm
 * build is not reachable through the package's `exports`, so it is loaded by path; it `require`s
 * the same tfjs as nsfwjs and reads its models through our `vigil-model-file:` router.
 */
export class FaceModel {
  readonly ref: ModelRef;

  private constructor(
    private readonly tf: Tf,
    private readonly human: Human,
  ) {
    this.ref = FACE_EMBEDDING_MODEL;
  }

  static async load(options: FaceModelOptions = {}): Promise<FaceModel> {
    const tf = await loadTf();
    registerModelFileRouter(tf);
    const { Human } = nodeRequire(join(HUMAN.dir, "dist/human.node-wasm.js")) as {
      Human: new (config: Partial<Config>) => Human;
    };
    const human = new Human(humanConfig(options));
    await human.load();
    for (const name of ["blazeface", "faceres"] as const) {
      if (!human.models.loaded().includes(name)) {
        throw new Error(`Human did not load its ${name} model`);
      }
    }
    return new FaceModel(tf, human);
  }

  /** Faces in RGB pixels (3 bytes per pixel), boxes in those pixels' coordinates. */
  async detect(rgb: Uint8Array, width: number, height: number): Promise<DetectedFace[]> {
    const input = this.tf.tensor3d(rgb, [height, width, 3], "int32");
    try {
      const result = await this.human.detect(input as never);
      if (result.error) throw new Error(`face detection failed: ${result.error}`);
      const faces: DetectedFace[] = [];
      for (const face of result.face) {
        if (face.embedding === undefined || face.embedding.length === 0) continue;
        const [x, y, w, h] = face.box;
        faces.push({
          box: { x, y, width: w, height: h },
          confidence: face.boxScore,
          embedding: normalised(face.embedding),
        });
      }
      return faces;
    } finally {
      input.dispose();
    }
  }
}

/** Unit length, so that cosine similarity is a dot product. */
export function normalised(values: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(values);
  let sum = 0;
  for (const v of out) sum += v * v;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / norm;
  return out;
}
