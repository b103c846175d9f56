import { isoSize, type Square } from "./geometry.js";
import type { Keypoint } from "./scale-space.js";

/** A window spanned by two blobs; `a`, `b` are indices into the keypoint list it was built from. */
export interface PairWindow extends Square {
  readonly a: number;
  readonly b: number;
}

export interface PairWindowOptions {
  /** Smallest window side, as a share of the picture's shorter side. */
  readonly minSide: number;
  /** Largest window side, as a share of the picture's shorter side. */
  readonly maxSide: number;
  /** Each blob is paired with this many nearest others (that make a window of a valid size). */
  readonly neighbours: number;
}

/**
 * Square windows spanned by pairs of blobs: centred on the midpoint, side the distance between
 * them. Why pairs: a crop and a resize move and scale the content; the two blobs move and scale
 * with it, so the window they span covers the same content in the copy as in the original. One
 * blob gives a position but only a rough size (its scale is known to a few per cent, and PDQ
 * already moves ~25 bits when a window is 2 % too big); the distance between two blobs is known
 * to a fraction of a per cent, which is what a PDQ window needs. Windows that would leave the
 * picture are dropped: the copy cannot have them either.
 */
export function pairWindows(
  keypoints: readonly Keypoint[],
  aspect: number,
  options: PairWindowOptions,
): PairWindow[] {
  const { w, h } = isoSize(aspect);
  const short = Math.min(w, h);
  const n = keypoints.length;
  const xs = keypoints.map((k) => k.x * w);
  const ys = keypoints.map((k) => k.y * h);
  // Why nearest neighbours rather than all pairs: the count stays linear in the blobs, and a
  // near pair spans a small window, which is more likely to survive a crop whole.
  const chosen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const near: { j: number; d: number }[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = Math.hypot(xs[i]! - xs[j]!, ys[i]! - ys[j]!);
      if (d >= options.minSide * short && d <= options.maxSide * short) near.push({ j, d });
    }
    near.sort((a, b) => a.d - b.d);
    for (const { j } of near.slice(0, options.neighbours))
      chosen.add(i < j ? i * n + j : j * n + i);
  }
  const out: PairWindow[] = [];
  for (const key of [...chosen].sort((a, b) => a - b)) {
    const a = Math.floor(key / n);
    const b = key % n;
    const side = Math.hypot(xs[a]! - xs[b]!, ys[a]! - ys[b]!);
    const cx = (xs[a]! + xs[b]!) / 2;
    const cy = (ys[a]! + ys[b]!) / 2;
    const r = side / 2;
    if (cx - r < 0 || cy - r < 0 || cx + r > w || cy + r > h) continue;
    out.push({ cx, cy, side, a, b });
  }
  return out;
}
