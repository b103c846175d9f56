/**
 * Robustness of matching to the edits people make when they re-share a picture (issue #14), and
 * what it costs. Prints, as Markdown for docs/ROBUSTNESS.md:
 *
 * - costs on the reference's 1600×1004 photo (bridge-mods/aaa-orig.jpg): the hash path of a scan
 *   today (decode, PDQ, MD5, SHA-256) and with robust hashes, banking, lookups, bytes per picture;
 * - for each photo set, the share of edited copies matched per edit kind (the 17 edits of the
 *   issue and randomised ones, see bench/robust/edits.ts), and every false match, with every photo
 *   banked together with 1M random whole-image hashes and 1M random region hashes.
 *
 *   BENCH_ONLY=robust npm run bench
 *   BENCH_ROBUST_SETS=installable,heldout (default: both; held-out photos live outside the
 *   repository, in ROBUST_HELDOUT_DIR or /work/data/heldout), BENCH_ROBUST_LIMIT=n photos a set,
 *   BENCH_ROBUST_NOISE=0 to bank no random entries, BENCH_ROBUST_COSTS=0 to skip the timings.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import sharp from "sharp";
import {
  encodeBankHashes,
  PdqHasher,
  referencePreScale,
  RobustHasher,
  RobustIndex,
  type BankHashes,
  type QueryHashes,
} from "../src/hash/index.js";
import { decodeImage } from "../src/media/index.js";
import { encode, scenePixels } from "../test/helpers/images.js";
import { pdqVectorPath } from "../test/helpers/shared.js";
import { applyEdit, loadMaster } from "./robust/edits.js";
import { evaluate, printReport } from "./robust/evaluate.js";
import { heldoutPhotos, installablePhotos } from "./robust/photos.js";

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" / ");

/** Wall-clock p50 and CPU time per run of `op`, after a warm-up. */
async function timed(
  op: () => unknown,
  runs: number,
): Promise<{ p50: number; p90: number; cpu: number }> {
  for (let i = 0; i < 5; i++) await op();
  const times: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await op();
    times.push(performance.now() - t0);
  }
  const c = process.cpuUsage(c0);
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(runs / 2)]!,
    p90: times[Math.floor(runs * 0.9)]!,
    cpu: (c.user + c.system) / 1000 / runs,
  };
}

const digests = (bytes: Uint8Array) => [
  createHash("md5").update(bytes).digest("hex"),
  createHash("sha256").update(bytes).digest("hex"),
];

async function costs(): Promise<void> {
  const path = pdqVectorPath("data/bridge-mods/aaa-orig.jpg");
  const bytes = existsSync(path)
    ? readFileSync(path)
    : await encode(scenePixels(1600, 1004, 1), "jpeg");
  const pdq = new PdqHasher();
  const robust = new RobustHasher();
  const runs = Number(process.env.BENCH_ROBUST_RUNS ?? 60);
  console.log(
    `\n### Costs on ${existsSync(path) ? "bridge-mods/aaa-orig.jpg" : "a generated 1600×1004 JPEG"} (${bytes.length} bytes), one core\n`,
  );
  console.log(`Load average before: ${load()} (2 cores, shared).\n`);
  const rows: [string, { p50: number; p90: number; cpu: number }][] = [];
  rows.push([
    "today: decode + PDQ + MD5 + SHA-256",
    await timed(async () => {
      const px = (await decodeImage(bytes)).pixels;
      pdq.hash(referencePreScale(px));
      digests(bytes);
    }, runs),
  ]);
  rows.push([
    "robust query: decode + whole/trimmed/regions (8 orientations) + MD5 + SHA-256",
    await timed(async () => {
      const px = (await decodeImage(bytes)).pixels;
      robust.query(px);
      digests(bytes);
    }, runs),
  ]);
  const px = (await decodeImage(bytes)).pixels;
  rows.push([
    "robust query hashing alone (from decoded pixels)",
    await timed(() => robust.query(px), runs),
  ]);
  rows.push([
    "PDQ alone (from decoded pixels, today)",
    await timed(() => pdq.hash(referencePreScale(px)), runs),
  ]);
  rows.push([
    "robust bank hashing alone (from decoded pixels; the portal does this in the browser)",
    await timed(() => robust.bank(px), Math.max(5, runs / 6)),
  ]);
  console.log("| what | p50 ms | p90 ms | CPU ms each |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const [name, t] of rows)
    console.log(`| ${name} | ${t.p50.toFixed(1)} | ${t.p90.toFixed(1)} | ${t.cpu.toFixed(1)} |`);
  console.log(`\nLoad average after: ${load()}.`);
  const q = robust.query(px);
  const b = robust.bank(px);
  console.log(
    `\nThis photo: ${q.regions.length} query windows (×8 orientations = ${q.regions.length * 8} region lookups), ${b.regions.length} bank windows; stored form ${encodeBankHashes(b).length} bytes.`,
  );
  await lookups(b);
}

/** Lookup cost and index memory with many banked pictures (random ones, plus this photo). */
async function lookups(photo: BankHashes): Promise<void> {
  const pictures = Number(process.env.BENCH_ROBUST_INDEX ?? 100_000);
  const index = new RobustIndex();
  const empty = index.byteLength;
  let s = 12345;
  const next = () => ((s ^= s << 13), (s ^= s >>> 17), (s ^= s << 5), s >>> 0);
  const hash = () => Uint16Array.from({ length: 16 }, () => next() & 0xffff);
  const t0 = performance.now();
  for (let i = 0; i < pictures; i++) {
    const regions = Array.from({ length: 12 }, () => ({
      hash: hash(),
      quality: 80,
      rect: { x0: 0.1, y0: 0.1, x1: 0.4, y1: 0.4 },
    }));
    index.add(i, {
      whole: { hash: hash(), quality: 80 },
      content: { rect: { x0: 0, y0: 0, x1: 1, y1: 1 }, aspect: 1 },
      regions,
      notes: [],
    });
  }
  index.add(pictures, photo);
  const built = performance.now() - t0;
  const perPicture = (index.byteLength - empty) / (pictures + 1);
  const m = await loadMaster(pdqVectorPath("data/bridge-mods/aaa-orig.jpg"));
  const robust = new RobustHasher();
  const queries: QueryHashes[] = [];
  for (const kind of ["crop 70% centre", "random screenshot", "jpeg q30", "mirror + crop"]) {
    queries.push(
      robust.query((await decodeImage((await applyEdit(kind, m, "lookup")).bytes)).pixels),
    );
  }
  const t = await timed(() => queries.map((q) => index.search(q)), 10);
  console.log(
    `\nLookups among ${pictures + 1} banked pictures (${(pictures + 1) * 12} region hashes, ${pictures + 1} whole; built by adds in ${(built / 1000).toFixed(0)} s): ` +
      `a search (whole + trimmed + every window, 8 orientations each, exact) takes ${(t.p50 / queries.length).toFixed(1)} ms p50 (CPU ${(t.cpu / queries.length).toFixed(1)} ms). ` +
      `Index memory ${perPicture.toFixed(0)} bytes per picture (whole + 12 windows, MIH arrays only).`,
  );
}

export async function run(): Promise<void> {
  sharp.concurrency(1);
  sharp.cache(false);
  console.log("\n## Robustness to re-share edits (issue #14)");
  if (process.env.BENCH_ROBUST_COSTS !== "0") await costs();
  const sets = (process.env.BENCH_ROBUST_SETS ?? "installable,heldout").split(",");
  const limit = Number(process.env.BENCH_ROBUST_LIMIT ?? Infinity);
  const noiseSize = Number(process.env.BENCH_ROBUST_NOISE ?? 1_000_000);
  const noise =
    noiseSize > 0
      ? { wholeHashes: noiseSize, regionPictures: Math.ceil(noiseSize / 12) }
      : undefined;
  for (const set of sets) {
    const photos = (set === "heldout" ? heldoutPhotos() : installablePhotos()).slice(0, limit);
    if (photos.length === 0) {
      console.log(`\n(${set}: no photos found, skipped)`);
      continue;
    }
    const t0 = performance.now();
    const report = await evaluate(photos, {
      ...(noise ? { noise } : {}),
      log: (line) => console.error(`[${set}] ${line}`),
    });
    printReport(
      `${set === "heldout" ? "Held-out photos" : "Installable photos"}${noise ? `, banked with ${noiseSize} random whole and ${noise.regionPictures * 12} random region hashes` : ""}`,
      report,
      console.log,
    );
    const q = [...report.queryMs].sort((a, b) => a - b);
    console.log(
      `- ${(performance.now() - t0) / 60000 > 1 ? `${((performance.now() - t0) / 60000).toFixed(0)} min` : "under a minute"}; query hashing p50 ${q[q.length >> 1]!.toFixed(1)} ms over ${q.length} copies (load ${load()})`,
    );
    const notes = report.bankNotes.filter((n) => !n.includes("trimmed to"));
    if (notes.length > 0) console.log(`- bank notes: ${notes.join("; ")}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
