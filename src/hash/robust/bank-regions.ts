import { hammingDistance } from "../pdq-hash.js";
import { squareToUnit } from "./geometry.js";
import type { LumaPlane, PlaneBuffer } from "./plane.js";
import {
  hashedPairWindows,
  type HashedWindow,
  type RegionSettings,
  type RegionTools,
} from "./regions.js";

/** Unit rectangles of the crops a bank picture is tried against (fractions and anchors). */
const SIMULATED_CROPS: readonly { fw: number; fh: number; ax: number; ay: number }[] = [
  { fw: 0.9, fh: 0.9, ax: 0.5, ay: 0.5 },
  { fw: 0.8, fh: 0.8, ax: 0, ay: 0 },
  { fw: 0.8, fh: 0.8, ax: 1, ay: 0 },
  { fw: 0.8, fh: 0.8, ax: 0, ay: 1 },
  { fw: 0.8, fh: 0.8, ax: 1, ay: 1 },
  { fw: 0.7, fh: 0.7, ax: 0.5, ay: 0.5 },
  { fw: 0.75, fh: 0.92, ax: 0.2, ay: 0.6 },
  { fw: 0.92, fh: 0.75, ax: 0.7, ay: 0.3 },
  { fw: 0.66, fh: 0.8, ax: 0.8, ay: 0.8 },
  { fw: 0.85, fh: 0.68, ax: 0.3, ay: 0.1 },
  { fw: 1, fh: 1, ax: 0.5, ay: 0.5 },
];

/** Largest intersection over union between two kept windows (the match rule counts such windows as one). */
const MAX_OVERLAP = 0.6;

function overlap(
  a: { x0: number; y0: number; x1: number; y1: number },
  b: { x0: number; y0: number; x1: number; y1: number },
): number {
  const ix = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const iy = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const inter = ix * iy;
  const union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter;
  return union > 0 ? inter / union : 0;
}

export interface BankSelection {
  readonly windows: HashedWindow[];
  /** Per chosen window, in how many of the simulated crops that contained it it was found again. */
  readonly found: number[];
  readonly simulations: number;
}

/**
 * Chooses the region windows a bank picture keeps. Why simulate: which blobs an edited copy will
 * find again cannot be told from one picture, but it can be tried. The picture is cropped a dozen
 * ways (in the plane, without decoding again), each crop is analysed exactly as a query would be,
 * and a candidate window counts as found in a crop when one of the crop's own windows hashes
 * within `findDistance` of it. Then windows are picked greedily so that as many crops as possible
 * have two found windows — the match rule's requirement — preferring windows found more often.
 */
export function selectBankRegions(
  plane: LumaPlane,
  aspect: number,
  settings: RegionSettings,
  tools: RegionTools,
  simulation: PlaneBuffer,
  maxRegions: number,
  findDistance = 31,
): BankSelection {
  const candidates = hashedPairWindows(
    plane,
    aspect,
    settings.bankKeypoints,
    settings,
    tools,
    false,
    settings.bankNeighbours,
  );
  if (candidates.length <= 1)
    return { windows: candidates, found: candidates.map(() => 0), simulations: 0 };
  const found: Uint8Array[] = candidates.map(() => new Uint8Array(SIMULATED_CROPS.length));
  const units = candidates.map((c) => squareToUnit(c.square, aspect));
  SIMULATED_CROPS.forEach((crop, s) => {
    const rect = {
      x0: (1 - crop.fw) * crop.ax,
      y0: (1 - crop.fh) * crop.ay,
      x1: (1 - crop.fw) * crop.ax + crop.fw,
      y1: (1 - crop.fh) * crop.ay + crop.fh,
    };
    // A crop of a big picture is again shrunk to the plane's size by the pre-scale; the full
    // picture is tried at a smaller size (a re-share shrinks it), so blobs move between cells.
    const shrink = crop.fw === 1 && crop.fh === 1 ? 0.7 : 1;
    const pw = Math.max(16, Math.round(plane.width * shrink * (plane.width < 512 ? crop.fw : 1)));
    const ph = Math.max(16, Math.round(plane.height * shrink * (plane.height < 512 ? crop.fh : 1)));
    const sim = simulation.resample(plane, rect, pw, ph);
    const simAspect = (aspect * crop.fw) / crop.fh;
    const windows = hashedPairWindows(sim, simAspect, settings.queryKeypoints, settings, tools);
    candidates.forEach((c, i) => {
      const u = units[i]!;
      if (u.x0 < rect.x0 || u.y0 < rect.y0 || u.x1 > rect.x1 || u.y1 > rect.y1) return;
      found[i]![s] = windows.some((w) => hammingDistance(w.hash, c.hash) <= findDistance) ? 1 : 0;
    });
  });
  const chosen: number[] = [];
  const cover = new Uint8Array(SIMULATED_CROPS.length);
  while (chosen.length < Math.min(maxRegions, candidates.length)) {
    let best = -1;
    let bestGain = -1;
    for (let i = 0; i < candidates.length; i++) {
      // A window nearly the same as a chosen one adds a hash but no independent evidence.
      if (chosen.includes(i) || chosen.some((c) => overlap(units[c]!, units[i]!) > MAX_OVERLAP))
        continue;
      let gain = 0;
      for (let s = 0; s < cover.length; s++) {
        // A crop's first two found windows are what the rule needs; later ones add little.
        if (found[i]![s]) gain += cover[s]! === 0 ? 100 : cover[s]! === 1 ? 100 : 10;
      }
      gain += candidates[i]!.quality / 100;
      if (gain > bestGain) {
        bestGain = gain;
        best = i;
      }
    }
    if (best < 0) break;
    chosen.push(best);
    for (let s = 0; s < cover.length; s++) cover[s]! += found[best]![s]!;
  }
  return {
    windows: chosen.map((i) => candidates[i]!),
    found: chosen.map((i) => found[i]!.reduce((a, b) => a + b, 0)),
    simulations: SIMULATED_CROPS.length,
  };
}
