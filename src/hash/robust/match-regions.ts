import type { DihedralName } from "../dihedral.js";
import { inverseMove, isoSize, movePoint } from "./geometry.js";
import type { Content, UnitRect } from "./robust-hashes.js";

/** One index hit: query window `query` (in orientation `variant`) came within `distance` of bank window `bank`. */
export interface RegionHit {
  readonly query: number;
  readonly bank: number;
  readonly variant: DihedralName;
  readonly distance: number;
}

export interface RegionRule {
  /** Windows of one bank picture that must agree (distinct windows on both sides). */
  readonly minWindows: number;
  /** Largest difference of the implied scales, as |ln(s1/s2)|. */
  readonly scaleTolerance: number;
  /** Largest difference of the implied offsets, as a share of the query windows' mean side. */
  readonly offsetTolerance: number;
  /** Two bank windows overlapping more than this (intersection over union) count as one. */
  readonly maxOverlap: number;
  /** At least one agreeing window must be this near (the seed the index found). */
  readonly seedDistance: number;
}

export const DEFAULT_REGION_RULE: RegionRule = {
  minWindows: 2,
  scaleTolerance: 0.05,
  offsetTolerance: 0.05,
  maxOverlap: 0.7,
  seedDistance: 31,
};

export interface RegionMatch {
  /** Orientation of the copy relative to the banked picture (`original`: upright, unmirrored). */
  readonly variant: DihedralName;
  /** The agreeing windows, nearest first. */
  readonly windows: readonly RegionHit[];
  /** Size of the banked content in the copy, relative to the copy's content (1: same size). */
  readonly scale: number;
  /** Where the banked content's top-left corner lands in the copy's content, iso units. */
  readonly offset: readonly [number, number];
}

interface Side {
  readonly content: Content;
  readonly regions: readonly { readonly rect: UnitRect }[];
}

interface Placed {
  readonly hit: RegionHit;
  readonly scale: number;
  readonly tx: number;
  readonly ty: number;
  /** The bank window's centre, moved into the copy's orientation (iso units). */
  readonly bx: number;
  readonly by: number;
  /** The query window's centre and side (iso units of the copy's content). */
  readonly qx: number;
  readonly qy: number;
  readonly side: number;
}

/**
 * The region rule: a bank picture matches by regions only when at least `minWindows` of its
 * windows are hit by as many distinct query windows, in the same orientation, all implying the
 * same similarity transform (scale and offset) from the banked picture to the copy. A single
 * window never matches: one PDQ of a part of a picture is weaker evidence than PDQ of the whole,
 * and two windows of an unrelated picture agreeing on both their hashes and their geometry is
 * what we never saw (see docs/ROBUSTNESS.md). Returns the largest agreeing set, or undefined.
 */
export function matchRegions(
  query: Side,
  bank: Side,
  hits: readonly RegionHit[],
  rule: RegionRule = DEFAULT_REGION_RULE,
): RegionMatch | undefined {
  const placed = hits
    .map((hit) => place(query, bank, hit))
    .filter((p): p is Placed => p !== undefined);
  placed.sort((a, b) => a.hit.distance - b.hit.distance);
  let best: Placed[] = [];
  // Each seed (a hit the index found) anchors a group of hits that agree with it.
  for (const anchor of placed) {
    if (anchor.hit.distance > rule.seedDistance) break;
    const group: Placed[] = [anchor];
    for (const p of placed) {
      if (p === anchor || p.hit.variant !== anchor.hit.variant || !agrees(anchor, p, rule))
        continue;
      if (
        group.some(
          (g) => g.hit.query === p.hit.query || sameWindow(bank, g.hit.bank, p.hit.bank, rule),
        )
      )
        continue;
      group.push(p);
    }
    if (group.length > best.length) best = group;
  }
  if (best.length < rule.minWindows) return undefined;
  const first = best[0]!;
  return {
    variant: first.hit.variant,
    windows: best.map((p) => p.hit),
    scale: median(best.map((p) => p.scale)),
    offset: [median(best.map((p) => p.tx)), median(best.map((p) => p.ty))],
  };
}

/** The similarity transform (bank content iso → query content iso) that one hit implies. */
function place(query: Side, bank: Side, hit: RegionHit): Placed | undefined {
  const q = query.regions[hit.query];
  const b = bank.regions[hit.bank];
  if (!q || !b) return undefined;
  const qs = isoSquare(q.rect, query.content.aspect);
  const bs = isoSquare(b.rect, bank.content.aspect);
  // The query window, turned by `variant`, looks like the bank window: so the copy is the bank
  // picture turned by the inverse move. Move the bank window's centre the same way.
  const { w, h } = isoSize(bank.content.aspect);
  const [mx, my] = movePoint(inverseMove(hit.variant), bs.cx, bs.cy, w, h);
  const scale = qs.side / bs.side;
  return {
    hit,
    scale,
    tx: qs.cx - scale * mx,
    ty: qs.cy - scale * my,
    bx: mx,
    by: my,
    qx: qs.cx,
    qy: qs.cy,
    side: qs.side,
  };
}

/**
 * Whether two hits imply the same transform: equal scales within the tolerance, and each
 * window's centre where the other's transform puts it, within `offsetTolerance` of its side.
 * (Comparing the offsets directly would depend on where the picture's origin is.)
 */
/** The similarity transform (and orientation) one hit implies, bank content → query content. */
export interface SeedTransform {
  readonly variant: DihedralName;
  readonly scale: number;
  readonly tx: number;
  readonly ty: number;
}

export function seedTransform(query: Side, bank: Side, hit: RegionHit): SeedTransform | undefined {
  const p = place(query, bank, hit);
  return p && { variant: hit.variant, scale: p.scale, tx: p.tx, ty: p.ty };
}

/** Where a bank window (normalised in the bank's content) lands in the query's content. */
export function mapBankRect(
  bankAspect: number,
  rect: UnitRect,
  t: SeedTransform,
  queryAspect: number,
): UnitRect {
  const b = isoSquare(rect, bankAspect);
  const { w, h } = isoSize(bankAspect);
  const [mx, my] = movePoint(inverseMove(t.variant), b.cx, b.cy, w, h);
  const cx = t.scale * mx + t.tx;
  const cy = t.scale * my + t.ty;
  const r = (t.scale * b.side) / 2;
  const q = isoSize(queryAspect);
  return { x0: (cx - r) / q.w, y0: (cy - r) / q.h, x1: (cx + r) / q.w, y1: (cy + r) / q.h };
}

function agrees(a: Placed, b: Placed, rule: RegionRule): boolean {
  if (Math.abs(Math.log(a.scale / b.scale)) > rule.scaleTolerance) return false;
  const bFromA = Math.hypot(a.scale * b.bx + a.tx - b.qx, a.scale * b.by + a.ty - b.qy);
  const aFromB = Math.hypot(b.scale * a.bx + b.tx - a.qx, b.scale * a.by + b.ty - a.qy);
  return bFromA <= rule.offsetTolerance * b.side && aFromB <= rule.offsetTolerance * a.side;
}

function sameWindow(bank: Side, i: number, j: number, rule: RegionRule): boolean {
  if (i === j) return true;
  const a = bank.regions[i]!.rect;
  const b = bank.regions[j]!.rect;
  const ix = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const iy = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const inter = ix * iy;
  const union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter;
  return union > 0 && inter / union > rule.maxOverlap;
}

function isoSquare(r: UnitRect, aspect: number): { cx: number; cy: number; side: number } {
  const { w, h } = isoSize(aspect);
  return { cx: ((r.x0 + r.x1) / 2) * w, cy: ((r.y0 + r.y1) / 2) * h, side: (r.x1 - r.x0) * w };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
