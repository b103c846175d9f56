import { describe, expect, it } from "vitest";
import { DIHEDRAL_NAMES, transformDct } from "../dihedral.js";
import { emptyPdqHash } from "../pdq-hash.js";
import { torbenMedian } from "../torben.js";
import { seeded } from "../../../test/helpers/pdq-random.js";
import { dihedralHashesOfDct } from "./dihedral-bits.js";

function slowHash(dct: Float32Array): Uint16Array {
  const median = torbenMedian(dct, 256);
  const hash = emptyPdqHash();
  for (let i = 0; i < 16; i++)
    for (let j = 0; j < 16; j++) if (dct[i * 16 + j]! > median) hash[i]! |= 1 << j;
  return hash;
}

describe("dihedralHashesOfDct", () => {
  it("gives the same eight hashes as transforming the DCT and hashing each", () => {
    const next = seeded(7);
    const scratch = new Float32Array(256);
    const moved = new Float32Array(256);
    for (let trial = 0; trial < 50; trial++) {
      const dct = Float32Array.from({ length: 256 }, () => (next() / 2 ** 32 - 0.5) * 1000);
      const fast = dihedralHashesOfDct(dct, scratch);
      for (const name of DIHEDRAL_NAMES) {
        transformDct(name, dct, moved);
        expect(Array.from(fast[name]), name).toEqual(Array.from(slowHash(moved)));
      }
    }
  });
});
