import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { digests, md5Hex, sha256Hex } from "./digest.js";

describe("digests", () => {
  it("gives the standard MD5 and SHA-256 test vectors", () => {
    const abc = new TextEncoder().encode("abc");
    expect(md5Hex(abc)).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(sha256Hex(abc)).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(md5Hex(new Uint8Array(0))).toBe("d41d8cd98f00b204e9800998ecf8427e");
  });

  it("agrees with OpenSSL on inputs of every length around the block size", () => {
    for (const length of [1, 55, 56, 63, 64, 65, 1000, 100_003]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) % 256);
      expect(digests(bytes)).toEqual({
        md5: createHash("md5").update(bytes).digest("hex"),
        sha256: createHash("sha256").update(bytes).digest("hex"),
      });
    }
  });
});
