import { describe, expect, it } from "vitest";
import { matchRegions, type RegionHit } from "./match-regions.js";
import type { Content, UnitRect } from "./robust-hashes.js";

const square: Content = { rect: { x0: 0, y0: 0, x1: 1, y1: 1 }, aspect: 1 };
const r = (x0: number, y0: number, side: number): { rect: UnitRect } => ({
  rect: { x0, y0, x1: x0 + side, y1: y0 + side },
});

/** Bank windows and where a 0.8 crop at (0.1, 0.1), scaled up by 1.25, puts them in the copy. */
const bank = {
  content: square,
  regions: [r(0.2, 0.2, 0.3), r(0.5, 0.4, 0.25), r(0.15, 0.55, 0.2)],
};
const toCopy = (w: { rect: UnitRect }) =>
  r((w.rect.x0 - 0.1) * 1.25, (w.rect.y0 - 0.1) * 1.25, (w.rect.x1 - w.rect.x0) * 1.25);
const query = { content: square, regions: bank.regions.map(toCopy) };
const hit = (
  q: number,
  b: number,
  distance = 10,
  variant: RegionHit["variant"] = "original",
): RegionHit => ({ query: q, bank: b, distance, variant });

describe("matchRegions", () => {
  it("never matches on one window, however close", () => {
    expect(matchRegions(query, bank, [hit(0, 0, 0)])).toBeUndefined();
  });

  it("matches two windows that imply the same crop and scale", () => {
    const m = matchRegions(query, bank, [hit(0, 0), hit(1, 1, 20)]);
    expect(m?.windows).toHaveLength(2);
    expect(m?.scale).toBeCloseTo(1.25, 6);
  });

  it("does not match two close windows in inconsistent places", () => {
    const swapped = { content: square, regions: [query.regions[0]!, query.regions[2]!] };
    expect(matchRegions(swapped, bank, [hit(0, 0), hit(1, 1)])).toBeUndefined();
  });

  it("needs its first window within the seed distance", () => {
    expect(matchRegions(query, bank, [hit(0, 0, 35), hit(1, 1, 38)])).toBeUndefined();
  });

  it("counts nearly the same bank window twice as one", () => {
    const twin = { content: square, regions: [r(0.2, 0.2, 0.3), r(0.205, 0.2, 0.3)] };
    const q = { content: square, regions: twin.regions.map(toCopy) };
    expect(matchRegions(q, twin, [hit(0, 0), hit(1, 1)])).toBeUndefined();
  });

  it("follows the orientation: a mirrored copy matches through flipY", () => {
    const mirror = (w: { rect: UnitRect }) => ({
      rect: { x0: 1 - w.rect.x1, y0: w.rect.y0, x1: 1 - w.rect.x0, y1: w.rect.y1 },
    });
    const mirrored = { content: square, regions: query.regions.map(mirror) };
    expect(
      matchRegions(mirrored, bank, [hit(0, 0, 10, "flipY"), hit(1, 1, 10, "flipY")])?.variant,
    ).toBe("flipY");
    expect(matchRegions(mirrored, bank, [hit(0, 0), hit(1, 1)])).toBeUndefined();
  });
});
