import { describe, expect, it } from "vitest";
import { buildIndex, corpus, expectSameAsScan } from "../../test/helpers/mih.js";
import { randomHash, seeded } from "../../test/helpers/pdq-random.js";
import { MihIndex } from "./mih-index.js";
import { checksum } from "./mih-serialise.js";

const HEADER = 32;

function sample(): { index: MihIndex; bytes: Uint8Array; n: number } {
  const next = seeded(11);
  const entries = new Map(
    Array.from({ length: 301 }, (_, i) => [i * 3, randomHash(next)] as const),
  );
  const index = buildIndex(entries);
  return { index, bytes: index.serialise(), n: entries.size };
}

/** Rewrites the checksum after an edit, as someone crafting a file would. */
function resealed(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  view.setUint32(16, checksum(new Uint32Array(copy.buffer, HEADER)), true);
  return copy;
}

describe("MihIndex serialise and load", () => {
  it("round-trips: the loaded index answers exactly as the linear scan, and as the original", () => {
    const data = corpus(seeded(12), 10_000, 8);
    const index = buildIndex(data.entries, { tailCapacity: 32 });
    // Pending adds, removals and tombstones must all be folded into the snapshot.
    const next = seeded(13);
    for (let i = 0; i < 100; i++) {
      const hash = randomHash(next);
      index.add(i, hash);
      data.entries.set(i, hash);
    }
    for (const id of [...data.entries.keys()].slice(0, 500)) {
      index.remove(id);
      data.entries.delete(id);
    }
    const bytes = index.serialise();
    expect(index.stats).toEqual({ main: data.entries.size, delta: 0, tail: 0, dead: 0 });
    const n = data.entries.size;
    // 132 bytes an entry; sibling arrays are padded to an even count.
    expect(bytes.length).toBe(HEADER + 100 * n + 32 * (n + (n % 2)));
    const loaded = MihIndex.load(bytes);
    expectSameAsScan(loaded, data);
    const again = loaded.serialise();
    expect(again.length).toBe(bytes.length);
    expect(again.findIndex((byte, i) => byte !== bytes[i])).toBe(-1);
  });

  it("loads from bytes that do not start on a 4-byte boundary, and stays mutable", () => {
    const { bytes, n } = sample();
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const loaded = MihIndex.load(shifted);
    expect(loaded.size).toBe(n);
    const hash = randomHash(seeded(14));
    loaded.add(1, hash);
    expect(loaded.remove(3)).toBe(true);
    expect(loaded.search(hash, 0)).toEqual([{ id: 1, distance: 0 }]);
    expect(loaded.size).toBe(n);
  });

  it("round-trips an empty index", () => {
    const bytes = new MihIndex().serialise();
    expect(bytes.length).toBe(HEADER);
    expect(MihIndex.load(bytes).size).toBe(0);
  });

  const cases: Array<[string, (bytes: Uint8Array, n: number) => Uint8Array, RegExp]> = [
    ["an empty input", () => new Uint8Array(0), /truncated/],
    ["a cut header", (b) => b.subarray(0, 20), /truncated/],
    ["a cut payload", (b) => b.subarray(0, b.length - 1), /truncated/],
    ["trailing bytes", (b) => Uint8Array.from([...b, 0]), /trailing/],
    ["another format", (b) => Uint8Array.from(b, (x, i) => (i === 0 ? 0x50 : x)), /magic/],
    ["an unknown version", (b) => Uint8Array.from(b, (x, i) => (i === 8 ? 2 : x)), /version 2/],
    [
      "reserved bytes set",
      (b) => resealed(Uint8Array.from(b, (x, i) => (i === 24 ? 1 : x))),
      /reserved/,
    ],
    [
      "a flipped payload bit",
      (b) => Uint8Array.from(b, (x, i) => (i === b.length - 7 ? x ^ 4 : x)),
      /checksum/,
    ],
    [
      "an entry number out of range, checksum fixed up",
      (b, n) => {
        const copy = b.slice();
        new DataView(copy.buffer).setUint32(HEADER + 36 * n + 8, n, true);
        return resealed(copy);
      },
      /out of range/,
    ],
  ];

  it.each(cases)("refuses %s with hash/invalid-index", (_name, damage, message) => {
    const { bytes, n } = sample();
    const attempt = () => MihIndex.load(damage(bytes, n));
    expect(attempt).toThrow(
      expect.objectContaining({ name: "VigilError", code: "hash/invalid-index" }),
    );
    expect(attempt).toThrow(message);
  });
});
