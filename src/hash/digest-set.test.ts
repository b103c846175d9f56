import { describe, expect, it } from "vitest";
import { seeded } from "../../test/helpers/pdq-random.js";
import { DigestSet } from "./digest-set.js";
import { md5Hex, sha256Hex } from "./digest.js";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("DigestSet", () => {
  it("finds every id banked under a digest, in either case and with surrounding space", () => {
    const set = new DigestSet("sha256");
    const photo = sha256Hex(bytes("photo"));
    set.add(9, photo);
    set.add(4, photo);
    set.add(5, sha256Hex(bytes("other")));
    expect(set.lookup(photo)).toEqual([4, 9]);
    expect(set.lookup(` ${photo.toUpperCase()}\n`)).toEqual([4, 9]);
    expect(set.lookup(sha256Hex(bytes("unknown")))).toEqual([]);
    expect(set.size).toBe(3);
  });

  it("treats the id as the key: adding it again moves it to the new digest", () => {
    const set = new DigestSet("md5");
    const [a, b] = [md5Hex(bytes("a")), md5Hex(bytes("b"))];
    set.add(1, a);
    set.add(1, b);
    expect(set.lookup(a)).toEqual([]);
    expect(set.lookup(b)).toEqual([1]);
    expect(set.size).toBe(1);
    expect(set.remove(1)).toBe(true);
    expect(set.remove(1)).toBe(false);
    expect(set.has(1)).toBe(false);
    expect(set.lookup(b)).toEqual([]);
  });

  it("agrees with a simple model through thousands of random adds and removals", () => {
    const next = seeded(21);
    const set = new DigestSet("md5");
    const model = new Map<number, string>();
    // Few distinct digests and ids, so digests are shared and ids re-added and removed often.
    const digests = Array.from({ length: 300 }, (_, i) => md5Hex(bytes(String(i))));
    for (let step = 0; step < 20_000; step++) {
      const id = next() % 2_000;
      if (next() % 3 === 0) {
        expect(set.remove(id)).toBe(model.delete(id));
      } else {
        const digest = digests[next() % digests.length]!;
        set.add(id, digest);
        model.set(id, digest);
      }
    }
    expect(set.size).toBe(model.size);
    for (const digest of digests) {
      const ids = [...model].filter(([, d]) => d === digest).map(([id]) => id);
      expect(set.lookup(digest)).toEqual(ids.sort((x, y) => x - y));
    }
    for (let id = 0; id < 2_000; id++) expect(set.has(id)).toBe(model.has(id));
  });

  it("stays lean: well under 100 bytes an entry for SHA-256", () => {
    const set = new DigestSet("sha256");
    for (let i = 0; i < 50_000; i++) set.add(i, sha256Hex(bytes(String(i))));
    expect(set.byteLength / set.size).toBeLessThan(100);
  });

  it.each([
    ["an MD5 digest in a SHA-256 set", "sha256", md5Hex(bytes("x"))],
    ["a SHA-256 digest in an MD5 set", "md5", sha256Hex(bytes("x"))],
    ["a non-hex character", "md5", "g".repeat(32)],
    ["the empty string", "md5", ""],
    ["a non-string", "md5", 42 as unknown as string],
  ] as const)("refuses %s with hash/invalid-hex", (_name, kind, hex) => {
    const set = new DigestSet(kind);
    const invalidHex = expect.objectContaining({ name: "VigilError", code: "hash/invalid-hex" });
    expect(() => set.add(1, hex)).toThrow(invalidHex);
    expect(() => set.lookup(hex)).toThrow(invalidHex);
  });

  it("refuses ids outside 0..2^32-1", () => {
    const set = new DigestSet("md5");
    expect(() => set.add(-1, md5Hex(bytes("x")))).toThrow(
      expect.objectContaining({ code: "hash/invalid-argument" }),
    );
  });
});
