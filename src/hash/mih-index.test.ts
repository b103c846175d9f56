import { describe, expect, it } from "vitest";
import { buildIndex, corpus, expectSameAsScan } from "../../test/helpers/mih.js";
import {
  flipRandomBits,
  flipSpreadBits,
  randomHash,
  seeded,
} from "../../test/helpers/pdq-random.js";
import { DIHEDRAL_NAMES, type DihedralName } from "./dihedral.js";
import { MihIndex } from "./mih-index.js";
import { hammingDistance, type PdqHash } from "./pdq-hash.js";

/** Removes every `step`-th entry from both the index and the model of it. */
function removeEvery(index: MihIndex, entries: Map<number, PdqHash>, step: number): void {
  [...entries.keys()].forEach((id, i) => {
    if (i % step !== 0) return;
    expect(index.remove(id)).toBe(true);
    entries.delete(id);
  });
}

describe("MihIndex search", () => {
  it("finds exactly what a linear scan finds, for uniform and planted hashes at d = 0..47", () => {
    const data = corpus(seeded(1), 20_000, 20);
    expectSameAsScan(buildIndex(data.entries), data);
  });

  it("still equals the scan after removals, with tombstones and after compacting them", () => {
    const data = corpus(seeded(2), 20_000, 12);
    const index = buildIndex(data.entries);
    removeEvery(index, data.entries, 10);
    expect(index.stats.dead).toBeGreaterThan(0);
    expectSameAsScan(index, data);
    const before = index.stats.main;
    removeEvery(index, data.entries, 3);
    // Past a quarter dead the main segment was rebuilt without its tombstones.
    expect(index.stats.main).toBeLessThan(before);
    expectSameAsScan(index, data);
    index.compact();
    expect(index.stats).toEqual({ main: data.entries.size, delta: 0, tail: 0, dead: 0 });
    expectSameAsScan(index, data);
    expect(index.remove(0xfffffffe)).toBe(false);
  });

  it("still equals the scan as adds pass through the tail, the delta segment and merges", () => {
    const data = corpus(seeded(3), 20_000, 12);
    const all = [...data.entries];
    const entries = new Map(all.slice(0, 15_000));
    const model = { entries, queries: data.queries };
    const index = buildIndex(entries, { tailCapacity: 256 });
    const mainAtStart = index.stats.main;
    let checkedTail = false;
    let checkedDelta = false;
    for (const [i, [id, hash]] of all.slice(15_000).entries()) {
      index.add(id, hash);
      entries.set(id, hash);
      if (i % 97 === 0) {
        // Remove something from wherever it now sits: tail, delta or main.
        const victim = all[i * 2]![0];
        expect(index.remove(victim)).toBe(entries.delete(victim));
      }
      const { tail, delta } = index.stats;
      if (!checkedTail && tail > 0 && delta === 0) {
        checkedTail = true;
        expectSameAsScan(index, model);
      }
      if (!checkedDelta && tail > 0 && delta > 0) {
        checkedDelta = true;
        expectSameAsScan(index, model);
      }
    }
    expect([checkedTail, checkedDelta]).toEqual([true, true]);
    expect(index.stats.main).toBeGreaterThan(mainAtStart);
    expectSameAsScan(index, model);
    index.compact();
    expect(index.stats).toEqual({ main: entries.size, delta: 0, tail: 0, dead: 0 });
    expectSameAsScan(index, model);
  });

  it("treats the id as the key: adding it again replaces its hash, wherever it sits", () => {
    const next = seeded(4);
    const [a, b, c] = [randomHash(next), randomHash(next), randomHash(next)];
    const index = buildIndex(new Map([[7, a]]), { tailCapacity: 2 });
    index.add(7, b);
    expect(index.search(a, 0)).toEqual([]);
    expect(index.search(b, 0)).toEqual([{ id: 7, distance: 0 }]);
    index.add(7, c);
    expect(index.size).toBe(1);
    expect(index.search(b, 31)).toEqual([]);
    expect(index.search(c, 31)).toEqual([{ id: 7, distance: 0 }]);
    expect(index.has(7)).toBe(true);
    expect(index.remove(7)).toBe(true);
    expect(index.has(7)).toBe(false);
    expect(index.search(c, 47)).toEqual([]);
  });

  it("keeps the last hash of an id repeated in a bulk build", () => {
    const next = seeded(5);
    const [a, b] = [randomHash(next), randomHash(next)];
    const words = new Uint16Array(48);
    words.set(a, 0);
    words.set(b, 16);
    words.set(a, 32);
    const index = MihIndex.build(Uint32Array.of(1, 2, 1), words);
    expect(index.size).toBe(2);
    expect(index.search(a, 0)).toEqual([{ id: 1, distance: 0 }]);
    expect(index.search(b, 0)).toEqual([{ id: 2, distance: 0 }]);
  });

  it("refuses bad ids, hashes and distances with a VigilError", () => {
    const index = new MihIndex();
    const hash = new Uint16Array(16);
    const attempts: Array<[string, () => unknown]> = [
      ["hash/invalid-argument", () => index.add(-1, hash)],
      ["hash/invalid-argument", () => index.add(2 ** 32, hash)],
      ["hash/invalid-argument", () => index.remove(1.5)],
      ["hash/invalid-hash", () => index.add(1, new Uint16Array(15))],
      ["hash/invalid-argument", () => index.search(hash, 48)],
      ["hash/invalid-argument", () => index.search(hash, -1)],
      ["hash/invalid-hash", () => index.search(new Uint8Array(32) as unknown as PdqHash)],
      ["hash/invalid-argument", () => MihIndex.build(Uint32Array.of(1), new Uint16Array(15))],
    ];
    for (const [code, attempt] of attempts) {
      expect(attempt).toThrow(expect.objectContaining({ name: "VigilError", code }));
    }
  });
});

describe("MihIndex dihedral search", () => {
  it("reports each entry once, with its best distance over the variants and which one gave it", () => {
    const next = seeded(6);
    const query = Object.fromEntries(
      DIHEDRAL_NAMES.map((name) => [name, randomHash(next)]),
    ) as Record<DihedralName, PdqHash>;
    // Two variants 10 bits apart (a near-symmetric picture): entries near one are near both.
    query.rotate180 = flipRandomBits(query.rotate90, 10, next);
    const entries = new Map<number, PdqHash>();
    for (const name of DIHEDRAL_NAMES) {
      for (let t = 0; t <= 40; t += 4)
        entries.set(entries.size, flipSpreadBits(query[name], t, next));
    }
    const nearBoth = entries.size;
    entries.set(nearBoth, flipRandomBits(query.rotate90, 6, next));
    for (let i = 0; i < 2_000; i++) entries.set(entries.size, randomHash(next));
    const index = buildIndex(entries);
    for (const d of [0, 8, 31, 47]) {
      const expected = [...entries]
        .map(([id, hash]) => {
          const distances = DIHEDRAL_NAMES.map((variant) => hammingDistance(hash, query[variant]));
          const best = Math.min(...distances);
          return { id, distance: best, variant: DIHEDRAL_NAMES[distances.indexOf(best)]! };
        })
        .filter((m) => m.distance <= d)
        .sort((a, b) => a.distance - b.distance || a.id - b.id);
      expect(index.searchDihedral(query, d)).toEqual(expected);
    }
    const reported = index.searchDihedral(query).filter((m) => m.id === nearBoth);
    expect(reported).toEqual([{ id: nearBoth, distance: 6, variant: "rotate90" }]);
  });
});
