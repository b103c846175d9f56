/**
 * MIH index benchmark: build time, bytes per entry, single-hash lookups/s at d = 31 for N uniform
 * random PDQ hashes (seeded), against a plain linear scan in the same run; then serialise/load
 * and the add/remove paths. One core (Node runs this on one thread).
 *
 *   node --max-old-space-size=8192 --expose-gc --import tsx bench/mih.bench.ts
 *   BENCH_SIZES=1000000 node --import tsx bench/mih.bench.ts
 *
 * With --expose-gc the arrayBuffers figure is taken after a collection, so that it leaves out
 * the build's temporary arrays; without it, it includes whatever the collector has not yet freed.
 */
import { performance } from "node:perf_hooks";
import { DIHEDRAL_NAMES, MihIndex, type DihedralName } from "../src/hash/index.js";

const D = 31;
const QUERIES = 2_000;

/** xorshift32; the state lives in a typed array so that no call allocates a heap number. */
function seeded(seed: number): () => number {
  const state = Uint32Array.of(seed >>> 0 || 1);
  return () => {
    let s = state[0]!;
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (state[0] = s >>> 0);
  };
}

function randomWords(count: number, next: () => number): Uint16Array {
  const words = new Uint16Array(count * 16);
  for (let i = 0; i < words.length; i += 2) {
    const r = next();
    words[i] = r & 0xffff;
    words[i + 1] = r >>> 16;
  }
  return words;
}

/** Queries near existing entries (0..31 random bits flipped), so there are real hits. */
function plantedQueries(
  words: Uint16Array,
  n: number,
  count: number,
  next: () => number,
): Uint16Array[] {
  return Array.from({ length: count }, () => {
    const e = next() % n;
    const q = words.slice(e * 16, e * 16 + 16);
    const flips = next() % 32;
    for (let i = 0; i < flips; i++) {
      const bit = next() & 255;
      q[bit >>> 4]! ^= 1 << (bit & 15);
    }
    return q;
  });
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** The straightforward alternative: every entry's distance, 8 × 32-bit words, flat array. */
function linearScan(packed: Uint32Array, n: number, query: Uint16Array, d: number): number {
  const q = new Uint32Array(query.buffer, query.byteOffset, 8);
  let hits = 0;
  for (let e = 0, b = 0; e < n; e++, b += 8) {
    let total = 0;
    for (let k = 0; k < 8; k++) total += popcount32(packed[b + k]! ^ q[k]!);
    if (total <= d) hits++;
  }
  return hits;
}

function rate(queries: readonly Uint16Array[], lookup: (q: Uint16Array) => number) {
  const start = performance.now();
  let hits = 0;
  for (const q of queries) hits += lookup(q);
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: Math.round(queries.length / seconds), hits };
}

/** With --expose-gc: a full collection, then a turn of the loop for the freed buffers to be counted. */
async function collectGarbage(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
  gc();
}

const fmt = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 1 });
const since = (start: number) => performance.now() - start;

async function benchSize(n: number): Promise<void> {
  const rows: Array<[string, string]> = [];
  const row = (what: string, value: string) => rows.push([what, value]);
  const next = seeded(0x5eed + n);
  const words = randomWords(n, next);
  const ids = Uint32Array.from({ length: n }, (_, i) => i);
  const before = process.memoryUsage().arrayBuffers;
  let t = performance.now();
  const index = MihIndex.build(ids, words);
  row("build", `${fmt(since(t))} ms`);
  await collectGarbage();
  const arrayBuffers = process.memoryUsage().arrayBuffers - before;
  row("memory, typed arrays counted (incl. id table)", `${fmt(index.byteLength / n)} B/entry`);
  row("memory, `arrayBuffers` delta", `${fmt(arrayBuffers / n)} B/entry`);

  const random = Array.from({ length: QUERIES }, () => randomWords(1, next));
  const planted = plantedQueries(words, n, QUERIES, next);
  const search = (q: Uint16Array) => index.search(q, D).length;
  rate(random.slice(0, 200), search); // warm-up
  const r = rate(random, search);
  row(`index, ${QUERIES} random queries`, `${fmt(r.perSecond)} lookups/s (${r.hits} hits)`);
  const p = rate(planted, search);
  row(
    `index, ${QUERIES} queries 0–31 bits off an entry`,
    `${fmt(p.perSecond)} lookups/s (${p.hits} hits)`,
  );
  const variants = Array.from({ length: 200 }, () =>
    Object.fromEntries(DIHEDRAL_NAMES.map((name) => [name, randomWords(1, next)])),
  ) as Array<Record<DihedralName, Uint16Array>>;
  t = performance.now();
  for (const v of variants) index.searchDihedral(v, D);
  row(
    "index, dihedral (8 variants a query)",
    `${fmt(variants.length / (since(t) / 1000))} lookups/s`,
  );

  const packed = new Uint32Array(words.buffer, words.byteOffset, n * 8);
  const scanQueries = planted.slice(0, n >= 5_000_000 ? 10 : 40);
  const s = rate(scanQueries, (q) => linearScan(packed, n, q, D));
  row(`linear scan, ${scanQueries.length} queries`, `${fmt(s.perSecond)} lookups/s`);
  const same = scanQueries.every((q) => linearScan(packed, n, q, D) === search(q));
  row("index and scan agree on those queries", String(same));

  t = performance.now();
  const bytes = index.serialise();
  row("serialise", `${fmt(since(t))} ms, ${fmt(bytes.length / n)} B/entry`);
  t = performance.now();
  const loaded = MihIndex.load(bytes);
  row("load (views, checksum, range check, offsets)", `${fmt(since(t))} ms`);
  t = performance.now();
  loaded.remove(0);
  row("first remove after load (builds the id table)", `${fmt(since(t))} ms`);
  // At 1M this crosses a merge of the delta into the main segment (every √(1024·N) adds).
  const adds = n >= 5_000_000 ? 20_000 : 50_000;
  const fresh = randomWords(adds, next);
  t = performance.now();
  for (let i = 0; i < adds; i++) loaded.add(n + i, fresh.subarray(i * 16, i * 16 + 16));
  row(
    `adds, ${fmt(adds)} one by one`,
    `${fmt(adds / (since(t) / 1000))}/s, then ${JSON.stringify(loaded.stats)}`,
  );
  const l = rate(planted, (q) => loaded.search(q, D).length);
  row("index with those adds pending, planted queries", `${fmt(l.perSecond)} lookups/s`);
  t = performance.now();
  for (let i = 1; i <= adds; i++) loaded.remove(i * 7);
  row(`removes, ${fmt(adds)}`, `${fmt(adds / (since(t) / 1000))}/s`);

  console.log(`\n### MIH index, ${fmt(n)} uniform random PDQ hashes, d = ${D}\n`);
  console.log("| what | result |\n| --- | --- |");
  for (const [what, value] of rows) console.log(`| ${what} | ${value} |`);
}

export async function run(): Promise<void> {
  const sizes = (process.env.BENCH_SIZES ?? "1000000,10000000").split(",").map(Number);
  console.log(`\n## Exact PDQ search (MIH index) — Node ${process.version}, one thread`);
  for (const n of sizes) await benchSize(n);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
