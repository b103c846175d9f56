import { describe, expect, it } from "vitest";
import { isVigilError } from "../core/index.js";
import { scenePixels } from "../../test/helpers/images.js";
import { DIHEDRAL_NAMES, type DihedralName } from "./dihedral.js";
import { DCT_MATRIX } from "./dct.js";
import { formatPdqHex, hammingDistance } from "./pdq-hash.js";
import { PdqHasher, pdqDihedralHashes, pdqHash } from "./pdq.js";
import type { Pixels } from "./pixels.js";
import { torbenMedian } from "./torben.js";

function grey(width: number, height: number, value: (x: number, y: number) => number): Pixels {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) data[y * width + x] = value(x, y);
  return { data, width, height, channels: 1 };
}

/**
 * Where the pixel at (x, y) of an n×n image goes under each symmetry, in the reference's naming:
 * rotations are counter-clockwise, flipX turns the picture upside down, flipY mirrors it left to
 * right, flipPlus1 and flipMinus1 mirror it across its diagonals.
 */
const MOVES: Record<DihedralName, (x: number, y: number, n: number) => [number, number]> = {
  original: (x, y) => [x, y],
  rotate90: (x, y, n) => [y, n - 1 - x],
  rotate180: (x, y, n) => [n - 1 - x, n - 1 - y],
  rotate270: (x, y, n) => [n - 1 - y, x],
  flipX: (x, y, n) => [x, n - 1 - y],
  flipY: (x, y, n) => [n - 1 - x, y],
  flipPlus1: (x, y) => [y, x],
  flipMinus1: (x, y, n) => [n - 1 - y, n - 1 - x],
};

function transformSquare(p: Pixels, name: DihedralName): Pixels {
  const n = p.width;
  const out = new Uint8Array(p.data.length);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const [tx, ty] = MOVES[name](x, y, n);
      for (let c = 0; c < p.channels; c++)
        out[(ty * n + tx) * p.channels + c] = p.data[(y * n + x) * p.channels + c]!;
    }
  }
  return { ...p, data: out };
}

describe("PdqHasher", () => {
  it("hashes an image under 5 pixels on a side to zeros with quality 0", () => {
    for (const [w, h] of [
      [4, 100],
      [100, 4],
      [0, 0],
      [1, 1],
    ] as const) {
      const result = pdqHash(grey(w, h, (x, y) => (x * 31 + y * 17) % 256));
      expect(formatPdqHex(result.hash)).toBe("0".repeat(64));
      expect(result.quality).toBe(0);
    }
  });

  it("gives a blank image quality 0", () => {
    expect(pdqHash(grey(200, 150, () => 128)).quality).toBe(0);
  });

  it("gives a detailed picture full quality and about half its bits set", () => {
    const { hash, quality } = pdqHash(scenePixels(320, 240));
    expect(quality).toBe(100);
    const ones = formatPdqHex(hash)
      .split("")
      .reduce(
        (n, digit) => n + Number.parseInt(digit, 16).toString(2).replaceAll("0", "").length,
        0,
      );
    expect(ones).toBeGreaterThanOrEqual(120);
    expect(ones).toBeLessThanOrEqual(128);
  });

  it("ignores the alpha channel", () => {
    const rgb = scenePixels(300, 200, 3, 3);
    const rgba = scenePixels(300, 200, 3, 4);
    expect(formatPdqHex(pdqHash(rgba).hash)).toBe(formatPdqHex(pdqHash(rgb).hash));
  });

  it("carries nothing over from a larger image hashed before", () => {
    const reused = new PdqHasher();
    reused.hash(scenePixels(640, 480, 7));
    const small = scenePixels(120, 90, 2);
    expect(formatPdqHex(reused.hash(small).hash)).toBe(
      formatPdqHex(new PdqHasher().hash(small).hash),
    );
  });

  it("keeps a re-scaled copy within a few bits and a different picture far away", () => {
    const original = pdqHash(scenePixels(400, 300, 1)).hash;
    expect(hammingDistance(original, pdqHash(scenePixels(800, 600, 1)).hash)).toBeLessThanOrEqual(
      16,
    );
    expect(hammingDistance(original, pdqHash(scenePixels(400, 300, 2)).hash)).toBeGreaterThan(64);
  });

  it.each([
    ["a short buffer", { data: new Uint8Array(10), width: 10, height: 10, channels: 1 }],
    ["a fractional width", { data: new Uint8Array(10), width: 2.5, height: 4, channels: 1 }],
    ["five channels", { data: new Uint8Array(50), width: 10, height: 1, channels: 5 }],
    ["a plain array", { data: [1, 2, 3], width: 3, height: 1, channels: 1 }],
  ])("refuses %s with hash/invalid-pixels", (_label, pixels) => {
    try {
      pdqHash(pixels as unknown as Pixels);
      expect.unreachable();
    } catch (error) {
      expect(isVigilError(error) && error.code).toBe("hash/invalid-pixels");
    }
  });
});

describe("dihedral hashes", () => {
  const scene = scenePixels(256, 256, 5);

  it("include the plain hash as `original`, with the same quality", () => {
    const plain = pdqHash(scene);
    const all = pdqDihedralHashes(scene);
    expect(formatPdqHex(all.hashes.original)).toBe(formatPdqHex(plain.hash));
    expect(all.quality).toBe(plain.quality);
    expect(Object.keys(all.hashes)).toEqual([...DIHEDRAL_NAMES]);
  });

  // An odd side makes the tent filter and the decimation grid symmetric, so each variant should
  // equal the hash of the transformed pixels (up to float rounding in the opposite summing order).
  // Even sides shift the sampling grid by a pixel; the reference's own files show 8-18 bits there.
  it.each(DIHEDRAL_NAMES)("predict the hash of the image transformed by %s", (name) => {
    const square = scenePixels(257, 257, 5);
    const predicted = pdqDihedralHashes(square).hashes;
    const actual = pdqHash(transformSquare(square, name)).hash;
    for (const other of DIHEDRAL_NAMES) {
      const distance = hammingDistance(predicted[other], actual);
      if (other === name) expect(distance).toBeLessThanOrEqual(2);
      else expect(distance).toBeGreaterThan(64);
    }
  });

  it("are eight different hashes for an asymmetric picture", () => {
    const hexes = Object.values(pdqDihedralHashes(scene).hashes).map(formatPdqHex);
    expect(new Set(hexes).size).toBe(8);
  });
});

describe("building blocks", () => {
  it("torbenMedian returns the lower median, as the reference does", () => {
    let seed = 12345;
    const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) * 200 - 100;
    for (const n of [1, 2, 3, 16, 255, 256]) {
      const values = Float32Array.from({ length: n }, next);
      const sorted = [...values].sort((a, b) => a - b);
      expect(torbenMedian(values)).toBe(sorted[Math.trunc((n - 1) / 2)]);
    }
  });

  it("the DCT basis rows are orthonormal (to float32 precision)", () => {
    for (let a = 0; a < 16; a++) {
      for (let b = 0; b < 16; b++) {
        let dot = 0;
        for (let k = 0; k < 64; k++) dot += DCT_MATRIX[a * 64 + k]! * DCT_MATRIX[b * 64 + k]!;
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 5);
      }
    }
  });
});
