import type * as TfModule from "@tensorflow/tfjs";
import type * as TfWasmModule from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * One TF.js runtime per thread, on the wasm backend (`@tensorflow/tfjs-node` cannot be
 * installed here). Everything is loaded through `require`, on purpose: the packages have no
 * `exports` map, so Node resolves their CommonJS builds, and Human's Node build `require`s
 * tfjs too. Loading one module graph keeps a single tfjs-core (one engine, one kernel registry,
 * one IO router registry) shared by nsfwjs, Human and us.
 */
export type Tf = typeof TfModule;
type TfWasm = typeof TfWasmModule;

export const nodeRequire = createRequire(import.meta.url);

let runtime: Promise<Tf> | undefined;

/** The thread's TF.js on the wasm backend, ready; the first call loads it, later calls share it. */
export function loadTf(): Promise<Tf> {
  runtime ??= startTf();
  return runtime;
}

async function startTf(): Promise<Tf> {
  const tf = nodeRequire("@tensorflow/tfjs") as Tf;
  const wasm = nodeRequire("@tensorflow/tfjs-backend-wasm") as TfWasm;
  // The .wasm binaries sit beside the package's main file; read from disk, never fetched.
  wasm.setWasmPaths(wasmDirectory());
  // Production mode skips per-op argument checks the models never need.
  tf.enableProdMode();
  // One core per thread: the pool, not wasm pthreads, spreads work over the cores.
  tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
  await tf.setBackend("wasm");
  await tf.ready();
  return tf;
}

/** The folder holding tfjs-backend-wasm's .wasm files, with a trailing slash as it expects. */
export function wasmDirectory(): string {
  return join(dirname(nodeRequire.resolve("@tensorflow/tfjs-backend-wasm")), "/");
}
