import { describe, expect, it } from "vitest";
import { clusteredFaces, gaussian, randomUnit } from "../../../test/helpers/face-data.js";
import {
  FaceIndex,
  normaliseEmbedding,
  similarity,
  type FaceIndexEntry,
  type FaceMatch,
} from "./face-index.js";

const units = new WeakMap<Float32Array, Float32Array>();
function unitOf(vector: Float32Array): Float32Array {
  let unit = units.get(vector);
  if (!unit) units.set(vector, (unit = normaliseEmbedding(vector, vector.length)));
  return unit;
}

/** The definition the index must agree with: scan everything, keep the best at or above threshold. */
function bruteForce(
  entries: readonly FaceIndexEntry[],
  query: Float32Array,
  threshold: number,
  nowMs = Date.now(),
): FaceMatch | null {
  const q = normaliseEmbedding(query, query.length);
  let best: FaceMatch | null = null;
  for (const entry of entries) {
    if ((entry.expiresAtMs ?? Infinity) <= nowMs) continue;
    const s = similarity(q, unitOf(entry.vector));
    if (s < threshold) continue;
    if (!best || s > best.similarity || (s === best.similarity && entry.id < best.embeddingId)) {
      best = { personId: entry.personId, embeddingId: entry.id, similarity: s };
    }
  }
  return best;
}

function expectSameAsBruteForce(
  index: FaceIndex,
  entries: readonly FaceIndexEntry[],
  queries: readonly Float32Array[],
): { matches: number } {
  let matches = 0;
  for (const query of queries) {
    const expected = bruteForce(entries, query, index.threshold);
    expect(index.search(query)).toEqual(expected);
    if (expected) matches++;
  }
  return { matches };
}

/**
 * At the knife edge: with the threshold set to the best similarity itself the index must return
 * that reference, and just above it nothing. Near-duplicate queries make the pruning bound
 * almost tight here, so a bound or margin that is too eager shows at once.
 */
function expectKnifeEdge(
  index: FaceIndex,
  entries: readonly FaceIndexEntry[],
  queries: readonly Float32Array[],
): void {
  for (const query of queries) {
    const best = bruteForce(entries, query, -1)!;
    expect(index.search(query, Date.now(), best.similarity)).toEqual(best);
    const above = best.similarity + 1e-12;
    expect(index.search(query, Date.now(), above)).toEqual(bruteForce(entries, query, above));
  }
}

const D = 256;

describe("FaceIndex", () => {
  it("answers exactly as brute force on random unit vectors", () => {
    const next = gaussian(1);
    const entries = Array.from({ length: 2000 }, (_, i) => ({
      id: i + 1,
      personId: `p${i % 700}`,
      vector: randomUnit(D, next),
    }));
    const index = FaceIndex.build(entries, { dimension: D, threshold: 0.3 });
    // Noisy copies of stored vectors at many distances, so some match and some just miss.
    const queries = Array.from({ length: 300 }, (_, i) => {
      const base = entries[(i * 7) % entries.length]!.vector;
      const noise = randomUnit(D, next);
      const w = (i % 30) / 10;
      return Float32Array.from(base, (x, c) => x + w * noise[c]!);
    });
    const { matches } = expectSameAsBruteForce(index, entries, queries);
    expect(matches).toBeGreaterThan(30);
    expect(matches).toBeLessThan(290);
    expectKnifeEdge(
      index,
      entries,
      queries.filter((_, i) => i % 30 < 3),
    );
  });

  it("answers exactly as brute force on clustered embeddings, with many near-ties", () => {
    const faces = clusteredFaces(D, 2, { scale: 8, noise: 0.6 });
    const identities = Array.from({ length: 400 }, () => faces.identity());
    const entries = Array.from({ length: 2000 }, (_, i) => ({
      id: i + 1,
      personId: `p${i % 400}`,
      vector: faces.view(identities[i % 400]!),
    }));
    const index = FaceIndex.build(entries, { dimension: D, threshold: 0.6 });
    const queries = [
      ...identities.slice(0, 150).map((identity) => faces.view(identity)),
      ...Array.from({ length: 150 }, () => faces.view(faces.identity())),
    ];
    const { matches } = expectSameAsBruteForce(index, entries, queries);
    expect(matches).toBeGreaterThan(100);
    expect(matches).toBeLessThan(300);
    const nearCopies = entries
      .slice(0, 40)
      .map((entry, i) => Float32Array.from(entry.vector, (x, c) => x + (c === i ? 0.02 : 0)));
    expectKnifeEdge(index, entries, [...queries.slice(0, 20), ...nearCopies]);
  });

  it("follows adds and removes, and never returns a removed or expired reference", () => {
    const faces = clusteredFaces(D, 3, { scale: 8 });
    const identities = Array.from({ length: 50 }, () => faces.identity());
    const index = new FaceIndex({ dimension: D, threshold: 0.5, projectionSize: 32 });
    const live = new Map<number, FaceIndexEntry>();
    const next = gaussian(4);
    for (let id = 1; id <= 600; id++) {
      const entry = { id, personId: `p${id % 50}`, vector: faces.view(identities[id % 50]!) };
      index.add(entry);
      live.set(id, entry);
      // Remove about a third as we go, so slots move and the basis is refitted in between.
      if (next() > 0.5) {
        const victim = 1 + (Math.floor(Math.abs(next() * 1000)) % id);
        expect(index.remove(victim)).toBe(live.delete(victim));
      }
    }
    expect(index.size).toBe(live.size);
    const queries = identities.map((identity) => faces.view(identity));
    expectSameAsBruteForce(index, [...live.values()], queries);
    const gone = index.removePerson("p7");
    expect(gone).toBe([...live.values()].filter((e) => e.personId === "p7").length);
    for (const [id, entry] of live) if (entry.personId === "p7") live.delete(id);
    expect(index.search(faces.view(identities[7]!))?.personId).not.toBe("p7");
    expectSameAsBruteForce(index, [...live.values()], queries);
  });

  it("lets a reference stop matching at its expiry", () => {
    const next = gaussian(5);
    const vector = randomUnit(D, next);
    const index = new FaceIndex({ dimension: D, threshold: 0.9 });
    index.add({ id: 1, personId: "p", vector, expiresAtMs: 1000 });
    expect(index.search(vector, 999)).toMatchObject({ personId: "p", embeddingId: 1 });
    expect(index.search(vector, 1000)).toBeNull();
  });

  it("refuses a query or reference of the wrong size, or not finite", () => {
    const index = new FaceIndex({ dimension: 4, threshold: 0.5 });
    expect(() => index.search([1, 0, 0])).toThrow(/4 expected/);
    expect(() => index.search([0, 0, 0, 0])).toThrow(/zero or not finite/);
    expect(() => index.search([NaN, 0, 0, 1])).toThrow(/zero or not finite/);
    expect(() => index.add({ id: 0, personId: "p", vector: Float32Array.of(1, 0, 0, 0) })).toThrow(
      /positive integer/,
    );
    expect(() => new FaceIndex({ dimension: 4, threshold: 2 })).toThrow(/threshold/);
  });
});
