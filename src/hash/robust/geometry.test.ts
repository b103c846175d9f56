import { describe, expect, it } from "vitest";
import { DIHEDRAL_NAMES } from "../dihedral.js";
import { inverseMove, isoSize, movePoint, squareToUnit, transposes } from "./geometry.js";

describe("movePoint", () => {
  it("moves corners of a w×h picture onto corners of the moved picture", () => {
    const w = 1;
    const h = 0.6;
    for (const name of DIHEDRAL_NAMES) {
      const [mw, mh] = transposes(name) ? [h, w] : [w, h];
      for (const [x, y] of [
        [0, 0],
        [w, 0],
        [0, h],
        [w, h],
      ] as const) {
        const [mx, my] = movePoint(name, x, y, w, h);
        expect([0, mw]).toContainEqual(Math.abs(mx) < 1e-12 ? 0 : mx);
        expect([0, mh]).toContainEqual(Math.abs(my) < 1e-12 ? 0 : my);
      }
    }
  });

  it("is undone by its inverse", () => {
    for (const name of DIHEDRAL_NAMES) {
      const [w, h] = [1, 0.75];
      const [mx, my] = movePoint(name, 0.3, 0.2, w, h);
      const [mw, mh] = transposes(name) ? [h, w] : [w, h];
      const [bx, by] = movePoint(inverseMove(name), mx, my, mw, mh);
      expect(bx).toBeCloseTo(0.3, 12);
      expect(by).toBeCloseTo(0.2, 12);
    }
  });

  it("turns counter-clockwise for rotate90, as the PDQ dihedral hashes do", () => {
    // The top-left corner of an upright picture goes to the bottom-left after a quarter turn
    // counter-clockwise (see MOVES in pdq.test.ts: (x, y) → (y, n−1−x)).
    expect(movePoint("rotate90", 0, 0, 1, 1)).toEqual([0, 1]);
    expect(movePoint("flipY", 0.25, 0.5, 1, 1)).toEqual([0.75, 0.5]);
  });
});

describe("squareToUnit", () => {
  it("keeps a square square on screen whatever the aspect ratio", () => {
    const aspect = 16 / 9;
    const r = squareToUnit({ cx: 0.5, cy: 0.25, side: 0.2 }, aspect);
    const { w, h } = isoSize(aspect);
    expect((r.x1 - r.x0) * w).toBeCloseTo((r.y1 - r.y0) * h, 12);
  });
});
