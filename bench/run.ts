/**
 * `npm run bench`: every benchmark, one after another, printed as Markdown. Run it on an idle
 * machine; UV_THREADPOOL_SIZE=1 (set by the npm script) and sharp.concurrency(1) keep it to one
 * core. BENCH_ONLY=pdq (or mih, vpdq, server, pipeline, robust) runs one suite; BENCH_SIZES=1000000 limits the index sizes.
 * The pipeline suite (API and worker processes, items through the whole path) takes
 * BENCH_PIPELINE_ITEMS, BENCH_PIPELINE_IMAGES and BENCH_PIPELINE_BANK, and VIGIL_BENCH_NATS_URL
 * to measure the NATS queue too.
 */
import { cpus } from "node:os";

const suites: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  pdq: () => import("./pdq.bench.js"),
  mih: () => import("./mih.bench.js"),
  vpdq: () => import("./vpdq.bench.js"),
  server: () => import("./server.bench.js"),
  pipeline: () => import("./pipeline.bench.js"),
  text: () => import("./text.bench.js"),
  faces: () => import("./faces.bench.js"),
  signals: () => import("./signals.bench.js"),
  robust: () => import("./robustness.bench.js"),
};

const only = process.env.BENCH_ONLY;
console.log(`# Vigil benchmarks — ${new Date().toISOString().slice(0, 10)}`);
console.log(`Node ${process.version}, ${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}`);
for (const [name, load] of Object.entries(suites)) {
  if (only && only !== name) continue;
  await (await load()).run();
}
