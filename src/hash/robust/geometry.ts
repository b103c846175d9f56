import type { DihedralName } from "../dihedral.js";

/**
 * Geometry of region windows. Windows live in "iso" units of a picture: its longer side is 1 and
 * both axes use the same unit, so a square window is square on screen whatever the picture's
 * aspect ratio (the 512×512 plane it is hashed from is squeezed; iso units are not).
 */

/** A square window: centre (cx, cy) and side, in iso units. */
export interface Square {
  readonly cx: number;
  readonly cy: number;
  readonly side: number;
}

/** Width and height of a picture in iso units (the longer is 1). */
export function isoSize(aspect: number): { w: number; h: number } {
  return aspect >= 1 ? { w: 1, h: 1 / aspect } : { w: aspect, h: 1 };
}

/** A square as a rectangle in normalised coordinates (0..1 on each axis of the picture). */
export function squareToUnit(
  s: Square,
  aspect: number,
): { x0: number; y0: number; x1: number; y1: number } {
  const { w, h } = isoSize(aspect);
  const r = s.side / 2;
  return { x0: (s.cx - r) / w, y0: (s.cy - r) / h, x1: (s.cx + r) / w, y1: (s.cy + r) / h };
}

export function insideUnit(
  r: { x0: number; y0: number; x1: number; y1: number },
  slack = 0,
): boolean {
  return r.x0 >= -slack && r.y0 >= -slack && r.x1 <= 1 + slack && r.y1 <= 1 + slack;
}

/**
 * Where a point of a w×h picture (iso units) lands when the picture undergoes a dihedral move,
 * with the names and directions of `DIHEDRAL_NAMES` (see pdq.test.ts: rotations counter-clockwise
 * in image coordinates, flipX upside down, flipY left–right, flipPlus1/flipMinus1 the diagonals).
 * Returns the point and the size of the moved picture.
 */
export function movePoint(
  name: DihedralName,
  x: number,
  y: number,
  w: number,
  h: number,
): [number, number] {
  switch (name) {
    case "original":
      return [x, y];
    case "rotate90":
      return [y, w - x];
    case "rotate180":
      return [w - x, h - y];
    case "rotate270":
      return [h - y, x];
    case "flipX":
      return [x, h - y];
    case "flipY":
      return [w - x, y];
    case "flipPlus1":
      return [y, x];
    case "flipMinus1":
      return [h - y, w - x];
  }
}

/** Whether the move swaps the picture's width and height. */
export function transposes(name: DihedralName): boolean {
  return (
    name === "rotate90" || name === "rotate270" || name === "flipPlus1" || name === "flipMinus1"
  );
}

/** The move that undoes `name`. */
export function inverseMove(name: DihedralName): DihedralName {
  return name === "rotate90" ? "rotate270" : name === "rotate270" ? "rotate90" : name;
}
