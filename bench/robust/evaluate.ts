/**
 * The robustness evaluation: bank every photo of a set, make every edit of every photo, look each
 * edited copy up, and count (a) copies matched to their own photo, by edit kind and by the kind of
 * match that fired, and (b) any match to another photo — a false match. Unedited photos are
 * looked up too, so every pair of distinct photos is tried in both directions.
 */
import sharp from "sharp";
import {
  robustBankHashes,
  robustQueryHashes,
  RobustIndex,
  type BankHashes,
  type QueryHashes,
  type RobustMatch,
  type RobustOptions,
} from "../../src/hash/index.js";
import { decodeImage } from "../../src/media/index.js";
import { applyEdit, FIXED_EDITS, loadMaster, RANDOM_EDITS } from "./edits.js";
import type { Photo } from "./photos.js";

export interface KindResult {
  n: number;
  matched: number;
  byKind: Record<string, number>;
  misses: string[];
}

export interface EvaluationReport {
  readonly photos: number;
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
  const report: EvaluationReport = {
    photos: photos.length,
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
    const k = (report.kinds[kind] ??= { n: 0, matched: 0, byKind: {}, misses: [] });
    k.n++;
    const mine = matches.find((m) => m.picture === own);
    if (mine) {
      k.matched++;
      k.byKind[mine.kind] = (k.byKind[mine.kind] ?? 0) + 1;
    } else {
      k.misses.push(label);
    }
    for (const m of matches) {
      if (m.picture !== own)
        report.falseMatches.push(`${label} → ${photos[m.picture]!.name} (${describe(m)})`);
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
      record(
        kind,
        i,
        index.search(query),
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
  print("| edit | copies | matched | whole | trimmed | region |");
  print("| --- | ---: | ---: | ---: | ---: | ---: |");
  let n = 0;
  let matched = 0;
  let worst = 1;
  for (const [kind, k] of Object.entries(r.kinds)) {
    const pct = (x: number) => `${((100 * x) / k.n).toFixed(0)} %`;
    print(
      `| ${kind} | ${k.n} | **${pct(k.matched)}** | ${pct(k.byKind.whole ?? 0)} | ${pct(k.byKind.trimmed ?? 0)} | ${pct(k.byKind.region ?? 0)} |`,
    );
    if (kind === "unedited") continue;
    n += k.n;
    matched += k.matched;
    worst = Math.min(worst, k.matched / k.n);
  }
  print(
    `\nEdited copies matched: **${((100 * matched) / n).toFixed(1)} %** of ${n}; worst kind ${(100 * worst).toFixed(0)} %.`,
  );
  print(
    `False matches (a copy or an original matched to another photo): **${r.falseMatches.length}**.`,
  );
  for (const f of r.falseMatches.slice(0, 20)) print(`- ${f}`);
}
