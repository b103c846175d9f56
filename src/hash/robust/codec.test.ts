import { describe, expect, it } from "vitest";
import { isVigilError } from "../../core/index.js";
import { seeded, randomHash } from "../../../test/helpers/pdq-random.js";
import { decodeBankHashes, encodeBankHashes } from "./codec.js";
import type { BankHashes } from "./robust-hashes.js";

const next = seeded(11);
const sample: BankHashes = {
  whole: { hash: randomHash(next), quality: 100 },
  trimmed: { hash: randomHash(next), quality: 87, rect: { x0: 0, y0: 120, x1: 1080, y1: 900 } },
  content: { rect: { x0: 0, y0: 0.05, x1: 1, y1: 0.375 }, aspect: 1.385 },
  regions: Array.from({ length: 12 }, (_, i) => ({
    hash: randomHash(next),
    quality: 50 + i,
    rect: { x0: i / 40, y0: 0.1, x1: i / 40 + 0.3, y1: 0.4 },
  })),
  notes: ["trimmed"],
};

describe("encodeBankHashes / decodeBankHashes", () => {
  it("round-trips every hash, quality and rectangle (to 1/65535)", () => {
    const bytes = encodeBankHashes(sample);
    expect(bytes.length).toBeLessThan(600);
    const back = decodeBankHashes(bytes);
    expect(Array.from(back.whole.hash)).toEqual(Array.from(sample.whole.hash));
    expect(back.trimmed?.rect).toEqual(sample.trimmed?.rect);
    expect(back.content.aspect).toBeCloseTo(1.385, 5);
    expect(back.regions).toHaveLength(12);
    back.regions.forEach((r, i) => {
      expect(Array.from(r.hash)).toEqual(Array.from(sample.regions[i]!.hash));
      expect(r.quality).toBe(sample.regions[i]!.quality);
      expect(r.rect.x1).toBeCloseTo(sample.regions[i]!.rect.x1, 4);
    });
  });

  it("refuses damaged data with hash/invalid-hash", () => {
    const bytes = encodeBankHashes(sample);
    for (const bad of [
      bytes.subarray(0, bytes.length - 1),
      Uint8Array.of(1, 2, 3),
      new Uint8Array(bytes.length),
    ]) {
      let error: unknown;
      try {
        decodeBankHashes(bad);
      } catch (e) {
        error = e;
      }
      expect(isVigilError(error) && error.code === "hash/invalid-hash").toBe(true);
    }
  });
});
