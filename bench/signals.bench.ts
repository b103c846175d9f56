/**
 * Image models through the worker pool (2 threads): images/s for the nudity gate alone (nsfwjs
 * MobileNetV2, faces off) and for nudity + faces (Human's BlazeFace + FaceRes on every image).
 * The images: a 640×480 JPEG made from Human's samples.jpg (a party photo with a dozen faces)
 * and a 140×140 portrait, alternating; the pool gets 8 images in flight so both threads work.
 */
import sharp from "sharp";
import { ImageAnalyser } from "../src/signals/index.js";
import { assetCrop, humanAsset, PORTRAIT } from "../test/helpers/model-samples.js";
import { type Measurement, printRows } from "./harness.js";

const THREADS = 2;
const IN_FLIGHT = 8;

async function throughput(
  name: string,
  analyser: ImageAnalyser,
  images: readonly Buffer[],
  seconds: number,
): Promise<Measurement> {
  let next = 0;
  const one = () => analyser.analyse(images[next++ % images.length]!);
  await Promise.all(Array.from({ length: IN_FLIGHT }, one)); // warm-up
  let operations = 0;
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (elapsed() < seconds) {
        await one();
        operations++;
      }
    }),
  );
  const took = elapsed();
  const cpu = process.cpuUsage(cpuStart);
  cpuMsEach.set(name, (cpu.user + cpu.system) / 1000 / operations);
  return { name, operations, seconds: took, perSecond: operations / took };
}

/**
 * CPU time per image, all threads of the process: unlike images/s, it hardly depends on what
 * else the machine runs, so it gives the throughput of idle cores (cores × 1000 / ms).
 */
const cpuMsEach = new Map<string, number>();

function printCpu(): void {
  console.log("\n| what | CPU ms per image | images/s on 2 idle cores (estimate) |");
  console.log("| --- | ---: | ---: |");
  for (const [name, ms] of cpuMsEach) {
    console.log(`| ${name} | ${ms.toFixed(0)} | ${((2 * 1000) / ms).toFixed(1)} |`);
  }
}

export async function run(): Promise<void> {
  const seconds = Number(process.env.BENCH_SIGNALS_SECONDS ?? 20);
  const party = await sharp(humanAsset("samples.jpg"))
    .extract({ left: 0, top: 190, width: 1280, height: 960 })
    .resize(640, 480)
    .jpeg({ quality: 85 })
    .toBuffer();
  const images = [party, await assetCrop(PORTRAIT.file, PORTRAIT.region)];
  const rows: Measurement[] = [];

  const nudityOnly = await ImageAnalyser.open({ threads: THREADS, faces: false });
  console.log(
    `\nmodel load per thread (nudity only): ${nudityOnly.loadMs.map((ms) => ms.toFixed(0)).join(", ")} ms`,
  );
  rows.push(
    await throughput(`nudity (MobileNetV2), ${THREADS} threads`, nudityOnly, images, seconds),
  );
  await nudityOnly.close();

  const both = await ImageAnalyser.open({ threads: THREADS });
  console.log(
    `model load per thread (nudity + faces): ${both.loadMs.map((ms) => ms.toFixed(0)).join(", ")} ms`,
  );
  rows.push(await throughput(`nudity + faces, ${THREADS} threads`, both, images, seconds));
  await both.close();

  printRows("Image models (worker pool)", rows, "images");
  printCpu();
}
