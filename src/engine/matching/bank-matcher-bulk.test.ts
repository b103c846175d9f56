import { describe, expect, it } from "vitest";
import { formatPdqHex, hammingDistance, parsePdqHex, type PdqHash } from "../../hash/index.js";
import {
  flipRandomBits,
  randomHash,
  seeded,
  type Random,
} from "../../../test/helpers/pdq-random.js";
import { BankMatcher } from "./bank-matcher.js";
import type { MatcherBank, MatcherEntry } from "./matcher-types.js";

const BANKS: MatcherBank[] = [
  { id: "b0", enabled: true, matchThreshold: 31, action: "block", labels: ["ncii"] },
  { id: "b1", enabled: true, matchThreshold: 16, action: "review", labels: [] },
  { id: "b2", enabled: true, matchThreshold: 40, action: "review", labels: [] },
  { id: "b3", enabled: false, matchThreshold: 47, action: "block", labels: [] },
];

/** Entries of random hashes, a fifth of them near-duplicates of earlier ones (0..45 bits off). */
function* corpus(next: Random, n: number): Generator<MatcherEntry & { hash: PdqHash }> {
  const kept: PdqHash[] = [];
  for (let id = 0; id < n; id++) {
    const base = kept.length > 0 && next() % 5 === 0 ? kept[next() % kept.length] : undefined;
    const hash = base ? flipRandomBits(base, next() % 46, next) : randomHash(next);
    if (kept.length < 2000) kept.push(hash);
    const bankId = BANKS[id % BANKS.length]!.id;
    yield { id: id * 3 + 1, bankId, signalType: "pdq", value: formatPdqHex(hash), hash };
  }
}

const THRESHOLD = new Map(BANKS.map((b) => [b.id, b.enabled ? b.matchThreshold : -1]));

/** The truth: every entry of an enabled bank within that bank's threshold, as [id, distance]. */
function bruteForce(entries: Map<number, MatcherEntry & { hash: PdqHash }>, query: PdqHash) {
  const out: [number, number][] = [];
  for (const [id, entry] of entries) {
    const d = hammingDistance(entry.hash, query);
    if (d <= THRESHOLD.get(entry.bankId)!) out.push([id, d]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function matched(matcher: BankMatcher, query: PdqHash): [number, number][] {
  const result = matcher.match({ pdq: [{ hash: formatPdqHex(query), quality: 100 }] });
  return result.matches
    .map((m): [number, number] => [m.entryId, m.distance])
    .sort((a, b) => a[0] - b[0]);
}

describe("BankMatcher bulk load", () => {
  it("loads 200k entries in one pass and then matches exactly what a linear scan finds", () => {
    const next = seeded(21);
    const all = [...corpus(next, 200_000)];
    const matcher = new BankMatcher();
    for (const bank of BANKS) matcher.setBank(bank);
    const result = matcher.addEntries(all);
    expect(result).toEqual({ added: 200_000, rejected: 0, errors: [] });
    expect(matcher.stats).toMatchObject({ entries: 200_000, pdq: 200_000 });

    const entries = new Map(all.map((e) => [e.id, e]));
    const queries = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0
        ? flipRandomBits(all[next() % all.length]!.hash, next() % 40, next)
        : randomHash(next),
    );
    for (const query of queries)
      expect(matched(matcher, query)).toEqual(bruteForce(entries, query));

    // Changes after the bulk load go through the index's incremental path and apply at once.
    for (let i = 0; i < 3000; i++) {
      const victim = all[next() % all.length]!;
      matcher.removeEntry(victim.id);
      entries.delete(victim.id);
      const hash = flipRandomBits(victim.hash, next() % 20, next);
      const added = { ...victim, id: 600_001 + i * 3, value: formatPdqHex(hash), hash };
      matcher.addEntry(added);
      entries.set(added.id, added);
    }
    for (const query of queries)
      expect(matched(matcher, query)).toEqual(bruteForce(entries, query));
  });

  it("skips bad entries with reasons, keeps the last of a repeated id, and loads the rest", () => {
    const matcher = new BankMatcher();
    for (const bank of BANKS) matcher.setBank(bank);
    const next = seeded(5);
    const a = formatPdqHex(randomHash(next));
    const b = formatPdqHex(randomHash(next));
    const result = matcher.addEntries([
      { id: 1, bankId: "b0", signalType: "pdq", value: a },
      { id: 2, bankId: "nope", signalType: "pdq", value: a },
      { id: 3, bankId: "b0", signalType: "pdq", value: "xyz" },
      { id: 1, bankId: "b0", signalType: "pdq", value: b },
      { id: 4, bankId: "b0", signalType: "md5", value: "d41d8cd98f00b204e9800998ecf8427e" },
      { id: 5, bankId: "b0", signalType: "pdq", value: a },
    ]);
    expect(result.added).toBe(4);
    expect(result.rejected).toBe(2);
    expect(result.errors.map((e) => e.id)).toEqual([2, 3]);
    expect(matcher.stats).toMatchObject({ entries: 3, pdq: 2, md5: 1 });
    const ids = (hex: string) =>
      matcher.match({ pdq: [{ hash: hex, quality: 100 }] }).matches.filter((m) => m.distance === 0);
    expect(ids(b).map((m) => m.entryId)).toEqual([1]);
    expect(ids(a).map((m) => m.entryId)).toEqual([5]);
    expect(parsePdqHex(a)).toHaveLength(16);
  });
});
