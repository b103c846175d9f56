/**
 * Face evaluation for the protected-face threshold: `npx tsx tools/face-eval.ts`.
 *
 * The only face photos available offline are the ones installed packages ship. Human's
 * `assets/screenshot-facematch.jpg` shows a grid of 108 face thumbnails extracted from party and
 * holiday photos (18 columns × 6 rows). By eye, the whole first row is one man (Human's author,
 * in 18 different photos); he is also the portrait in `screenshot-faceid.jpg`. Rows 3–6 are
 * other people, mostly women, each thumbnail taken as a different person (not verified: two
 * thumbnails there may show one person). Row 2 is left out: some of it may be the same man in
 * sunglasses. The grid was sorted by Human's own similarity to his face, so his row is the one
 * Human already found alike: a real but favourable sample of "same person".
 *
 * Pairs: same person, different photos (his 19 faces); same photo re-encoded (each face against
 * a shrunk, JPEG-q50 copy of itself); different people (him against rows 3–6: certain) and
 * rows 3–6 among themselves (presumed). Prints the distributions and the rates at thresholds.
 */
import sharp from "sharp";
import { cosineSimilarity, ImageAnalyser, PROTECTED_FACE_THRESHOLD } from "../src/signals/index.js";
import { assetCrop, PORTRAIT, type Region } from "../test/helpers/model-samples.js";

const GRID = { file: "screenshot-facematch.jpg", top: 282, cellWidth: 1920 / 18, cellHeight: 112 };

interface Face {
  readonly label: string;
  readonly person: "A" | "other";
  readonly embedding: Float32Array;
  readonly copy: Float32Array;
}

function cell(row: number, column: number): Region {
  return {
    left: Math.round(column * GRID.cellWidth) + 1,
    top: Math.round(GRID.top + row * GRID.cellHeight),
    width: Math.floor(GRID.cellWidth) - 2,
    height: GRID.cellHeight - 4,
  };
}

async function embed(analyser: ImageAnalyser, bytes: Buffer): Promise<Float32Array | undefined> {
  const { faces } = await analyser.analyse(bytes);
  return [...faces].sort((a, b) => b.confidence - a.confidence)[0]?.embedding;
}

async function loadFaces(analyser: ImageAnalyser): Promise<{ faces: Face[]; missed: string[] }> {
  const sources: { label: string; person: Face["person"]; bytes: Promise<Buffer> }[] = [
    { label: "faceid-portrait", person: "A", bytes: assetCrop(PORTRAIT.file, PORTRAIT.region) },
  ];
  for (let column = 0; column < 18; column++) {
    sources.push({
      label: `r1c${column + 1}`,
      person: "A",
      bytes: assetCrop(GRID.file, cell(0, column)),
    });
  }
  for (let row = 2; row < 6; row++) {
    for (let column = 0; column < 18; column++) {
      const bytes = assetCrop(GRID.file, cell(row, column));
      sources.push({ label: `r${row + 1}c${column + 1}`, person: "other", bytes });
    }
  }
  const missed: string[] = [];
  const results = await Promise.all(
    sources.map(async ({ label, person, bytes }) => {
      const original = await bytes;
      const meta = await sharp(original).metadata();
      const shrunk = await sharp(original)
        .resize(Math.round((meta.width ?? 100) * 0.6))
        .jpeg({ quality: 50 })
        .toBuffer();
      const [embedding, copy] = await Promise.all([
        embed(analyser, original),
        embed(analyser, shrunk),
      ]);
      if (!embedding || !copy) {
        missed.push(label);
        return undefined;
      }
      return { label, person, embedding, copy };
    }),
  );
  return { faces: results.filter((f): f is Face => f !== undefined), missed };
}

function pairs(faces: readonly Face[]) {
  const sameA: number[] = [];
  const copies: number[] = faces.map((f) => cosineSimilarity(f.embedding, f.copy));
  const differentCertain: number[] = [];
  const differentPresumed: number[] = [];
  for (let i = 0; i < faces.length; i++) {
    for (let j = i + 1; j < faces.length; j++) {
      const a = faces[i]!;
      const b = faces[j]!;
      const s = cosineSimilarity(a.embedding, b.embedding);
      if (a.person === "A" && b.person === "A") sameA.push(s);
      else if (a.person === "A" || b.person === "A") differentCertain.push(s);
      else differentPresumed.push(s);
    }
  }
  return { sameA, copies, differentCertain, differentPresumed };
}

function quantiles(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  const f = (v: number) => v.toFixed(3);
  return `${f(sorted[0]!)} | ${f(q(0.05))} | ${f(q(0.5))} | ${f(q(0.95))} | ${f(sorted.at(-1)!)}`;
}

function rate(values: readonly number[], threshold: number): string {
  const hits = values.filter((v) => v >= threshold).length;
  return `${((100 * hits) / values.length).toFixed(1)}% (${hits}/${values.length})`;
}

const analyser = await ImageAnalyser.open({ threads: Number(process.env.THREADS ?? 2) });
const { faces, missed } = await loadFaces(analyser);
await analyser.close();
const groups = pairs(faces);
console.log(
  `faces embedded: ${faces.length} (person A: ${faces.filter((f) => f.person === "A").length}); no face found in: ${missed.join(", ") || "none"}`,
);
console.log(
  "\n| pairs | count | min | 5% | median | 95% | max |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
);
const rows: [string, number[]][] = [
  ["same person, different photos (A × A)", groups.sameA],
  ["same photo, shrunk + JPEG q50", groups.copies],
  ["different people (A × others), certain", groups.differentCertain],
  ["different people (others × others), presumed", groups.differentPresumed],
];
for (const [name, values] of rows)
  console.log(`| ${name} | ${values.length} | ${quantiles(values)} |`);
const different = [...groups.differentCertain, ...groups.differentPresumed];
console.log(
  "\n| threshold | true match, different photos | true match, re-encoded copy | false match, certain | false match, all different |\n| ---: | ---: | ---: | ---: | ---: |",
);
for (const t of [0.55, 0.58, 0.6, 0.62, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]) {
  const mark = t === PROTECTED_FACE_THRESHOLD ? " (chosen)" : "";
  console.log(
    `| ${t.toFixed(2)}${mark} | ${rate(groups.sameA, t)} | ${rate(groups.copies, t)} | ${rate(groups.differentCertain, t)} | ${rate(different, t)} |`,
  );
}
