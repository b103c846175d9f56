/**
 * `node --expose-gc --import tsx bench/memory-check.ts`: 5,000 nudity classifications through
 * the pool (2 threads, faces off unless MEMORY_CHECK_FACES=1) and the process's resident memory
 * before and after. Worker threads live in this process, so RSS counts their models and tensors
 * too. The goal: under 50 MB of growth. Takes minutes; not part of the test suite.
 */
import { ImageAnalyser } from "../src/signals/index.js";
import { assetCrop, AVATAR, CEILING, PORTRAIT } from "../test/helpers/model-samples.js";

const COUNT = Number(process.env.MEMORY_CHECK_COUNT ?? 5000);
const faces = process.env.MEMORY_CHECK_FACES === "1";
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const images = await Promise.all(
  [PORTRAIT, CEILING, AVATAR].map((sample) => assetCrop(sample.file, sample.region)),
);
const analyser = await ImageAnalyser.open({ threads: 2, faces });
// Warm-up: the first images grow wasm memory and tfjs's caches to their working size.
for (let i = 0; i < 50; i++) await analyser.analyse(images[i % images.length]!);
gc();
const before = process.memoryUsage().rss;
const tensorsBefore = await analyser.tensorCount();
console.log(`after warm-up: RSS ${mb(before)} MB, tensors ${tensorsBefore}`);

let done = 0;
await Promise.all(
  [0, 1, 2, 3].map(async () => {
    while (done < COUNT) {
      const i = done++;
      await analyser.analyse(images[i % images.length]!);
      if (i > 0 && i % 1000 === 0) console.log(`${i}: RSS ${mb(process.memoryUsage().rss)} MB`);
    }
  }),
);
gc();
const after = process.memoryUsage().rss;
console.log(
  `after ${COUNT} classifications (faces ${faces ? "on" : "off"}): RSS ${mb(after)} MB, tensors ${await analyser.tensorCount()}`,
);
console.log(`growth: ${mb(after - before)} MB (goal: under 50 MB)`);
await analyser.close();
