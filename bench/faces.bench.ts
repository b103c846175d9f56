/**
 * Face index benchmark: ms per query against N protected embeddings (default 100,000 × 1024),
 * the exact pruned search (FaceIndex) against a plain brute-force scan in the same run, on two
 * kinds of data (test/helpers/face-data.ts):
 *
 * - random unit vectors — the worst case: energy spread evenly, the bound prunes almost nothing;
 * - clustered embeddings — the shape of real face embeddings: people with a decaying variance
 *   spectrum (about 96 effective dimensions), 4 references each with noise; half the queries are
 *   new photos of registered people (they match), half are strangers.
 *
 * Also the build time and the multiply-adds per query (machine-independent). One core.
 *
 *   BENCH_ONLY=faces npm run bench
 *   BENCH_FACE_DATA=random BENCH_FACES=20000 node --max-old-space-size=8192 --import tsx bench/faces.bench.ts
 */
import { performance } from "node:perf_hooks";
import {
  DEFAULT_FACE_THRESHOLD,
  FaceIndex,
  similarity,
  type FaceIndexEntry,
} from "../src/engine/index.js";
import { clusteredFaces, gaussian, randomUnit } from "../test/helpers/face-data.js";

const D = 1024;
// The threshold a server runs with (the face evaluation's); a lower one prunes less.
const THRESHOLD = Number(process.env.BENCH_FACE_THRESHOLD ?? DEFAULT_FACE_THRESHOLD);
const QUERIES = 200;

function bruteForce(entries: readonly FaceIndexEntry[], q: Float32Array): number {
  let best = -Infinity;
  for (const entry of entries) {
    const s = similarity(q, entry.vector);
    if (s >= THRESHOLD && s > best) best = s;
  }
  return best;
}

function timePerQuery(queries: readonly Float32Array[], search: (q: Float32Array) => unknown) {
  for (const q of queries.slice(0, 5)) search(q);
  const start = performance.now();
  for (const q of queries) search(q);
  return (performance.now() - start) / queries.length;
}

function report(
  name: string,
  entries: readonly FaceIndexEntry[],
  queries: readonly Float32Array[],
): void {
  const buildStart = performance.now();
  const index = FaceIndex.build(entries, { dimension: D, threshold: THRESHOLD });
  const buildSeconds = (performance.now() - buildStart) / 1000;
  let matches = 0;
  const indexMs = timePerQuery(queries, (q) => {
    if (index.search(q)) matches++;
  });
  const { multiplyAdds, bruteForce: bruteAdds, searches, exact } = index.work;
  const bruteMs = timePerQuery(queries.slice(0, 40), (q) => bruteForce(entries, q));
  console.log(
    `| ${name} | ${entries.length.toLocaleString("en")} | ${indexMs.toFixed(2)} | ` +
      `${bruteMs.toFixed(1)} | ${(multiplyAdds / searches / 1e6).toFixed(2)}M of ` +
      `${(bruteAdds / searches / 1e6).toFixed(1)}M | ${(exact / searches).toFixed(1)} | ` +
      `${Math.round((matches * 100) / (queries.length + 5))}% | ${buildSeconds.toFixed(1)} s |`,
  );
}

export async function run(): Promise<void> {
  const n = Number(process.env.BENCH_FACES ?? 100_000);
  console.log(`\n### Protected-face search, ${D}-d, threshold ${THRESHOLD}\n`);
  console.log(
    "| data | references | index ms/query | brute force ms/query | multiply-adds/query | exact re-ranks/query | queries matched | build |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");

  const data = process.env.BENCH_FACE_DATA ?? "clustered,random";
  if (data.includes("clustered")) clusteredRun(n);
  if (data.includes("random")) randomRun(n);
}

function clusteredRun(n: number): void {
  const faces = clusteredFaces(D, 7, { scale: 32, noise: 0.5 });
  const people = Math.ceil(n / 4);
  const identities = Array.from({ length: people }, () => faces.identity());
  const clustered = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    personId: `p${i % people}`,
    vector: faces.view(identities[i % people]!),
  }));
  const clusteredQueries = Array.from({ length: QUERIES }, (_, i) =>
    faces.view(i % 2 === 0 ? identities[(i * 7919) % people]! : faces.identity()),
  );
  report("clustered", clustered, clusteredQueries);
}

function randomRun(n: number): void {
  const next = gaussian(11);
  const random = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    personId: `p${i}`,
    vector: randomUnit(D, next),
  }));
  report(
    "random",
    random,
    Array.from({ length: QUERIES }, () => randomUnit(D, next)),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
