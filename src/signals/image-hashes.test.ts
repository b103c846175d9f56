import { describe, expect, it } from "vitest";
import { encode, scenePixels } from "../../test/helpers/images.js";
import { digests, formatPdqHex, pdqHash, referencePreScale } from "../hash/index.js";
import { decodeImage } from "../media/index.js";
import { hashImage } from "./image-hashes.js";

describe("hashImage", () => {
  it("gives the PDQ of the decoded, pre-scaled pixels and the digests of the bytes", async () => {
    const bytes = await encode(scenePixels(900, 300, 2), "jpeg");
    const result = await hashImage(bytes);
    const pixels = referencePreScale((await decodeImage(bytes)).pixels);
    expect(result.pdq).toBe(formatPdqHex(pdqHash(pixels).hash));
    expect(result).toMatchObject({ width: 900, height: 300, format: "jpeg", partial: false });
    // Node's native digests and the portable ones the browser uses must agree.
    expect({ md5: result.md5, sha256: result.sha256 }).toEqual(digests(bytes));
  });

  it("hashes an image under 5 pixels on a side to zeros with quality 0", async () => {
    const result = await hashImage(await encode(scenePixels(4, 4, 1), "png"));
    expect(result.pdq).toBe("0".repeat(64));
    expect(result.quality).toBe(0);
  });

  it("adds the eight dihedral hashes when asked, the original being the plain hash", async () => {
    const bytes = await encode(scenePixels(200, 120, 3), "png");
    const result = await hashImage(bytes, { dihedral: true });
    expect(result.dihedral?.original).toBe(result.pdq);
    expect(Object.keys(result.dihedral ?? {})).toHaveLength(8);
  });
});
