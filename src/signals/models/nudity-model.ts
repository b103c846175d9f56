import type * as NsfwjsModule from "nsfwjs";
import { NUDITY_CLASSES, type ModelRef, type NudityClass } from "../types.js";
import { nsfwjsBundleHandler } from "./model-files.js";
import { installedPackage } from "./packages.js";
import { loadTf, nodeRequire, type Tf } from "./tf-runtime.js";

type Nsfwjs = typeof NsfwjsModule;
type NsfwModel = InstanceType<Nsfwjs["NSFWJS"]>;

/** nsfwjs's bundled models we offer: MobileNetV2 (default, fast) and InceptionV3 (larger). */
export type NudityModelName = "MobileNetV2" | "InceptionV3";

interface Bundle {
  readonly folder: string;
  readonly shards: number;
  readonly size: number;
}

const BUNDLES: Readonly<Record<NudityModelName, Bundle>> = {
  MobileNetV2: { folder: "mobilenet_v2", shards: 1, size: 224 },
  InceptionV3: { folder: "inception_v3", shards: 6, size: 299 },
};

const NSFWJS_PACKAGE = installedPackage("nsfwjs");

export type NudityScores = Record<NudityClass, number>;

/** The side of the square RGB image a model takes. */
export function nudityInputSize(name: NudityModelName): number {
  return BUNDLES[name].size;
}

/**
 * One nsfwjs model in this thread. `classify` takes RGB pixels already resized to the model's
 * square input and releases every tensor it makes: a leak here would grow with every image.
 */
export class NudityModel {
  readonly ref: ModelRef;

  private constructor(
    private readonly tf: Tf,
    private readonly model: NsfwModel,
    readonly size: number,
    name: NudityModelName,
  ) {
    this.ref = Object.freeze({ name: `nsfwjs/${name}`, version: NSFWJS_PACKAGE.version });
  }

  static async load(name: NudityModelName = "MobileNetV2"): Promise<NudityModel> {
    const bundle = BUNDLES[name];
    if (bundle === undefined) throw new RangeError(`unknown nudity model "${String(name)}"`);
    const tf = await loadTf();
    const nsfwjs = nodeRequire("nsfwjs") as Nsfwjs;
    // nsfwjs loads (and warms up) a model from any IOHandler; ours reads its bundled files.
    const model = new nsfwjs.NSFWJS(nsfwjsBundleHandler(bundle.folder, bundle.shards), {
      size: bundle.size,
    });
    await model.load();
    return new NudityModel(tf, model, bundle.size, name);
  }

  /** Scores for the five classes, from `size`×`size` RGB pixels (3 bytes per pixel). */
  async classify(rgb: Uint8Array): Promise<NudityScores> {
    if (rgb.length !== this.size * this.size * 3) {
      throw new RangeError(
        `expected ${this.size}×${this.size} RGB pixels, got ${rgb.length} bytes`,
      );
    }
    const input = this.tf.tensor3d(rgb, [this.size, this.size, 3], "int32");
    try {
      const predictions = await this.model.classify(input, NUDITY_CLASSES.length);
      const scores = { drawing: 0, hentai: 0, neutral: 0, porn: 0, sexy: 0 };
      for (const { className, probability } of predictions) {
        scores[className.toLowerCase() as NudityClass] = probability;
      }
      return scores;
    } finally {
      input.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}
