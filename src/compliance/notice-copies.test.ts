import { describe, expect, it } from "vitest";
import { findCopies } from "./notice-copies.js";

const PDQ = "f".repeat(64);
/** The same PDQ with its last 8 bits flipped: distance 8. */
const NEAR = "f".repeat(62) + "00";

describe("findCopies", () => {
  it("finds exact digests and PDQs within the bank threshold, the closest match for each item", () => {
    const found = findCopies({ pdq: [PDQ], md5: ["a".repeat(32)], sha256: [] }, [
      { itemId: "exact", signals: [{ signalType: "md5", value: "A".repeat(32), quality: null }] },
      { itemId: "near", signals: [{ signalType: "pdq", value: NEAR, quality: 90 }] },
      { itemId: "far", signals: [{ signalType: "pdq", value: "0".repeat(64), quality: 90 }] },
      { itemId: "none", signals: [] },
    ]);
    expect(found).toEqual([
      { itemId: "exact", signalType: "md5", distance: 0 },
      { itemId: "near", signalType: "pdq", distance: 8 },
    ]);
  });

  it("takes a stricter distance when asked", () => {
    const hashes = { pdq: [PDQ], md5: [], sha256: [] };
    expect(
      findCopies(
        hashes,
        [{ itemId: "near", signals: [{ signalType: "pdq", value: NEAR, quality: 90 }] }],
        4,
      ),
    ).toEqual([]);
  });
});
