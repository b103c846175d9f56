import type { DihedralName } from "../dihedral.js";
import { PdqHasher } from "../pdq.js";
import type { PdqHash } from "../pdq-hash.js";
import { assertPixels, type Pixels } from "../pixels.js";
import { selectBankRegions } from "./bank-regions.js";
import { squareToUnit, type Square } from "./geometry.js";
import { PlaneBuffer, type LumaPlane } from "./plane.js";
import { PreScaler } from "./prescale-rect.js";
import {
  DEFAULT_REGION_SETTINGS,
  hashedPairWindows,
  type RegionSettings,
  type RegionTools,
} from "./regions.js";
import { BlobDetector } from "./scale-space.js";
import { findContent, refineContent, type PixelRect } from "./trim.js";
import { WindowHasher } from "./window-hash.js";

/** A rectangle in normalised coordinates (0..1) of the picture or of its content. */
export interface UnitRect {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface RegionHash {
  readonly hash: PdqHash;
  readonly quality: number;
  /** Where the window is, in normalised coordinates of the content rectangle. */
  readonly rect: UnitRect;
}

export interface QueryRegionHash extends RegionHash {
  readonly variants: Readonly<Record<DihedralName, PdqHash>>;
}

/** The part of the picture the regions are taken from: all of it, or what trimming kept. */
export interface Content {
  /** Normalised coordinates of the content in the whole picture. */
  readonly rect: UnitRect;
  /** Width / height of the content in the picture's own pixels. */
  readonly aspect: number;
}

export interface BankHashes {
  /** PDQ of the whole picture, bit-exact with the reference (what exchanges carry). */
  readonly whole: { readonly hash: PdqHash; readonly quality: number };
  /** PDQ of the content inside borders, bars or screenshot chrome, when there were any. */
  readonly trimmed?: { readonly hash: PdqHash; readonly quality: number; readonly rect: PixelRect };
  readonly content: Content;
  readonly regions: readonly RegionHash[];
  /** Why something is missing (too small, too flat, no stable windows), for the person banking. */
  readonly notes: readonly string[];
}

/**
 * Hashes any window of the query's content on demand (all eight orientations), for checking a
 * candidate's other windows where a first hit says they must be. Reads the hasher's buffers: valid
 * until the next call on the same RobustHasher.
 */
export type RegionProbe = (
  rect: UnitRect,
) => { quality: number; variants: Record<DihedralName, PdqHash> } | undefined;

export interface QueryHashes {
  readonly whole: {
    readonly hashes: Readonly<Record<DihedralName, PdqHash>>;
    readonly quality: number;
  };
  readonly trimmed?: {
    readonly hashes: Readonly<Record<DihedralName, PdqHash>>;
    readonly quality: number;
    readonly rect: PixelRect;
  };
  readonly content: Content;
  readonly regions: readonly QueryRegionHash[];
  readonly notes: readonly string[];
  /** Present when regions were computed; see RegionProbe. */
  readonly probe?: RegionProbe;
}

export interface RobustOptions {
  /** Region windows a bank picture keeps at most (default 12). */
  readonly maxRegions?: number;
  /** Compute no region hashes (whole and trimmed only). */
  readonly regions?: boolean;
  readonly settings?: RegionSettings;
}

const FULL = { x0: 0, y0: 0, x1: 1, y1: 1 };
/**
 * Largest side of the copy bars are looked for on: a bar is flat at any size, and each edge is
 * refined on the picture after. About 6 picture pixels a cell, so that the gap between a chat
 * bubble and the picture in a tall screenshot (1 % of 2,500 rows) still spans whole cells.
 */
const TRIM_SIDE = 256;

/** Sides under this many pixels (of the content) get no region hashes: windows would be blurs. */
export const MIN_REGION_SIDE = 96;

/**
 * Computes robust hashes, keeping its work buffers between pictures (PDQ hasher, planes, blob
 * detector, window hasher), so a stream of pictures allocates little. Not re-entrant: give each
 * worker its own.
 */
export class RobustHasher {
  readonly #pdq = new PdqHasher();
  readonly #tools: RegionTools = { detector: new BlobDetector(), hasher: new WindowHasher(32) };
  readonly #content = new PlaneBuffer();
  readonly #simulation = new PlaneBuffer();
  readonly #trim = new PlaneBuffer();
  readonly #wholeScale = new PreScaler();
  readonly #contentScale = new PreScaler();
  readonly #region = new PlaneBuffer();

  /**
   * Hashes for banking a picture: whole, trimmed, and up to `maxRegions` region windows chosen
   * by simulated crops. The picture itself is not kept.
   */
  bank(pixels: Pixels, options: RobustOptions = {}): BankHashes {
    const base = this.#base(pixels, false);
    const notes = [...base.notes];
    const settings = options.settings ?? DEFAULT_REGION_SETTINGS;
    let regions: RegionHash[] = [];
    if (options.regions !== false && regionsPossible(base, notes)) {
      const selection = selectBankRegions(
        base.plane,
        base.content.aspect,
        settings,
        this.#tools,
        this.#simulation,
        options.maxRegions ?? 12,
      );
      regions = selection.windows.map((w) =>
        toRegion(w.square, w.quality, w.hash, base.content.aspect),
      );
      if (regions.length < 2) {
        notes.push(
          "too few distinct, stable windows for region matching: whole and trimmed hashes only",
        );
      }
    }
    const whole = { hash: base.whole.original, quality: base.wholeQuality };
    const t = base.trimmed;
    const trimmed = t && { hash: t.hashes.original, quality: t.quality, rect: t.rect };
    return { whole, ...(trimmed ? { trimmed } : {}), content: base.content, regions, notes };
  }

  /** Hashes for looking a picture up: all eight orientations of whole, trimmed and every window. */
  query(pixels: Pixels, options: RobustOptions = {}): QueryHashes {
    const base = this.#base(pixels, true);
    const notes = [...base.notes];
    const settings = options.settings ?? DEFAULT_REGION_SETTINGS;
    let regions: QueryRegionHash[] = [];
    let probe: RegionProbe | undefined;
    if (options.regions !== false && regionsPossible(base, notes)) {
      const aspect = base.content.aspect;
      const windows = hashedPairWindows(
        base.plane,
        aspect,
        settings.queryKeypoints,
        settings,
        this.#tools,
        true,
      );
      regions = windows.map((w) => ({
        ...toRegion(w.square, w.quality, w.hash, aspect),
        variants: w.variants,
      }));
      const { plane } = base;
      const hasher = this.#tools.hasher;
      probe = (r) => {
        if (r.x0 < -0.01 || r.y0 < -0.01 || r.x1 > 1.01 || r.y1 > 1.01) return undefined;
        const rect = {
          x0: r.x0 * plane.width,
          y0: r.y0 * plane.height,
          x1: r.x1 * plane.width,
          y1: r.y1 * plane.height,
        };
        const quality = hasher.load(plane, rect);
        return { quality, variants: hasher.hashes() };
      };
    }
    return {
      whole: { hashes: base.whole, quality: base.wholeQuality },
      ...(base.trimmed ? { trimmed: base.trimmed } : {}),
      content: base.content,
      regions,
      notes,
      ...(probe ? { probe } : {}),
    };
  }

  #regionPlane(pixels: Pixels, rect: PixelRect): LumaPlane {
    return this.#region.fillAveraged(pixels, rect, REGION_SIDE, REGION_SAMPLES);
  }

  #base(pixels: Pixels, dihedral: boolean): Base {
    assertPixels(pixels);
    const notes: string[] = [];
    const pre = this.#wholeScale.scale(pixels);
    // The bank needs only the upright whole hash; a query needs all eight orientations.
    const wholeResult = dihedral
      ? this.#pdq.hashDihedral(pre)
      : singleOrientation(this.#pdq.hash(pre));
    const whole = wholeResult.hashes;
    const wholeQuality = wholeResult.quality;
    const plane = this.#content.fill(pre);
    const { width, height } = pixels;
    const full = { rect: { x0: 0, y0: 0, x1: 1, y1: 1 }, aspect: width / Math.max(1, height) };
    // Bars are found on a small copy (cheap), then each edge is placed exactly on the picture.
    const cells = (side: number, planeSide: number) =>
      Math.min(planeSide, TRIM_SIDE, Math.max(64, Math.round(side / 6)));
    const small = this.#trim.resample(
      plane,
      FULL,
      cells(width, plane.width),
      cells(height, plane.height),
    );
    const found = width >= 16 && height >= 16 ? findContent(small) : undefined;
    if (!found)
      return {
        whole,
        wholeQuality,
        content: full,
        plane: this.#regionPlane(pixels, { x0: 0, y0: 0, x1: width, y1: height }),
        contentWidth: width,
        contentHeight: height,
        notes,
      };
    const sx = width / small.width;
    const sy = height / small.height;
    const approx = {
      x0: Math.round(found.x0 * sx),
      y0: Math.round(found.y0 * sy),
      x1: Math.round(found.x1 * sx),
      y1: Math.round(found.y1 * sy),
    };
    const rect = refineContent(pixels, approx, Math.max(sx, sy) + 2);
    const cw = rect.x1 - rect.x0;
    const ch = rect.y1 - rect.y0;
    const cropPre = this.#contentScale.scale(pixels, rect);
    const t = dihedral
      ? this.#pdq.hashDihedral(cropPre)
      : singleOrientation(this.#pdq.hash(cropPre));
    const content = {
      rect: {
        x0: rect.x0 / width,
        y0: rect.y0 / height,
        x1: rect.x1 / width,
        y1: rect.y1 / height,
      },
      aspect: cw / ch,
    };
    notes.push(`trimmed to ${cw}×${ch} at (${rect.x0}, ${rect.y0}) of ${width}×${height}`);
    return {
      whole,
      wholeQuality,
      trimmed: { hashes: t.hashes, quality: t.quality, rect },
      content,
      plane: this.#regionPlane(pixels, rect),
      contentWidth: cw,
      contentHeight: ch,
      notes,
    };
  }
}

/** Longest side of the plane regions are hashed from, and samples a side averaged per pixel. */
const REGION_SIDE = 512;
const REGION_SAMPLES = 3;

let shared: RobustHasher | undefined;

/** `RobustHasher.bank` with a module-wide hasher. */
export function robustBankHashes(pixels: Pixels, options: RobustOptions = {}): BankHashes {
  shared ??= new RobustHasher();
  return shared.bank(pixels, options);
}

/** `RobustHasher.query` with a module-wide hasher. */
export function robustQueryHashes(pixels: Pixels, options: RobustOptions = {}): QueryHashes {
  shared ??= new RobustHasher();
  return shared.query(pixels, options);
}

interface Base {
  readonly whole: Readonly<Record<DihedralName, PdqHash>>;
  readonly wholeQuality: number;
  readonly trimmed?: {
    hashes: Readonly<Record<DihedralName, PdqHash>>;
    quality: number;
    rect: PixelRect;
  };
  readonly content: Content;
  /** Luma plane of the content (the pre-scaled trimmed picture, or the whole one). */
  readonly plane: LumaPlane;
  /** Content size in the picture's own pixels. */
  readonly contentWidth: number;
  readonly contentHeight: number;
  readonly notes: string[];
}

function singleOrientation(r: { hash: PdqHash; quality: number }) {
  return { hashes: { original: r.hash } as Record<DihedralName, PdqHash>, quality: r.quality };
}

function regionsPossible(base: Base, notes: string[]): boolean {
  if (Math.min(base.contentWidth, base.contentHeight) < MIN_REGION_SIDE) {
    notes.push(
      `too small for region hashes (under ${MIN_REGION_SIDE} px a side): whole and trimmed hashes only`,
    );
    return false;
  }
  return true;
}

function toRegion(square: Square, quality: number, hash: PdqHash, aspect: number): RegionHash {
  return { hash, quality, rect: squareToUnit(square, aspect) };
}
