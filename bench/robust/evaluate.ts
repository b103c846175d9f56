/**
 * The robustness evaluation: bank every photo of a set, make every edit of every photo, look each
 * edited copy up, and count (a) copies matched to their own photo, by edit kind and by the kind of
 * match that fired, and (b) any match to another photo — a false match. Unedited photos are
 * looked up too, so every pair of distinct photos is tried in both directions.
 */
import sharp from "sharp";
import {
  hammingDistance,
  robustBankHashes,
  robustQueryHashes,
  RobustIndex,
  type BankHashes,
  type QueryHashes,
  type RobustMatch,
  type RobustOptions,
  type RobustSearchOptions,
} from "../../src/hash/index.js";
import { decodeImage } from "../../src/media/index.js";
import { applyEdit, FIXED_EDITS, loadMaster, RANDOM_EDITS } from "./edits.js";
import type { Photo } from "./photos.js";

export interface KindResult {
  n: number;
  matched: number;
  /** The same, for camera photos only (the installable set has abstract renders too). */
  photoN: number;
  photoMatched: number;
  byKind: Record<string, number>;
  misses: string[];
}

/** How near unrelated pictures came, per kind of hash: what the thresholds are guarding. */
export interface Margins {
  /** Smallest distance between a query's whole/trimmed hash (any orientation) and another photo's. */
  wholeMin: number;
  /** Smallest distance between any query window (any orientation) and another photo's window. */
  regionMin: number;
  /** Unrelated (query window, bank window) pairs within 31 and within 40: single-window "seeds". */
  regionWithin31: number;
  regionWithin40: number;
  /** Unrelated pairs compared. */
  regionPairs: number;
}

export interface EvaluationReport {
  readonly photos: number;
  readonly margins: Margins;
  readonly kinds: Record<string, KindResult>;
  readonly falseMatches: string[];
  readonly bankRegions: number[];
  readonly bankNotes: string[];
  readonly queryMs: number[];
  readonly bankMs: number[];
  readonly banks: { photo: Photo; hashes: BankHashes }[];
  readonly queries: QueryHashes[];
}

export const ALL_KINDS = [...Object.keys(FIXED_EDITS), ...Object.keys(RANDOM_EDITS)];

export async function evaluate(
  photos: readonly Photo[],
  options: {
    kinds?: readonly string[];
    log?: (line: string) => void;
    keepQueries?: boolean;
    robust?: RobustOptions;
    search?: RobustSearchOptions;
    /** Random entries added to the bank before the lookups: whole-only hashes, and pictures of 12 random windows. */
    noise?: { wholeHashes: number; regionPictures: number; seed?: number };
  } = {},
): Promise<EvaluationReport> {
  const kinds = options.kinds ?? ALL_KINDS;
  const log = options.log ?? (() => {});
  const index = new RobustIndex();
  const banks: { photo: Photo; hashes: BankHashes }[] = [];
  const masters = [];
  const bankMs: number[] = [];
  for (const [i, photo] of photos.entries()) {
    const master = await loadMaster(photo.path);
    masters.push(master);
    // The victim banks the original file; the copies are made from the same picture.
    const bytes = await sharp(master.data, {
      raw: { width: master.width, height: master.height, channels: 3 },
    })
      .jpeg({ quality: 92 })
      .toBuffer();
    const pixels = (await decodeImage(bytes)).pixels;
    const t0 = performance.now();
    const hashes = robustBankHashes(pixels, options.robust);
    bankMs.push(performance.now() - t0);
    index.add(i, hashes);
    banks.push({ photo, hashes });
  }
  log(`banked ${photos.length} photos`);
  if (options.noise) addNoise(index, photos.length, options.noise);
  if (options.noise)
    log(
      `added ${options.noise.wholeHashes} random whole hashes, ${options.noise.regionPictures} random region pictures`,
    );
  const bankWindows = packBankWindows(banks.map((b) => b.hashes));
  const report: EvaluationReport = {
    photos: photos.length,
    margins: {
      wholeMin: 256,
      regionMin: 256,
      regionWithin31: 0,
      regionWithin40: 0,
      regionPairs: 0,
    },
    kinds: {},
    falseMatches: [],
    bankRegions: banks.map((b) => b.hashes.regions.length),
    bankNotes: banks.flatMap((b) => b.hashes.notes.map((n) => `${b.photo.name}: ${n}`)),
    queryMs: [],
    bankMs,
    banks,
    queries: [],
  };
  const record = (kind: string, own: number, matches: RobustMatch[], label: string) => {
    const k = (report.kinds[kind] ??= {
      n: 0,
      matched: 0,
      photoN: 0,
      photoMatched: 0,
      byKind: {},
      misses: [],
    });
    const isPhoto = photos[own]!.kind === "photo";
    k.n++;
    if (isPhoto) k.photoN++;
    const mine = matches.find((m) => m.picture === own);
    if (mine) {
      k.matched++;
      if (isPhoto) k.photoMatched++;
      k.byKind[mine.kind] = (k.byKind[mine.kind] ?? 0) + 1;
    } else {
      k.misses.push(label);
    }
    for (const m of matches) {
      if (m.picture !== own) {
        const other = photos[m.picture]?.name ?? `random entry ${m.picture}`;
        report.falseMatches.push(`${label} → ${other} (${describe(m)})`);
      }
    }
  };
  for (const [i, photo] of photos.entries()) {
    const master = masters[i]!;
    const original = await sharp(master.data, {
      raw: { width: master.width, height: master.height, channels: 3 },
    })
      .jpeg({ quality: 92 })
      .toBuffer();
    for (const kind of ["unedited", ...kinds]) {
      const edit =
        kind === "unedited"
          ? { detail: "", bytes: original }
          : await applyEdit(kind, master, photo.name);
      const pixels = (await decodeImage(edit.bytes)).pixels;
      const t0 = performance.now();
      const query = robustQueryHashes(pixels, options.robust);
      report.queryMs.push(performance.now() - t0);
      if (options.keepQueries) report.queries.push(query);
      measureMargins(report.margins, query, i, banks, bankWindows);
      record(
        kind,
        i,
        index.search(query, options.search),
        `${photo.name} [${kind}${edit.detail ? `: ${edit.detail}` : ""}]`,
      );
    }
    if ((i + 1) % 10 === 0) log(`queried ${i + 1}/${photos.length}`);
  }
  return report;
}

export function describe(m: RobustMatch): string {
  if (m.kind === "region") {
    const w = m.region!.windows.map((x) => x.distance).join("/");
    return `region ${m.variant}, ${m.region!.windows.length} windows at ${w}, scale ${m.region!.scale.toFixed(2)}`;
  }
  return `${m.kind} ${m.variant} d=${m.distance} (${m.sides!.query}→${m.sides!.bank})`;
}

export function printReport(
  title: string,
  r: EvaluationReport,
  print: (line: string) => void,
): void {
  print(`\n### ${title}: ${r.photos} photos\n`);
  const split = Object.values(r.kinds).some((k) => k.photoN !== k.n);
  const rate = (x: number, n: number) => `${((100 * x) / Math.max(1, n)).toFixed(0)} %`;
  print(
    `| edit | copies | matched | via whole | via trimmed | via region |${split ? " photos only |" : ""}`,
  );
  print(`| --- | ---: | ---: | ---: | ---: | ---: |${split ? " ---: |" : ""}`);
  for (const [kind, k] of Object.entries(r.kinds)) {
    const cells = [
      kind,
      String(k.n),
      `**${rate(k.matched, k.n)}**`,
      rate(k.byKind.whole ?? 0, k.n),
      rate(k.byKind.trimmed ?? 0, k.n),
      rate(k.byKind.region ?? 0, k.n),
      ...(split ? [rate(k.photoMatched, k.photoN)] : []),
    ];
    print(`| ${cells.join(" | ")} |`);
  }
  const sum = (kinds: string[], photosOnly = false) => {
    let n = 0;
    let matched = 0;
    let worst = 1;
    for (const kind of kinds) {
      const k = r.kinds[kind];
      if (!k) continue;
      const [kn, km] = photosOnly ? [k.photoN, k.photoMatched] : [k.n, k.matched];
      n += kn;
      matched += km;
      if (kn > 0) worst = Math.min(worst, km / kn);
    }
    return `**${((100 * matched) / Math.max(1, n)).toFixed(1)} %** of ${n} (worst kind ${(100 * worst).toFixed(0)} %)`;
  };
  const fixed = Object.keys(FIXED_EDITS);
  const random = Object.keys(RANDOM_EDITS);
  print("");
  print(`- the issue's 17 edits: ${sum(fixed)}`);
  print(`- randomised edits: ${sum(random)}`);
  print(`- all edits: ${sum([...fixed, ...random])}`);
  if (split) print(`- all edits, camera photos only: ${sum([...fixed, ...random], true)}`);
  print(
    `- false matches (a copy or an original matched to another photo or a random entry): **${r.falseMatches.length}**`,
  );
  for (const f of r.falseMatches.slice(0, 20)) print(`  - ${f}`);
  const m = r.margins;
  print(
    `- nearest unrelated hashes (brute force, every orientation): whole/trimmed ${m.wholeMin} bits; ` +
      `region windows ${m.regionMin} bits over ${m.regionPairs.toExponential(2)} pairs ` +
      `(${m.regionWithin31} within 31, ${m.regionWithin40} within 40)`,
  );
}

interface PackedWindows {
  readonly words: Uint32Array;
  readonly owner: Int32Array;
}

/** All bank windows as 8 × 32-bit words each, for brute-force distance statistics. */
function packBankWindows(banks: readonly BankHashes[]): PackedWindows {
  const total = banks.reduce((n, b) => n + b.regions.length, 0);
  const words = new Uint32Array(total * 8);
  const owner = new Int32Array(total);
  let at = 0;
  banks.forEach((b, picture) => {
    for (const r of b.regions) {
      for (let k = 0; k < 8; k++)
        words[at * 8 + k] = (r.hash[2 * k]! | (r.hash[2 * k + 1]! << 16)) >>> 0;
      owner[at++] = picture;
    }
  });
  return { words, owner };
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Brute force over every unrelated pair: exact minima, no index involved. */
function measureMargins(
  m: Margins,
  query: QueryHashes,
  own: number,
  banks: readonly { hashes: BankHashes }[],
  bank: PackedWindows,
): void {
  const sides = [query.whole.hashes, ...(query.trimmed ? [query.trimmed.hashes] : [])];
  for (const [picture, b] of banks.entries()) {
    if (picture === own) continue;
    const targets = [b.hashes.whole.hash, ...(b.hashes.trimmed ? [b.hashes.trimmed.hash] : [])];
    for (const variants of sides) {
      for (const h of Object.values(variants)) {
        for (const t of targets) m.wholeMin = Math.min(m.wholeMin, hammingDistance(h, t));
      }
    }
  }
  const q = new Uint32Array(8);
  const n = bank.owner.length;
  for (const region of query.regions) {
    for (const h of Object.values(region.variants)) {
      for (let k = 0; k < 8; k++) q[k] = (h[2 * k]! | (h[2 * k + 1]! << 16)) >>> 0;
      for (let i = 0; i < n; i++) {
        if (bank.owner[i] === own) continue;
        let d = 0;
        for (let k = 0; k < 8; k++) d += popcount32((q[k]! ^ bank.words[i * 8 + k]!) >>> 0);
        m.regionPairs++;
        if (d < m.regionMin) m.regionMin = d;
        if (d <= 40) {
          m.regionWithin40++;
          if (d <= 31) m.regionWithin31++;
        }
      }
    }
  }
}

/**
 * Random entries with picture keys after the real photos': whole-only hashes (as old entries and
 * hash lists are), and pictures with a random whole hash and 12 random windows at random places.
 */
function addNoise(
  index: RobustIndex,
  first: number,
  noise: { wholeHashes: number; regionPictures: number; seed?: number },
): void {
  let s = noise.seed ?? 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
  const hash = () => {
    const h = new Uint16Array(16);
    for (let w = 0; w < 16; w++) h[w] = next() & 0xffff;
    return h;
  };
  const unit = () => next() / 2 ** 32;
  let key = first;
  for (let i = 0; i < noise.wholeHashes; i++) index.addWholeOnly(key++, hash());
  for (let i = 0; i < noise.regionPictures; i++) {
    const regions = Array.from({ length: 12 }, () => {
      const side = 0.15 + 0.5 * unit();
      const x0 = unit() * (1 - side);
      const y0 = unit() * (1 - side);
      return { hash: hash(), quality: 80, rect: { x0, y0, x1: x0 + side, y1: y0 + side } };
    });
    index.add(key++, {
      whole: { hash: hash(), quality: 80 },
      content: { rect: { x0: 0, y0: 0, x1: 1, y1: 1 }, aspect: 1 },
      regions,
      notes: [],
    });
  }
}
