import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { hashImage } from "../../src/signals/index.js";
import { scenePixels } from "../../test/helpers/images.js";
import { hashDecoded } from "./hashing.js";
import { jpegOrientation, undoOrientation, type Orientation } from "./orientation.js";

const ORIENTATIONS: readonly Orientation[] = [1, 2, 3, 4, 5, 6, 7, 8];

async function jpegWith(orientation: Orientation) {
  const stored = scenePixels(320, 200, 4);
  return sharp(stored.data, { raw: { width: 320, height: 200, channels: 3 } })
    .jpeg({ quality: 92 })
    .withMetadata({ orientation })
    .toBuffer();
}

/** The pixels as a browser shows them: EXIF orientation applied (sharp's rotate() does that). */
async function shownPixels(bytes: Buffer) {
  const { data, info } = await sharp(bytes)
    .rotate()
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8ClampedArray(data),
    width: info.width,
    height: info.height,
    channels: 4 as const,
  };
}

describe("EXIF orientation in the portal", () => {
  it.each(ORIENTATIONS)("reads orientation %i from a JPEG", async (orientation) => {
    expect(jpegOrientation(new Uint8Array(await jpegWith(orientation)))).toBe(orientation);
  });

  it("reads 1 from files without EXIF or that are not JPEG", async () => {
    const png = await sharp(scenePixels(20, 20, 1).data, {
      raw: { width: 20, height: 20, channels: 3 },
    })
      .png()
      .toBuffer();
    expect(jpegOrientation(new Uint8Array(png))).toBe(1);
    expect(jpegOrientation(new Uint8Array([0xff, 0xd8, 0xff]))).toBe(1);
  });

  it.each(ORIENTATIONS)(
    "turns pixels shown with orientation %i back into the server's hash",
    async (orientation) => {
      const bytes = await jpegWith(orientation);
      const server = await hashImage(bytes);
      const shown = await shownPixels(bytes);
      const stored = undoOrientation(shown, jpegOrientation(new Uint8Array(bytes)));
      expect(hashDecoded(new Uint8Array(bytes), stored).pdq).toBe(server.pdq);
    },
  );
});
