import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { hammingDistance, parsePdqHex } from "../../src/hash/index.js";
import { hashImage } from "../../src/signals/index.js";
import { encode, scenePixels } from "../../test/helpers/images.js";
import { hashDecoded } from "./hashing.js";

/** Pixels as a browser canvas hands them over: RGBA, alpha 255 where the image has none. */
async function canvasLikePixels(bytes: Buffer) {
  const { data, info } = await sharp(bytes)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length),
    width: info.width,
    height: info.height,
    channels: 4 as const,
  };
}

function distance(a: string, b: string): number {
  return hammingDistance(parsePdqHex(a), parsePdqHex(b));
}

describe("the portal's in-browser hashing", () => {
  it.each([
    ["a small PNG", 300, 200, "png"],
    ["a large PNG (pre-scaled to 512)", 1400, 900, "png"],
    ["a large JPEG (pre-scaled to 512)", 1200, 1600, "jpeg"],
  ] as const)("gives the server's PDQ and MD5 for %s", async (_name, width, height, format) => {
    const bytes = await encode(scenePixels(width, height, 7), format);
    const server = await hashImage(bytes);
    const portal = hashDecoded(new Uint8Array(bytes), await canvasLikePixels(bytes));
    expect(portal.md5).toBe(server.md5);
    expect(distance(portal.pdq, server.pdq)).toBe(0);
    expect(portal.quality).toBe(server.quality);
    expect(portal.quality).toBeGreaterThanOrEqual(50);
  });

  it("tells two different pictures apart", async () => {
    const one = await encode(scenePixels(400, 400, 1), "png");
    const two = await encode(scenePixels(400, 400, 2), "png");
    const a = hashDecoded(new Uint8Array(one), await canvasLikePixels(one));
    const b = hashDecoded(new Uint8Array(two), await canvasLikePixels(two));
    expect(distance(a.pdq, b.pdq)).toBeGreaterThan(31);
    expect(a.md5).not.toBe(b.md5);
  });
});
