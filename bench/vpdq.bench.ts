/**
 * Video hashing and vPDQ matching speed. Matching: two videos of random frame hashes (nothing
 * matches, the costly case: every pair is compared) at 30 minutes and 1 hour of 1 frame/s.
 * Hashing: a generated 20-second 1080p30 H.264 clip through ffmpeg at 1 frame/s (ffmpeg still
 * decodes all 600 frames), and PDQ alone on the 640×360 frames it hands over.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatPdqHex, matchPreparedVpdq, PdqHasher, prepareVpdq } from "../src/hash/index.js";
import { hashVideo } from "../src/media/index.js";
import { scenePixels } from "../test/helpers/images.js";
import { ffmpeg } from "../test/helpers/video.js";
import { measure, printRows } from "./harness.js";

function randomVideo(frames: number, seed: number) {
  let s = seed;
  const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
  return prepareVpdq(
    Array.from({ length: frames }, (_, index) => ({
      index,
      quality: 100,
      pdq: formatPdqHex(Uint16Array.from({ length: 16 }, () => next() >>> 16)),
      timestamp: index,
    })),
  );
}

export async function run(): Promise<void> {
  const halfHour = [randomVideo(1800, 1), randomVideo(1800, 2)] as const;
  const hour = [randomVideo(3600, 3), randomVideo(3600, 4)] as const;
  printRows(
    "vPDQ matching, no frame in common (every pair compared)",
    [
      await measure("1,800 × 1,800 frames", () => matchPreparedVpdq(...halfHour)),
      await measure("3,600 × 3,600 frames", () => matchPreparedVpdq(...hour)),
    ],
    "video pairs",
  );

  const hasher = new PdqHasher();
  const frame = scenePixels(640, 360, 1);
  printRows(
    "PDQ of one 640×360 frame",
    [await measure("PDQ hash", () => hasher.hash(frame))],
    "frames",
  );

  const dir = mkdtempSync(join(tmpdir(), "vigil-bench-"));
  try {
    const clip = join(dir, "clip.mp4");
    ffmpeg(
      "-f",
      "lavfi",
      "-i",
      "testsrc2=duration=20:size=1920x1080:rate=30",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-pix_fmt",
      "yuv420p",
      clip,
    );
    const runs = await measure(
      "hashVideo, 1 frame/s (20 frames, 600 decoded)",
      () => hashVideo({ path: clip }, { hasher }),
      { seconds: 10, warmup: 1 },
    );
    printRows("A 20 s 1080p30 H.264 clip from a file", [runs], "clips");
    console.log(
      `\n${(runs.perSecond * 20).toFixed(1)} frames hashed a second; ${(runs.perSecond * 20).toFixed(1)}× real time at 1 frame/s.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
