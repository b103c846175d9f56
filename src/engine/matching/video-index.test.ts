import { describe, expect, it } from "vitest";
import { formatPdqHex, matchVpdq, type VpdqFeature } from "../../hash/index.js";
import { flipRandomBits, randomHash, seeded } from "../../../test/helpers/pdq-random.js";
import { VideoIndex } from "./video-index.js";

describe("VideoIndex", () => {
  it("finds exactly the videos a comparison with every banked video finds", () => {
    const next = seeded(3);
    const frames = (n: number) =>
      Array.from({ length: n }, (_, i): VpdqFeature => ({
        index: i,
        quality: 40 + (next() % 61), // some frames under the quality floor
        pdq: formatPdqHex(randomHash(next)),
        timestamp: i,
      }));
    const noisy = (video: VpdqFeature[], bits: number, keep: number) =>
      video
        .filter(() => next() % 100 < keep)
        .map((f) => ({ ...f, pdq: formatPdqHex(flipRandomBits(parseHex(f.pdq), bits, next)) }));
    const videos = new Map<number, VpdqFeature[]>();
    const index = new VideoIndex();
    for (let id = 0; id < 300; id++) {
      const base = id > 10 && id % 3 === 0 ? videos.get(next() % id) : undefined;
      const video = base ? noisy(base, next() % 30, 90) : frames(5 + (next() % 30));
      videos.set(id, video);
      index.add(id, video);
    }
    for (const id of [4, 40, 41]) {
      index.remove(id);
      videos.delete(id);
    }
    const distanceOf = (id: number) => (id % 7 === 0 ? undefined : id % 2 === 0 ? 31 : 12);
    for (let q = 0; q < 60; q++) {
      const source = videos.get(next() % 300) ?? frames(10);
      const query = q % 4 === 0 ? frames(12) : noisy(source, next() % 25, 95);
      const expected: number[] = [];
      for (const [id, video] of videos) {
        const d = distanceOf(id);
        if (d !== undefined && matchVpdq(query, video, { maxDistance: d }).isMatch)
          expected.push(id);
      }
      const got = index.match(query, 31, distanceOf).map((m) => m.id);
      expect(got.sort((a, b) => a - b)).toEqual(expected);
    }
  });
});

function parseHex(hex: string): Uint16Array {
  const hash = new Uint16Array(16);
  for (let w = 0; w < 16; w++)
    hash[w] = Number.parseInt(hex.slice((15 - w) * 4, (15 - w) * 4 + 4), 16);
  return hash;
}
