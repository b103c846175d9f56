import { describe, expect, it } from "vitest";
import { isVigilError } from "../../core/index.js";
import { dihedralOfHash, formatPdqHex, formatVpdq, type VpdqFeature } from "../../hash/index.js";
import { flipRandomBits, randomHash, seeded } from "../../../test/helpers/pdq-random.js";
import { BankMatcher } from "./bank-matcher.js";
import type { MatcherBank, MatchQuery } from "./matcher-types.js";

const next = seeded(11);
const hashA = randomHash(next);
const A = formatPdqHex(hashA);
const nearA = (bits: number): string => formatPdqHex(flipRandomBits(hashA, bits, next));
const MD5 = "d41d8cd98f00b204e9800998ecf8427e";
const SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

function bank(id: string, extra: Partial<MatcherBank> = {}): MatcherBank {
  return { id, enabled: true, matchThreshold: 31, action: "block", labels: [], ...extra };
}

function matcherWith(...banks: MatcherBank[]): BankMatcher {
  const matcher = new BankMatcher();
  for (const b of banks) matcher.setBank(b);
  return matcher;
}

const scanPdq = (hash: string, quality = 100): MatchQuery => ({ pdq: [{ hash, quality }] });
const ids = (matcher: BankMatcher, query: MatchQuery): number[] =>
  matcher.match(query).matches.map((m) => m.entryId);

function code(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isVigilError(error) ? error.code : "not a VigilError";
  }
  return undefined;
}

describe("BankMatcher: changes apply at once", () => {
  it("matches an entry as soon as it is added and stops once it is removed or withdrawn", () => {
    const matcher = matcherWith(bank("ncii", { labels: ["ncii"] }));
    const query = scanPdq(nearA(5));
    expect(ids(matcher, query)).toEqual([]);
    matcher.addEntry({ id: 1, bankId: "ncii", signalType: "pdq", value: A, labels: ["case-7"] });
    expect(matcher.match(query).matches).toEqual([
      {
        bankId: "ncii",
        entryId: 1,
        signalType: "pdq",
        distance: 5,
        labels: ["ncii", "case-7"],
        details: { kind: "pdq", queryIndex: 0, variant: "original" },
      },
    ]);
    expect(matcher.removeEntry(1)).toBe(true);
    expect(ids(matcher, query)).toEqual([]);
    expect(matcher.removeEntry(1)).toBe(false);
    expect(matcher.size).toBe(0);
  });

  it("replaces an entry given again under its id, even as another kind", () => {
    const matcher = matcherWith(bank("b"));
    matcher.addEntry({ id: 3, bankId: "b", signalType: "pdq", value: A });
    matcher.addEntry({ id: 3, bankId: "b", signalType: "md5", value: MD5 });
    expect(ids(matcher, scanPdq(A))).toEqual([]);
    expect(ids(matcher, { md5: MD5.toUpperCase() })).toEqual([3]);
    expect(matcher.stats).toMatchObject({ entries: 1, pdq: 0, md5: 1 });
  });

  it("follows bank changes: threshold, enabled, removal with all its entries", () => {
    const matcher = matcherWith(bank("b", { matchThreshold: 10 }));
    matcher.addEntry({ id: 1, bankId: "b", signalType: "pdq", value: A });
    matcher.addEntry({ id: 2, bankId: "b", signalType: "sha256", value: SHA });
    const query = { ...scanPdq(nearA(20)), sha256: SHA };
    expect(ids(matcher, query)).toEqual([2]);
    matcher.setBank(bank("b", { matchThreshold: 20 }));
    expect(ids(matcher, query)).toEqual([2, 1]);
    matcher.setBank(bank("b", { enabled: false }));
    expect(ids(matcher, query)).toEqual([]);
    expect(matcher.removeBank("b")).toBe(2);
    expect(matcher.stats).toMatchObject({ banks: 0, entries: 0, pdq: 0, sha256: 0 });
    expect(matcher.removeBank("b")).toBe(0);
  });
});

describe("BankMatcher: banks and thresholds", () => {
  it("holds each hit to its own bank's threshold after one search at the largest", () => {
    const matcher = matcherWith(
      bank("strict", { matchThreshold: 8 }),
      bank("loose", { matchThreshold: 40 }),
      bank("off", { matchThreshold: 47, enabled: false }),
    );
    matcher.addEntry({ id: 10, bankId: "strict", signalType: "pdq", value: A });
    matcher.addEntry({ id: 11, bankId: "loose", signalType: "pdq", value: A });
    matcher.addEntry({ id: 12, bankId: "off", signalType: "pdq", value: A });
    expect(ids(matcher, scanPdq(nearA(8)))).toEqual([11, 10]); // same distance: by bank id
    expect(ids(matcher, scanPdq(nearA(9)))).toEqual([11]);
    expect(ids(matcher, scanPdq(nearA(40)))).toEqual([11]);
    expect(ids(matcher, scanPdq(nearA(41)))).toEqual([]);
  });

  it("finds exact MD5 and SHA-256 copies at distance 0, in every bank that has them", () => {
    const matcher = matcherWith(bank("a"), bank("b", { action: "review" }));
    matcher.addEntry({ id: 1, bankId: "a", signalType: "md5", value: MD5 });
    matcher.addEntry({ id: 2, bankId: "b", signalType: "md5", value: MD5 });
    matcher.addEntry({ id: 3, bankId: "b", signalType: "sha256", value: SHA });
    const result = matcher.match({ md5: MD5, sha256: SHA });
    expect(result.matches.map((m) => [m.entryId, m.signalType, m.distance])).toEqual([
      [1, "md5", 0],
      [2, "md5", 0],
      [3, "sha256", 0],
    ]);
  });

  it("does not match PDQ hashes under quality 50, and says so", () => {
    const matcher = matcherWith(bank("b"));
    matcher.addEntry({ id: 1, bankId: "b", signalType: "pdq", value: A });
    const result = matcher.match({
      pdq: [
        { hash: A, quality: 49 },
        { hash: nearA(2), quality: 50 },
      ],
    });
    expect(result.matches.map((m) => [m.entryId, m.distance])).toEqual([[1, 2]]);
    expect(result.skipped).toEqual([
      { signalType: "pdq", index: 0, reason: expect.stringContaining("quality 49 is under 50") },
    ]);
  });

  it("finds rotated and mirrored copies with dihedral, from the hash or from given variants", () => {
    const matcher = matcherWith(bank("b"));
    matcher.addEntry({ id: 1, bankId: "b", signalType: "pdq", value: A });
    const rotated = formatPdqHex(dihedralOfHash(hashA).rotate90);
    expect(ids(matcher, scanPdq(rotated))).toEqual([]);
    const result = matcher.match({ ...scanPdq(rotated), dihedral: true });
    expect(result.matches[0]).toMatchObject({ entryId: 1, distance: 0 });
    expect(result.matches[0]!.details).toMatchObject({ kind: "pdq", variant: "rotate270" });
    const given = Object.fromEntries(
      Object.entries(dihedralOfHash(hashA)).map(([name, hash]) => [name, formatPdqHex(hash)]),
    ) as Record<keyof ReturnType<typeof dihedralOfHash>, string>;
    const exact = matcher.match({
      pdq: [{ hash: A, quality: 90, dihedral: given }],
      dihedral: true,
    });
    expect(exact.matches[0]).toMatchObject({ distance: 0, details: { variant: "original" } });
  });

  it("reports an entry once, at the best distance over all query hashes", () => {
    const matcher = matcherWith(bank("b"));
    matcher.addEntry({ id: 1, bankId: "b", signalType: "pdq", value: A });
    const query = {
      pdq: [
        { hash: nearA(9), quality: 80 },
        { hash: nearA(3), quality: 80 },
      ],
    };
    expect(matcher.match(query).matches).toMatchObject([
      { entryId: 1, distance: 3, details: { queryIndex: 1 } },
    ]);
  });
});

describe("BankMatcher: videos", () => {
  const video = (hashes: readonly Uint16Array[], quality = 100): VpdqFeature[] =>
    hashes.map((h, i) => ({ index: i, quality, pdq: formatPdqHex(h), timestamp: i }));

  it("matches a re-encoded banked video and reports the shares", () => {
    const frames = Array.from({ length: 10 }, () => randomHash(next));
    const matcher = matcherWith(bank("v", { action: "review", matchThreshold: 20 }));
    matcher.addEntry({ id: 5, bankId: "v", signalType: "video", value: formatVpdq(video(frames)) });
    const reencoded = video(frames.map((h) => flipRandomBits(h, 6, next)));
    const result = matcher.match({ video: reencoded });
    expect(result.matches).toEqual([
      {
        bankId: "v",
        entryId: 5,
        signalType: "video",
        distance: 0,
        labels: [],
        details: {
          kind: "video",
          queryMatchPercent: 100,
          bankMatchPercent: 100,
          queryFrames: 10,
          bankFrames: 10,
        },
      },
    ]);
    // Frames 25 bits away: within the index's reach (the other bank), beyond this bank's 20.
    matcher.setBank(bank("other", { matchThreshold: 31 }));
    const far = video(frames.map((h) => flipRandomBits(h, 25, next)));
    expect(matcher.match({ video: far }).matches).toEqual([]);
    // Only 7 of 10 frames: under vPDQ's 80 %.
    expect(matcher.match({ video: reencoded.slice(0, 7) }).matches).toEqual([]);
    expect(matcher.match({ video: video(frames, 10) }).skipped).toHaveLength(1);
    matcher.removeEntry(5);
    expect(matcher.match({ video: reencoded }).matches).toEqual([]);
    expect(matcher.stats).toMatchObject({ video: 0, videoFrames: 0 });
  });
});

describe("BankMatcher: bad input", () => {
  it("refuses bad banks, entries and queries with stable codes", () => {
    const matcher = matcherWith(bank("b"));
    expect(code(() => matcher.setBank(bank("x", { matchThreshold: 48 })))).toBe(
      "engine/invalid-bank",
    );
    expect(code(() => matcher.setBank(bank("")))).toBe("engine/invalid-bank");
    expect(code(() => matcher.setBank(bank("x", { action: "delete" as "block" })))).toBe(
      "engine/invalid-bank",
    );
    const entry = { id: 1, bankId: "b", signalType: "pdq", value: A } as const;
    expect(code(() => matcher.addEntry({ ...entry, bankId: "nope" }))).toBe("engine/invalid-entry");
    expect(code(() => matcher.addEntry({ ...entry, id: -1 }))).toBe("engine/invalid-entry");
    expect(code(() => matcher.addEntry({ ...entry, id: 2 ** 32 }))).toBe("engine/invalid-entry");
    expect(code(() => matcher.addEntry({ ...entry, value: A.slice(1) }))).toBe(
      "engine/invalid-entry",
    );
    expect(code(() => matcher.addEntry({ ...entry, signalType: "md5" }))).toBe(
      "engine/invalid-entry",
    );
    expect(code(() => matcher.addEntry({ ...entry, signalType: "video" }))).toBe(
      "engine/invalid-entry",
    );
    expect(code(() => matcher.addEntry({ ...entry, signalType: "tmk" as "pdq" }))).toBe(
      "engine/invalid-entry",
    );
    expect(matcher.size).toBe(0);
    expect(code(() => matcher.match(scanPdq("zz")))).toBe("hash/invalid-hex");
    expect(code(() => matcher.match(scanPdq(A, 101)))).toBe("engine/invalid-query");
    expect(code(() => matcher.match({ md5: "123" }))).toBe("hash/invalid-hex");
    expect(code(() => matcher.match({ pdq: "abc" as unknown as [] }))).toBe("engine/invalid-query");
    const badFrame = [{ index: 0, quality: Number.NaN, pdq: A, timestamp: 0 }];
    expect(code(() => matcher.match({ video: badFrame }))).toBe("engine/invalid-query");
  });
});
