import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { io } from "@tensorflow/tfjs";
import { installedPackage } from "./packages.js";
import { nodeRequire, type Tf } from "./tf-runtime.js";

/**
 * Models are read from files inside installed packages and nothing is fetched: tfjs in Node
 * knows only HTTP, so these IOHandlers hand it the files' contents themselves.
 */

interface ModelJson {
  readonly modelTopology: NonNullable<io.ModelArtifacts["modelTopology"]>;
  readonly format?: string;
  readonly generatedBy?: string;
  readonly convertedBy?: string | null;
  readonly weightsManifest: readonly {
    readonly paths: readonly string[];
    readonly weights: io.WeightsManifestEntry[];
  }[];
  readonly signature?: object;
  readonly userDefinedMetadata?: Record<string, object>;
  readonly modelInitializer?: object;
}

/** A handler for a converted model: `model.json` and the `.bin` shards its manifest names. */
export function fileModelHandler(jsonPath: string): io.IOHandler {
  return {
    load: async () => {
      const json = JSON.parse(await readFile(jsonPath, "utf8")) as ModelJson;
      const shards = json.weightsManifest.flatMap((group) => group.paths);
      const buffers = await Promise.all(
        shards.map((shard) => readFile(join(dirname(jsonPath), shard))),
      );
      return artifactsOf(json, Buffer.concat(buffers));
    },
  };
}

/**
 * nsfwjs ships its models as CommonJS bundles (`model.min.js` exporting the model JSON, each
 * `group1-shardNofM.min.js` a base64 string) so that browsers can bundle them. We read those
 * same files; decoding with Node's Buffer is about ten times faster than nsfwjs's own loader,
 * which goes through a JavaScript Buffer polyfill (seconds per model on this machine).
 */
export function nsfwjsBundleHandler(folder: string, shardCount: number): io.IOHandler {
  return {
    load: () => {
      const dir = join(installedPackage("nsfwjs").dir, "dist/models", folder);
      const json = requireOnce(join(dir, "model.min.js")) as ModelJson;
      const shards: Buffer[] = [];
      for (let i = 1; i <= shardCount; i++) {
        const base64 = requireOnce(join(dir, `group1-shard${i}of${shardCount}.min.js`)) as string;
        shards.push(Buffer.from(base64, "base64"));
      }
      return Promise.resolve(artifactsOf(json, Buffer.concat(shards)));
    },
  };
}

/** Evaluates a bundle without keeping it in the module cache (megabytes of base64 each). */
function requireOnce(path: string): unknown {
  try {
    return nodeRequire(path);
  } finally {
    delete nodeRequire.cache[path];
  }
}

function artifactsOf(json: ModelJson, weights: Buffer): io.ModelArtifacts {
  const artifacts: io.ModelArtifacts = {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    // A copy of exactly the weights' bytes: a Buffer may be a view on a larger (pooled) one.
    weightData: new Uint8Array(weights).buffer,
  };
  if (json.format !== undefined) artifacts.format = json.format;
  if (json.generatedBy !== undefined) artifacts.generatedBy = json.generatedBy;
  if (json.convertedBy != null) artifacts.convertedBy = json.convertedBy;
  if (json.signature !== undefined) artifacts.signature = json.signature;
  if (json.userDefinedMetadata !== undefined)
    artifacts.userDefinedMetadata = json.userDefinedMetadata;
  if (json.modelInitializer !== undefined) artifacts.modelInitializer = json.modelInitializer;
  return artifacts;
}

/** URLs of this scheme name a model.json on disk; Human is given them as its model base path. */
export const MODEL_FILE_SCHEME = "vigil-model-file:";

let routerRegistered = false;

/**
 * Lets any `tf.loadGraphModel(url)` in this thread read `vigil-model-file:/abs/path.json` from
 * disk. Human builds its model URLs from a base path and asks tfjs for a handler, so this is
 * the one seam through which it loads without `fetch` (which has no `file:` in Node).
 */
export function registerModelFileRouter(tf: Tf): void {
  if (routerRegistered) return;
  routerRegistered = true;
  // tfjs skips a router that answers null; its type says IOHandler only.
  const router = (url: string | string[]): io.IOHandler | null =>
    typeof url === "string" && url.startsWith(MODEL_FILE_SCHEME)
      ? fileModelHandler(url.slice(MODEL_FILE_SCHEME.length))
      : null;
  tf.io.registerLoadRouter(router as (url: string | string[]) => io.IOHandler);
}
