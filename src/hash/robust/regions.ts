import type { DihedralName } from "../dihedral.js";
import type { PdqHash } from "../pdq-hash.js";
import { squareToUnit, type Square } from "./geometry.js";
import { pairWindows } from "./pair-windows.js";
import type { LumaPlane } from "./plane.js";
import type { BlobDetector } from "./scale-space.js";
import type { WindowHasher } from "./window-hash.js";

/** Settings of region windows; bank and query use the same ones (see DEFAULT_REGION_SETTINGS). */
export interface RegionSettings {
  /** Cells on the longer side of the grid blobs are detected on. */
  readonly gridSide: number;
  /** Blobs a query builds its windows from (the strongest). */
  readonly queryKeypoints: number;
  /** Blobs a bank picture draws its candidate windows from. */
  readonly bankKeypoints: number;
  readonly minSide: number;
  readonly maxSide: number;
  /** Nearest blobs each blob is paired with (query side). */
  readonly queryNeighbours: number;
  /** Nearest blobs each blob is paired with (bank side, candidates). */
  readonly bankNeighbours: number;
  /** Windows under this PDQ quality are not used (flat windows hash alike). */
  readonly minQuality: number;
}

export const DEFAULT_REGION_SETTINGS: RegionSettings = {
  gridSide: 192,
  queryKeypoints: 28,
  bankKeypoints: 28,
  minSide: 0.15,
  maxSide: 0.9,
  queryNeighbours: 6,
  bankNeighbours: 30,
  minQuality: 50,
};

export interface HashedWindow {
  readonly square: Square;
  readonly quality: number;
  readonly hash: PdqHash;
}

export interface QueryWindow extends HashedWindow {
  /** The window's hash in all eight orientations, `original` included. */
  readonly variants: Readonly<Record<DihedralName, PdqHash>>;
}

/** What hashing windows needs, reused from picture to picture. */
export interface RegionTools {
  readonly detector: BlobDetector;
  readonly hasher: WindowHasher;
}

/** Pair windows of the strongest `count` blobs, hashed, those of enough quality. */
export function hashedPairWindows(
  plane: LumaPlane,
  aspect: number,
  count: number,
  settings: RegionSettings,
  tools: RegionTools,
  withVariants: true,
  neighbours?: number,
): QueryWindow[];
export function hashedPairWindows(
  plane: LumaPlane,
  aspect: number,
  count: number,
  settings: RegionSettings,
  tools: RegionTools,
  withVariants?: false,
  neighbours?: number,
): HashedWindow[];
export function hashedPairWindows(
  plane: LumaPlane,
  aspect: number,
  count: number,
  settings: RegionSettings,
  tools: RegionTools,
  withVariants = false,
  neighbours = settings.queryNeighbours,
): HashedWindow[] {
  const { detector, hasher } = tools;
  const keypoints = detector.detect(plane, aspect, settings.gridSide).slice(0, count);
  const out: HashedWindow[] = [];
  for (const square of pairWindows(keypoints, aspect, { ...settings, neighbours })) {
    const u = squareToUnit(square, aspect);
    const quality = hasher.load(plane, {
      x0: u.x0 * plane.width,
      y0: u.y0 * plane.height,
      x1: u.x1 * plane.width,
      y1: u.y1 * plane.height,
    });
    if (quality < settings.minQuality) continue;
    if (!withVariants) {
      out.push({ square, quality, hash: hasher.hash() });
      continue;
    }
    const variants = hasher.hashes();
    const window: QueryWindow = { square, quality, hash: variants.original, variants };
    out.push(window);
  }
  return out;
}
