/**
 * The body of one pool thread: loads its models once, at thread start (Piscina imports this
 * module before the thread takes work), then analyses one image per task. Errors go back as
 * data, because a VigilError's `code` does not survive the trip between threads as an Error.
 */
import { threadId, workerData } from "node:worker_threads";
import sharp from "sharp";
import { isVigilError } from "../../core/index.js";
import { loadTf } from "./tf-runtime.js";
import { type AnalyseImageOptions, type ImageAnalysis, ThreadModels } from "./analyse-image.js";
import type { WorkerTask, WorkerReply } from "./worker-protocol.js";

// libvips's operation cache would keep the decoded pixels of the last images (possibly a victim's)
// after the call, and holds up to 50 MB. Uploads are all different, so it would rarely hit.
// The setting is libvips-wide: in a process running this pool, nothing of sharp is cached.
sharp.cache(false);

const started = performance.now();
const loading = ThreadModels.load((workerData as { models?: object } | undefined)?.models ?? {});
// Kept as a settled promise: a failed load answers every task with the same error instead of
// killing the thread (which Piscina would restart, failing again, in a loop).
loading.catch(() => undefined);
const loadMs = await loading.then(
  () => performance.now() - started,
  () => -1,
);

export default async function run(task: WorkerTask): Promise<WorkerReply> {
  let models: ThreadModels;
  try {
    models = await loading;
  } catch (error) {
    return failure("signals/unavailable", `The image models failed to load: ${messageOf(error)}`);
  }
  if (task.type === "ready") return { ok: true, type: "ready", threadId, loadMs };
  if (task.type === "tensors") return { ok: true, type: "tensors", count: await tensorCount() };
  try {
    const analysis: ImageAnalysis = await models.analyse(
      task.bytes,
      task.options as AnalyseImageOptions,
    );
    return { ok: true, type: "analysis", analysis };
  } catch (error) {
    if (isVigilError(error)) return failure(error.code, error.message, error.details);
    return failure("internal", `Image analysis failed: ${messageOf(error)}`);
  }
}

/** Live tensors in this thread: flat over many images, or something leaks. */
async function tensorCount(): Promise<number> {
  return (await loadTf()).memory().numTensors;
}

function failure(code: string, message: string, details: object = {}): WorkerReply {
  return { ok: false, error: { code, message, details } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
