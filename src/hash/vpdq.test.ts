import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { randomHash, seeded } from "../../test/helpers/pdq-random.js";
import { pdqVectorPath, sharedDataAvailable } from "../../test/helpers/shared.js";
import { formatPdqHex, hammingDistance, parsePdqHex, type PdqHash } from "./pdq-hash.js";
import { parseVpdq, type VpdqFeature } from "./vpdq-text.js";
import { matchPreparedVpdq, matchVpdq, prepareVpdq, type VpdqMatch } from "./vpdq.js";

/** `hash` with its first `count` bits flipped. */
function flipped(hash: PdqHash, count: number): PdqHash {
  const out = hash.slice();
  for (let bit = 0; bit < count; bit++) out[bit >>> 4]! ^= 1 << (bit & 15);
  return out;
}

function video(hashes: readonly PdqHash[], quality = 100): VpdqFeature[] {
  return hashes.map((hash, index) => ({
    index,
    quality,
    pdq: formatPdqHex(hash),
    timestamp: index,
  }));
}

/** The vPDQ README's pseudocode, read literally: the reference the fast loop must agree with. */
function referenceShares(query: VpdqFeature[], bank: VpdqFeature[]): [number, number] {
  const usable = (v: VpdqFeature[]): PdqHash[] =>
    [...new Set(v.filter((f) => f.quality >= 50).map((f) => f.pdq))].map(parsePdqHex);
  const q = usable(query);
  const b = usable(bank);
  const share = (from: PdqHash[], to: PdqHash[]): number =>
    (from.filter((x) => to.some((y) => hammingDistance(x, y) <= 31)).length * 100) / from.length;
  return [share(q, b), share(b, q)];
}

describe("matchVpdq", () => {
  const next = seeded(7);
  const frames = Array.from({ length: 10 }, () => randomHash(next));

  it("counts frames as matching at distance 31 but not 32", () => {
    // The README and python-threatexchange use ≤ 31; the C++ brute-force tool uses a strict <.
    expect(matchVpdq(video([frames[0]!]), video([flipped(frames[0]!, 31)])).isMatch).toBe(true);
    expect(matchVpdq(video([frames[0]!]), video([flipped(frames[0]!, 32)])).isMatch).toBe(false);
  });

  it("ignores frames under quality 50 on either side", () => {
    const bank = video(frames);
    const query = [
      ...video(frames.slice(0, 5)),
      ...video(
        frames.slice(5, 10).map((h) => flipped(h, 100)),
        49,
      ),
    ];
    expect(matchVpdq(query, bank)).toMatchObject({ queryMatchPercent: 100, queryFrames: 5 });
    const lowBank = video(frames, 49);
    expect(matchVpdq(video(frames), lowBank)).toMatchObject({ bankFrames: 0, isMatch: false });
  });

  it("counts identical frame hashes once, so a still frame held for long weighs as one", () => {
    const still = Array.from({ length: 90 }, () => frames[0]!);
    const query = video([...still, ...frames.slice(1, 3)]);
    // Two of three distinct frames match; without de-duplication it would be 90 of 92.
    const result = matchVpdq(query, video(frames.slice(0, 2)));
    expect(result.queryFrames).toBe(3);
    expect(result.queryMatchPercent).toBeCloseTo(200 / 3);
  });

  it("needs both shares to reach their thresholds", () => {
    const clip = video(frames.slice(0, 4));
    const longer = video([
      ...frames.slice(0, 4),
      ...Array.from({ length: 12 }, () => randomHash(next)),
    ]);
    const result = matchVpdq(longer, clip);
    expect(result).toMatchObject({ queryMatchPercent: 25, bankMatchPercent: 100, isMatch: false });
    // vPDQ's README suggests 0 % for the query, which finds a banked clip inside a longer upload.
    expect(matchVpdq(longer, clip, { queryThresholdPercent: 0 }).isMatch).toBe(true);
  });

  it("reports shares of 0, not NaN, and no match when a side has no usable frame", () => {
    expect(matchVpdq([], video(frames))).toEqual({
      queryMatchPercent: 0,
      bankMatchPercent: 0,
      isMatch: false,
      queryFrames: 0,
      bankFrames: 10,
    });
  });

  it("agrees with a direct reading of the vPDQ pseudocode on random videos", () => {
    const random = seeded(2024);
    const pool = Array.from({ length: 40 }, () => randomHash(random));
    const randomVideo = (): VpdqFeature[] =>
      Array.from({ length: 30 + (random() % 60) }, (_, index) => ({
        index,
        quality: 40 + (random() % 61),
        pdq: formatPdqHex(flipped(pool[random() % pool.length]!, random() % 48)),
        timestamp: index,
      }));
    for (let trial = 0; trial < 50; trial++) {
      const query = randomVideo();
      const bank = randomVideo();
      const result = matchVpdq(query, bank);
      const [queryShare, bankShare] = referenceShares(query, bank);
      expect([result.queryMatchPercent, result.bankMatchPercent]).toEqual([queryShare, bankShare]);
    }
  });

  it("gives the same answer for prepared videos, which can be matched again and again", () => {
    const query = video(frames.slice(0, 6));
    const bank = video(frames.slice(3));
    const prepared = [prepareVpdq(query), prepareVpdq(bank)] as const;
    expect(matchPreparedVpdq(...prepared)).toEqual(matchVpdq(query, bank));
  });

  it("refuses options out of range", () => {
    const v = video(frames);
    expect(() => matchVpdq(v, v, { maxDistance: -1 })).toThrow(RangeError);
    expect(() => matchVpdq(v, v, { queryThresholdPercent: 101 })).toThrow(RangeError);
    expect(() => matchVpdq(v, v, { minQuality: Number.NaN })).toThrow(RangeError);
  });
});

/**
 * Meta's vPDQ sample hashes: every frame of each clip (30 fps), hashed by the reference tool.
 * Which files are the same clip was read off the data, not the names:
 *
 * - chair-19, chair-20 and chair-22 are not three clips but one clip trimmed: chair-19's frames
 *   line up with chair-orig-22-sd-bar's from frame 111 on (3.7 s later), chair-20's from frame 60,
 *   at a mean distance of 3 bits. The shorter clip is wholly inside the longer (100 %) and covers
 *   86 % or more of it, so under the 80/80 rule they match, as a trimmed re-upload should.
 * - The letterbox bars decide more than the picture: chair-orig-22 in HD/FHD without bars is 82
 *   bits from the SD version with bars, frame for frame, so no PDQ-based matcher pairs them; the
 *   same holds for pattern-hd vs pattern-sd. They are separate groups here.
 * - A large logo covers enough of each frame (55 bits on average) that only about 10 % of frames
 *   still match; the small logo, grey and sepia versions stay within 31 bits.
 * - pattern-longer is pattern-hd with extra footage: 100 % of one, 88 % of the other.
 * - Each file's `-128x128` twin (the same clip downsampled to 128×128 before hashing) belongs to
 *   its group.
 */
const SAME_CLIP_GROUPS = [
  [
    "chair-19-sd-bar",
    "chair-20-sd-bar",
    "chair-22-sd-grey-bar",
    "chair-22-sd-sepia-bar",
    "chair-22-with-small-logo-bar",
    "chair-orig-22-sd-bar",
  ],
  ["chair-22-with-large-logo-bar"],
  ["chair-orig-22-fhd-no-bar", "chair-orig-22-hd-no-bar"],
  ["doorknob-hd-no-bar"],
  ["pattern-hd-no-bar", "pattern-longer-no-bar"],
  ["pattern-sd-grey-bar", "pattern-sd-with-small-logo-bar"],
  ["pattern-sd-with-large-logo-bar"],
  ["test-padded-dimensions"],
];

describe.skipIf(!sharedDataAvailable())("matchVpdq over Meta's vPDQ sample hashes", () => {
  const dir = pdqVectorPath("vpdq-sample-hashes");
  const names = (sharedDataAvailable() ? readdirSync(dir) : [])
    .filter((f) => f.endsWith(".txt"))
    .map((f) => f.slice(0, -4));
  const prepared = new Map(
    names.map((n) => [n, prepareVpdq(parseVpdq(readFileSync(`${dir}/${n}.txt`, "utf8")))]),
  );
  const groupOf = (name: string): number =>
    SAME_CLIP_GROUPS.findIndex((g) => g.includes(name.replace(/-128x128$/, "")));
  const match = (a: string, b: string): VpdqMatch =>
    matchPreparedVpdq(prepared.get(a)!, prepared.get(b)!);

  it("knows which group every sample file belongs to", () => {
    expect(names.length).toBe(31);
    expect(names.filter((n) => groupOf(n) < 0)).toEqual([]);
  });

  it("matches every pair of versions of the same clip, in both directions", () => {
    const missed = names.flatMap((a) =>
      names
        .filter((b) => groupOf(a) === groupOf(b) && !match(a, b).isMatch)
        .map((b) => `${a} ~ ${b}`),
    );
    expect(missed).toEqual([]);
  });

  it("matches no pair from different groups", () => {
    const wrong = names.flatMap((a) =>
      names
        .filter((b) => groupOf(a) !== groupOf(b) && match(a, b).isMatch)
        .map((b) => `${a} ~ ${b}`),
    );
    expect(wrong).toEqual([]);
  });

  it("finds a trimmed clip wholly inside the full one, which it covers only in part", () => {
    const result = match("chair-19-sd-bar", "chair-orig-22-sd-bar");
    expect(result.queryMatchPercent).toBe(100);
    expect(result.bankMatchPercent).toBeCloseTo(85.3, 1);
  });

  it("does not match a heavily logoed copy even with the query share waived", () => {
    const result = match("chair-22-with-large-logo-bar", "chair-orig-22-sd-bar");
    expect(result.queryMatchPercent).toBeLessThan(20);
    expect(
      matchPreparedVpdq(
        prepared.get("chair-22-with-large-logo-bar")!,
        prepared.get("chair-orig-22-sd-bar")!,
        { queryThresholdPercent: 0 },
      ).isMatch,
    ).toBe(false);
  });
});
