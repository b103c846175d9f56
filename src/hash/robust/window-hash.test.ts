import { describe, expect, it } from "vitest";
import { hammingDistance } from "../pdq-hash.js";
import { seeded } from "../../../test/helpers/pdq-random.js";
import { texturePixels } from "../../../test/helpers/texture.js";
import { PlaneBuffer } from "./plane.js";
import { dct16, WindowHasher } from "./window-hash.js";

describe("dct16", () => {
  it("equals the plain triple sum D·A·Dᵀ over the 16 lowest frequencies", () => {
    const next = seeded(3);
    for (const n of [32, 64]) {
      const a = Float32Array.from({ length: n * n }, () => next() % 256);
      const d = new Float64Array(16 * n);
      for (let i = 0; i < 16; i++) {
        for (let j = 0; j < n; j++)
          d[i * n + j] = Math.sqrt(2 / n) * Math.cos((Math.PI / 2 / n) * (i + 1) * (2 * j + 1));
      }
      const out = new Float32Array(256);
      dct16(a, n, d, new Float64Array(16 * n), out);
      for (const [u, v] of [
        [0, 0],
        [3, 11],
        [15, 15],
        [8, 1],
      ] as const) {
        let sum = 0;
        for (let k = 0; k < n; k++)
          for (let l = 0; l < n; l++) sum += d[u * n + k]! * a[k * n + l]! * d[v * n + l]!;
        expect(out[u * 16 + v]!).toBeCloseTo(sum, 1);
      }
    }
  });
});

describe("WindowHasher", () => {
  const plane = new PlaneBuffer().fill(texturePixels(400, 300, 1));
  const hasher = new WindowHasher(32);
  const hashOf = (x0: number, y0: number, side: number) => {
    hasher.load(plane, { x0, y0, x1: x0 + side, y1: y0 + side });
    return hasher.hash();
  };

  it("moves a few bits for a sub-pixel shift and many for a different window", () => {
    const a = hashOf(100, 80, 150);
    expect(hammingDistance(a, hashOf(100.4, 80, 150))).toBeLessThan(24);
    expect(hammingDistance(a, hashOf(220, 120, 150))).toBeGreaterThan(64);
  });

  it("hashes on a 32-cell grid almost as on PDQ's 64", () => {
    const wide = new WindowHasher(64);
    wide.load(plane, { x0: 50, y0: 50, x1: 250, y1: 250 });
    expect(hammingDistance(wide.hash(), hashOf(50, 50, 200))).toBeLessThan(24);
  });

  it("gives each orientation of the window the hash of the turned window", () => {
    hasher.load(plane, { x0: 60, y0: 40, x1: 260, y1: 240 });
    const all = hasher.hashes();
    expect(Array.from(all.rotate90)).toEqual(Array.from(hasher.hash("rotate90")));
    expect(Array.from(all.flipY)).toEqual(Array.from(hasher.hash("flipY")));
  });
});
