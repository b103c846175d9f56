import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  DIHEDRAL_NAMES,
  dihedralOfHash,
  formatPdqHex,
  hammingDistance,
  parsePdqHex,
  pdqDihedralHashes,
  pdqHash,
  referencePreScale,
  type Pixels,
} from "../src/hash/index.js";
import { hashImage, type ImageHashes } from "../src/signals/index.js";
import { parsePnm } from "./helpers/pnm.js";
import { pdqVectorPath, sharedDataAvailable } from "./helpers/shared.js";

/**
 * Vigil's PDQ against the reference C++ hasher's own output over ../shared/pdq-vectors.
 * First on the very pixels the reference saw (it decodes through ImageMagick's `convert`), where
 * nothing but bit-exact is acceptable; then through our own decoder (sharp), as users run it.
 */
interface ReferenceLine {
  readonly hash: string;
  readonly quality: number;
  readonly path: string;
}

function readReference(file: string): string[][] {
  return readFileSync(pdqVectorPath(`reference/${file}`), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(","));
}

// I16.png holds 16-bit grey. The reference stores each 16-bit sample in a uint8_t, keeping only
// its low byte, so its hash is of noise; we scale samples to 8 bits as every decoder should.
const REFERENCE_DEFECTS = new Set(["python-threatexchange-resources/I16.png"]);

const IMAGEMAGICK = "/usr/bin/convert";

function imageMagickPixels(path: string, ...args: string[]) {
  const pnm = execFileSync(IMAGEMAGICK, [pdqVectorPath(path), ...args, "pnm:-"], {
    maxBuffer: 1 << 30,
    stdio: ["ignore", "pipe", "ignore"],
  });
  return parsePnm(new Uint8Array(pnm));
}

describe.skipIf(!sharedDataAvailable())("PDQ against the reference hasher", () => {
  // Read behind the same check as skipIf: a skipped describe's body still runs.
  const csv = sharedDataAvailable() ? readReference("pdq-hashes.csv") : [];
  const reference: ReferenceLine[] = csv.map(([hash, quality, path]) => ({
    hash: hash!,
    quality: Number(quality),
    path: path!,
  }));

  it("covers all 55 reference images", () => {
    expect(reference).toHaveLength(55);
  });

  describe("fed the same pixels as the reference (ImageMagick's decode)", () => {
    const pixels = new Map<string, Pixels>();
    beforeAll(() => {
      if (!existsSync(IMAGEMAGICK)) {
        throw new Error(
          `${IMAGEMAGICK} is missing: install the Debian package imagemagick (.ci/run does)`,
        );
      }
      for (const { path } of reference)
        pixels.set(path, referencePreScale(imageMagickPixels(path)));
    }, 180_000);

    it("gives every hash and quality bit for bit", () => {
      const mismatches = reference.flatMap(({ hash, quality, path }) => {
        const result = pdqHash(pixels.get(path)!);
        const ours = `${formatPdqHex(result.hash)},${result.quality}`;
        return ours === `${hash},${quality}` ? [] : [`${path}: ${ours} != ${hash},${quality}`];
      });
      expect(mismatches).toEqual([]);
    });

    it("gives all eight dihedral hashes bit for bit", () => {
      const mismatches = readReference("pdq-dihedral-across.csv").flatMap((row) => {
        const path = row[9]!;
        const result = pdqDihedralHashes(pixels.get(path)!);
        const ours = DIHEDRAL_NAMES.map((name) => formatPdqHex(result.hashes[name]));
        return ours.join(",") === row.slice(0, 8).join(",") ? [] : [path];
      });
      expect(mismatches).toEqual([]);
    });
  });

  describe("decoded by Vigil (sharp)", () => {
    const ours = new Map<string, ImageHashes>();
    beforeAll(async () => {
      for (const { path } of reference) {
        ours.set(path, await hashImage(readFileSync(pdqVectorPath(path)), { dihedral: true }));
      }
    }, 120_000);

    it("matches at least 50 of the 55 hashes exactly, the rest within 8 bits, every quality equal", () => {
      let exact = 0;
      const far: string[] = [];
      for (const { hash, quality, path } of reference) {
        const result = ours.get(path)!;
        expect(result.quality, path).toBe(quality);
        const distance = hammingDistance(parsePdqHex(result.pdq), parsePdqHex(hash));
        if (distance === 0) exact++;
        else if (distance > 8 && !REFERENCE_DEFECTS.has(path))
          far.push(`${path}: ${distance} bits`);
      }
      expect(far).toEqual([]);
      expect(exact).toBeGreaterThanOrEqual(50);
    });

    it("hashes 16-bit images from their scaled samples, where the reference keeps low bytes", () => {
      for (const path of REFERENCE_DEFECTS) {
        const scaled = pdqHash(referencePreScale(imageMagickPixels(path, "-depth", "8")));
        expect(ours.get(path)!.pdq).toBe(formatPdqHex(scaled.hash));
        const lowBytes = pdqHash(referencePreScale(imageMagickPixels(path)));
        expect(reference.find((line) => line.path === path)!.hash).toBe(
          formatPdqHex(lowBytes.hash),
        );
      }
    });

    it("matches the reference's eight dihedral hashes within 8 bits each", () => {
      for (const row of readReference("pdq-dihedral-across.csv")) {
        const path = row[9]!;
        if (REFERENCE_DEFECTS.has(path)) continue;
        const dihedral = ours.get(path)!.dihedral!;
        DIHEDRAL_NAMES.forEach((name, i) => {
          const distance = hammingDistance(parsePdqHex(dihedral[name]), parsePdqHex(row[i]!));
          expect(distance, `${path} ${name}`).toBeLessThanOrEqual(8);
        });
      }
    });

    it("derives dihedral variants from a hash alone within a few bits of the true ones", () => {
      const rows = readReference("pdq-dihedral-across.csv").filter((row) => row[8] !== "0");
      DIHEDRAL_NAMES.forEach((name, i) => {
        const distances = rows
          .map((row) =>
            hammingDistance(dihedralOfHash(parsePdqHex(row[0]!))[name], parsePdqHex(row[i]!)),
          )
          .sort((a, b) => a - b);
        const median = distances[distances.length >> 1]!;
        if (name === "original" || name === "flipPlus1") expect(distances.at(-1), name).toBe(0);
        else expect(median, name).toBeLessThanOrEqual(10);
      });
    });

    it("recognises rotated and mirrored copies through the dihedral hashes", () => {
      const original = ours.get("data/reg-test-input/dih/bridge-1-original.jpg")!.dihedral!;
      const files = [
        "1-original",
        "2-rotate-90",
        "3-rotate-180",
        "4-rotate-270",
        "5-flipx",
        "6-flipy",
      ]
        .concat(["7-flip-plus-1", "8-flip-minus-1"])
        .map((name) => `data/reg-test-input/dih/bridge-${name}.jpg`);
      files.forEach((path, i) => {
        const copy = parsePdqHex(ours.get(path)!.pdq);
        const viaVariant = hammingDistance(parsePdqHex(original[DIHEDRAL_NAMES[i]!]), copy);
        expect(viaVariant, path).toBeLessThanOrEqual(31);
        if (i > 0)
          expect(hammingDistance(parsePdqHex(original.original), copy), path).toBeGreaterThan(31);
      });
    });

    it("keeps edited copies of the bridge photo within 31 bits of the original", () => {
      const original = parsePdqHex(ours.get("data/bridge-mods/aaa-orig.jpg")!.pdq);
      for (const [path, result] of ours) {
        if (!path.startsWith("data/bridge-mods/")) continue;
        expect(hammingDistance(original, parsePdqHex(result.pdq)), path).toBeLessThanOrEqual(31);
      }
    });
  });
});
