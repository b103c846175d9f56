import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { type ErrorCode, VigilError } from "../../core/index.js";
import type { AnalyseImageOptions, ImageAnalysis, ThreadModelOptions } from "./analyse-image.js";
import type { WorkerReply, WorkerTask } from "./worker-protocol.js";

export interface ImageAnalyserOptions extends ThreadModelOptions {
  /** Worker threads, each with its own models; one per core by default. */
  readonly threads?: number;
  /** Default options of every `analyse` call (decode limits, face gate). */
  readonly defaults?: AnalyseImageOptions;
}

/**
 * The thread entry beside this file: `worker.js` in the built `dist/`; from TypeScript source
 * (vitest, tsx) `worker-tsx.mjs`, which loads `worker.ts` through tsx inside the thread.
 */
function workerFile(): string {
  const source = import.meta.url.endsWith(".ts");
  return fileURLToPath(new URL(source ? "./worker-tsx.mjs" : "./worker.js", import.meta.url));
}

/**
 * Nudity scores and faces of images, computed in a pool of worker threads that each load their
 * models once. Bad bytes come back as the media part's VigilError (`media/corrupt`, …) and the
 * pool keeps serving; `close` ends the threads.
 */
export class ImageAnalyser {
  private closed = false;

  private constructor(
    private readonly pool: Piscina<WorkerTask, WorkerReply>,
    private readonly defaults: AnalyseImageOptions,
    /** Milliseconds each thread took to load its models. */
    readonly loadMs: readonly number[],
  ) {}

  /** Starts the threads and waits until every one has its models (or fails with the reason). */
  static async open(options: ImageAnalyserOptions = {}): Promise<ImageAnalyser> {
    const threads = options.threads ?? availableParallelism();
    if (!Number.isInteger(threads) || threads < 1) {
      throw new RangeError(`threads must be a positive integer, got ${String(threads)}`);
    }
    // `threads` rides along in `models`, unread by the threads.
    const { defaults = {}, ...models } = options;
    const pool = new Piscina<WorkerTask, WorkerReply>({
      filename: workerFile(),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: { models },
    });
    try {
      return new ImageAnalyser(pool, defaults, await everyThreadLoaded(pool, threads));
    } catch (error) {
      await pool.destroy();
      throw error;
    }
  }

  get threads(): number {
    return this.pool.threads.length;
  }

  /** Nudity scores and (unless gated off) faces of one image file's bytes. */
  async analyse(bytes: Uint8Array, options: AnalyseImageOptions = {}): Promise<ImageAnalysis> {
    if (this.closed) throw new VigilError("signals/unavailable", "The image analyser is closed.");
    const reply = await this.pool.run({
      type: "analyse",
      bytes,
      options: { ...this.defaults, ...options },
    });
    return frozen(unwrap(reply, "analysis"));
  }

  /** Live tensors in each thread (one task per thread is not guaranteed; for tests and checks). */
  async tensorCount(): Promise<number> {
    const reply = await this.pool.run({ type: "tensors" });
    if (!reply.ok || reply.type !== "tensors") throw new Error("unexpected worker reply");
    return reply.count;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.destroy();
  }
}

/**
 * Piscina hands a task only to a thread that has finished loading its module (here: its
 * models), so "ready" tasks answered by every thread mean every thread is loaded. A quick thread
 * may answer several while a slow one still loads: ask again until each has answered.
 */
async function everyThreadLoaded(
  pool: Piscina<WorkerTask, WorkerReply>,
  threads: number,
): Promise<number[]> {
  const loadMs = new Map<number, number>();
  while (loadMs.size < threads) {
    if (loadMs.size > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const replies = await Promise.all(
      Array.from({ length: threads }, () => pool.run({ type: "ready" })),
    );
    for (const reply of replies) {
      const ready = unwrap(reply, "ready");
      loadMs.set(ready.threadId, ready.loadMs);
    }
  }
  return [...loadMs.values()];
}

type ReadyReply = Extract<WorkerReply, { type: "ready" }>;

function unwrap(reply: WorkerReply, type: "ready"): ReadyReply;
function unwrap(reply: WorkerReply, type: "analysis"): ImageAnalysis;
function unwrap(reply: WorkerReply, type: "ready" | "analysis"): ReadyReply | ImageAnalysis {
  if (!reply.ok) {
    const { code, message, details } = reply.error;
    throw new VigilError(code as ErrorCode, message, { ...details });
  }
  if (reply.type !== type) throw new Error(`unexpected worker reply ${reply.type}`);
  return reply.type === "analysis" ? reply.analysis : (reply as ReadyReply);
}

/** Signals are frozen data; freezing does not survive the copy between threads, so redo it. */
function frozen(analysis: ImageAnalysis): ImageAnalysis {
  const { nudity, faces } = analysis;
  Object.freeze(nudity.model);
  Object.freeze(nudity.scores);
  for (const face of faces) {
    Object.freeze(face.model);
    Object.freeze(face.box);
    Object.freeze(face);
  }
  Object.freeze(faces);
  Object.freeze(nudity);
  return Object.freeze(analysis);
}
