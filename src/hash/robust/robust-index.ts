import { DIHEDRAL_NAMES, type DihedralName } from "../dihedral.js";
import { MihIndex } from "../mih-index.js";
import { hammingDistance, type PdqHash } from "../pdq-hash.js";
import {
  DEFAULT_REGION_RULE,
  mapBankRect,
  matchRegions,
  seedTransform,
  type RegionHit,
  type RegionMatch,
  type RegionRule,
} from "./match-regions.js";
import type { BankHashes, Content, QueryHashes, UnitRect } from "./robust-hashes.js";

/** Which hashes fired. */
export type RobustMatchKind = "whole" | "trimmed" | "region";

export interface RobustMatch {
  /** The caller's key of the banked picture. */
  readonly picture: number;
  readonly kind: RobustMatchKind;
  /** Orientation of the copy relative to the banked picture. */
  readonly variant: DihedralName;
  /** Whole and trimmed: the PDQ distance. Region: the largest distance among the agreeing windows. */
  readonly distance: number;
  /** For whole and trimmed: which hash of each side met ("whole"/"trimmed"). */
  readonly sides?: { readonly query: "whole" | "trimmed"; readonly bank: "whole" | "trimmed" };
  readonly region?: RegionMatch;
}

export interface RobustSearchOptions {
  /** Distance for whole and trimmed hashes (default 31). */
  readonly distance?: number;
  /** Distance for a region window hit found through the index: a seed (default: the rule's, 31). */
  readonly regionDistance?: number;
  /**
   * Distance for the further windows of a picture that already has a seed, compared directly
   * with that picture's own windows (no index lookup, so any distance is exact; default 40).
   */
  readonly supportDistance?: number;
  /** Look up all eight orientations (default true). */
  readonly dihedral?: boolean;
  /** Query whole/trimmed hashes under this quality are not looked up (default 50). */
  readonly minQuality?: number;
  readonly rule?: RegionRule;
  /** Hash a candidate's other windows where its seeds put them (needs query.probe; default true). */
  readonly probe?: boolean;
}

interface Banked {
  readonly content: Content;
  readonly regions: readonly { readonly rect: UnitRect; readonly hash: PdqHash }[];
}

/**
 * A reference bank for robust hashes, over two exact MIH indexes: whole and trimmed hashes in
 * one, region windows in the other. It is what the engine's bank matcher has to do (see
 * docs/ROBUSTNESS.md, "Integration"), kept small and pure so tests and benchmarks exercise the
 * rule exactly as it is specified. Lookups are exact: every stored hash within the distance of a
 * query hash is a hit, and the rule is applied to all hits.
 */
export class RobustIndex {
  readonly #whole = new MihIndex();
  readonly #regions = new MihIndex();
  /** Whole-index id → picture and which hash (0 whole, 1 trimmed). */
  readonly #wholeOwner: number[] = [];
  readonly #wholeSide: Uint8Array[] = [];
  /** Region-index id → picture and window number. */
  readonly #regionOwner: number[] = [];
  readonly #regionWindow: number[] = [];
  readonly #pictures = new Map<number, Banked>();

  get size(): number {
    return this.#pictures.size;
  }

  /** Index sizes, for memory accounting. */
  get byteLength(): number {
    return this.#whole.byteLength + this.#regions.byteLength;
  }

  add(picture: number, hashes: BankHashes): void {
    this.#addWhole(picture, hashes.whole.hash, 0);
    if (hashes.trimmed) this.#addWhole(picture, hashes.trimmed.hash, 1);
    hashes.regions.forEach((r, i) => {
      const id = this.#regionOwner.length;
      this.#regionOwner.push(picture);
      this.#regionWindow.push(i);
      this.#regions.add(id, r.hash);
    });
    this.#pictures.set(picture, {
      content: hashes.content,
      regions: hashes.regions.map((r) => ({ rect: r.rect, hash: r.hash })),
    });
  }

  /** Bank-only whole hashes (an old entry, or a hash list): they match whole/trimmed queries. */
  addWholeOnly(picture: number, hash: PdqHash): void {
    this.#addWhole(picture, hash, 0);
  }

  /** Every banked picture the query matches, best evidence first (whole, trimmed, region). */
  search(query: QueryHashes, options: RobustSearchOptions = {}): RobustMatch[] {
    const distance = options.distance ?? 31;
    const regionDistance =
      options.regionDistance ?? (options.rule ?? DEFAULT_REGION_RULE).seedDistance;
    const minQuality = options.minQuality ?? 50;
    const variants: readonly DihedralName[] =
      options.dihedral === false ? ["original"] : DIHEDRAL_NAMES;
    const best = new Map<number, RobustMatch>();
    const offer = (m: RobustMatch) => {
      const seen = best.get(m.picture);
      if (!seen || rank(m) < rank(seen)) best.set(m.picture, m);
    };
    const sides: ["whole" | "trimmed", Readonly<Record<DihedralName, PdqHash>>, number][] = [
      ["whole", query.whole.hashes, query.whole.quality],
    ];
    if (query.trimmed) sides.push(["trimmed", query.trimmed.hashes, query.trimmed.quality]);
    for (const [side, hashes, quality] of sides) {
      if (quality < minQuality) continue;
      for (const variant of variants) {
        const hash = hashes[variant];
        if (!hash) continue;
        for (const hit of this.#whole.search(hash, distance)) {
          const bankSide =
            this.#wholeSide[hit.id >>> 16]![hit.id & 0xffff] === 1 ? "trimmed" : "whole";
          const kind = side === "whole" && bankSide === "whole" ? "whole" : "trimmed";
          offer({
            picture: this.#wholeOwner[hit.id]!,
            kind,
            variant,
            distance: hit.distance,
            sides: { query: side, bank: bankSide },
          });
        }
      }
    }
    const hits = new Map<number, RegionHit[]>();
    query.regions.forEach((region, q) => {
      for (const variant of variants) {
        for (const hit of this.#regions.search(region.variants[variant], regionDistance)) {
          const picture = this.#regionOwner[hit.id]!;
          let list = hits.get(picture);
          if (!list) hits.set(picture, (list = []));
          list.push({
            query: q,
            bank: this.#regionWindow[hit.id]!,
            variant,
            distance: hit.distance,
          });
        }
      }
    });
    const support = options.supportDistance ?? 40;
    for (const [picture, list] of hits) {
      const banked = this.#pictures.get(picture);
      if (!banked || best.has(picture)) continue;
      addSupport(query, banked, list, support, regionDistance);
      const probed =
        options.probe !== false && query.probe
          ? addProbed(query, banked, list, support, regionDistance)
          : [];
      const side = {
        content: query.content,
        regions: [...query.regions, ...probed.map((rect) => ({ rect }))],
      };
      const region = matchRegions(side, banked, list, options.rule ?? DEFAULT_REGION_RULE);
      if (region) {
        const worst = Math.max(...region.windows.map((w) => w.distance));
        offer({ picture, kind: "region", variant: region.variant, distance: worst, region });
      }
    }
    return [...best.values()].sort((a, b) => rank(a) - rank(b) || a.distance - b.distance);
  }

  #addWhole(picture: number, hash: PdqHash, side: 0 | 1): void {
    const id = this.#wholeOwner.length;
    this.#wholeOwner.push(picture);
    const page = id >>> 16;
    while (this.#wholeSide.length <= page) this.#wholeSide.push(new Uint8Array(65536));
    this.#wholeSide[page]![id & 0xffff] = side;
    this.#whole.add(id, hash);
  }
}

/**
 * Further evidence for a picture that has a seed: every query window, in the orientations the
 * seeds came in, against every window of that picture, kept when within `support` (and not
 * already a seed hit). A direct comparison of a few dozen hashes, so it is exact at any distance.
 */
function addSupport(
  query: QueryHashes,
  banked: Banked,
  hits: RegionHit[],
  support: number,
  seedDistance: number,
): void {
  if (support <= seedDistance) return;
  const variants = new Set(hits.map((h) => h.variant));
  for (const variant of variants) {
    query.regions.forEach((region, q) => {
      const hash = region.variants[variant];
      banked.regions.forEach((b, i) => {
        const distance = hammingDistance(hash, b.hash);
        if (distance > seedDistance && distance <= support)
          hits.push({ query: q, bank: i, variant, distance });
      });
    });
  }
}

/**
 * For each seed, hashes the query where each other window of the picture must be if the seed is
 * right (its scale, offset and orientation), and keeps those within `support`. Why: a window the
 * query's own blobs did not reproduce (a sticker took its blob, the crop cut one of its pair) can
 * still be there; computed at the predicted place it needs no detection at all. Returns the
 * probed windows' rectangles, numbered after the query's own windows.
 */
function addProbed(
  query: QueryHashes,
  banked: Banked,
  hits: RegionHit[],
  support: number,
  seedDistance: number,
): UnitRect[] {
  const probe = query.probe!;
  const rects: UnitRect[] = [];
  const seeds = hits
    .filter((h) => h.distance <= seedDistance)
    .sort((a, b) => a.distance - b.distance);
  for (const seed of seeds.slice(0, 3)) {
    const t = seedTransform(query, banked, seed);
    if (!t) continue;
    banked.regions.forEach((b, i) => {
      if (i === seed.bank) return;
      const rect = mapBankRect(banked.content.aspect, b.rect, t, query.content.aspect);
      const probed = probe(rect);
      if (!probed || probed.quality < 50) return;
      const distance = hammingDistance(probed.variants[seed.variant], b.hash);
      if (distance > support) return;
      hits.push({
        query: query.regions.length + rects.length,
        bank: i,
        variant: seed.variant,
        distance,
      });
      rects.push(rect);
    });
  }
  return rects;
}

const KIND_RANK: Record<RobustMatchKind, number> = { whole: 0, trimmed: 1, region: 2 };
const rank = (m: RobustMatch): number => KIND_RANK[m.kind];
