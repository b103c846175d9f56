import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { isVigilError } from "../../core/index.js";
import type { Pixels } from "../../hash/index.js";
import { encode, scenePixels } from "../../../test/helpers/images.js";
import { pngBomb } from "../../../test/helpers/png-bomb.js";
import { decodeImage } from "./decode.js";
import type { DecodeOptions } from "./decode.js";
import { sniffImageFormat } from "./sniff.js";

async function expectMediaError(bytes: Uint8Array, code: string, options: DecodeOptions = {}) {
  try {
    await decodeImage(bytes, options);
    expect.unreachable(`decoding should have failed with ${code}`);
  } catch (error) {
    expect(isVigilError(error), String(error)).toBe(true);
    if (isVigilError(error)) {
      expect(error.code).toBe(code);
      expect(error.message).not.toMatch(/vips|sharp|\n/i);
    }
  }
}

describe("decodeImage", () => {
  const scene = scenePixels(96, 64, 4);

  it.each(["png", "tiff"] as const)(
    "returns the exact stored pixels of a lossless %s",
    async (format) => {
      const decoded = await decodeImage(
        await encode(scene, format, format === "tiff" ? { compression: "lzw" } : {}),
      );
      expect(decoded.format).toBe(format);
      expect(decoded.pixels).toMatchObject({ width: 96, height: 64, channels: 3 });
      expect(Buffer.from(new Uint8Array(decoded.pixels.data)).equals(Buffer.from(scene.data))).toBe(
        true,
      );
    },
  );

  it.each(["jpeg", "webp", "avif", "gif"] as const)(
    "decodes %s to pixels of the stored size",
    async (format) => {
      const decoded = await decodeImage(await encode(scene, format));
      expect(decoded.format).toBe(format);
      expect(decoded.pixels.width).toBe(96);
      expect(decoded.pixels.height).toBe(64);
      expect(decoded.pixels.data.length).toBe(96 * 64 * decoded.pixels.channels);
    },
  );

  it("takes the first frame of an animated GIF", async () => {
    const frames = [scenePixels(40, 30, 1), scenePixels(40, 30, 2)];
    const gif = await sharp(await Promise.all(frames.map((f) => encode(f, "png"))), {
      join: { animated: true },
    })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    const decoded = await decodeImage(gif);
    expect([decoded.pixels.width, decoded.pixels.height]).toEqual([40, 30]);
    const { data, channels } = decoded.pixels;
    const error = (frame: Pixels) => {
      let sum = 0;
      for (let i = 0; i < 40 * 30; i++) {
        for (let c = 0; c < 3; c++)
          sum += Math.abs(data[i * channels + c]! - frame.data[i * 3 + c]!);
      }
      return sum;
    };
    expect(error(frames[0]!)).toBeLessThan(error(frames[1]!) / 4);
  });

  it("keeps grey images single-channel", async () => {
    const greyPng = await sharp(scene.data, { raw: { width: 96, height: 64, channels: 3 } })
      .toColourspace("b-w")
      .png()
      .toBuffer();
    expect((await decodeImage(greyPng)).pixels.channels).toBe(1);
  });

  it("converts CMYK by the plain formula other PDQ systems use", async () => {
    const cmyk = await sharp(scene.data, { raw: { width: 96, height: 64, channels: 3 } })
      .toColourspace("cmyk")
      .jpeg({ quality: 95 })
      .toBuffer();
    const decoded = await decodeImage(cmyk);
    expect(decoded.pixels.channels).toBe(3);
    const meanError =
      new Uint8Array(decoded.pixels.data).reduce(
        (sum, v, i) => sum + Math.abs(v - scene.data[i]!),
        0,
      ) / scene.data.length;
    expect(meanError).toBeLessThan(40);
  });

  it("does not apply EXIF rotation, as the reference hasher does not", async () => {
    const rotated = await sharp(scene.data, { raw: { width: 96, height: 64, channels: 3 } })
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    const decoded = await decodeImage(rotated);
    expect([decoded.pixels.width, decoded.pixels.height]).toEqual([96, 64]);
  });

  it.each(["jpeg", "png"] as const)(
    "decodes what survives of a truncated %s only when allowed",
    async (format) => {
      const file = await encode(scenePixels(400, 300, 2), format);
      const truncated = file.subarray(0, Math.floor(file.length * 0.7));
      await expectMediaError(truncated, "media/corrupt");
      const decoded = await decodeImage(truncated, { allowPartial: true });
      expect(decoded.partial).toBe(true);
      expect(decoded.pixels.width).toBe(400);
      expect((await decodeImage(file, { allowPartial: true })).partial).toBe(false);
    },
  );

  describe("refuses bad input with a stable code", () => {
    it("an empty file", () => expectMediaError(new Uint8Array(0), "media/empty"));

    it("a text file", () =>
      expectMediaError(
        new TextEncoder().encode("this is a note, not a photo\n"),
        "media/unsupported-format",
      ));

    it("an SVG, which could make the decoder fetch or parse hostile XML", () =>
      expectMediaError(
        new TextEncoder().encode(
          '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
        ),
        "media/unsupported-format",
      ));

    it("a JPEG with a corrupt header", async () => {
      const jpeg = await encode(scene, "jpeg");
      const corrupt = Buffer.concat([
        jpeg.subarray(0, 4),
        Buffer.alloc(600, 0x55),
        jpeg.subarray(604),
      ]);
      await expectMediaError(corrupt, "media/corrupt");
    });

    it("a truncated PNG", async () => {
      const png = await encode(scenePixels(200, 150, 3), "png");
      await expectMediaError(png.subarray(0, Math.floor(png.length / 2)), "media/corrupt");
    });

    it("a file over the byte limit, before decoding it", async () => {
      const png = await encode(scene, "png");
      await expectMediaError(png, "media/too-large", { limits: { maxBytes: png.length - 1 } });
    });

    it("a 20000×20000 PNG bomb, from its header, without decoding 400 MB", async () => {
      const bomb = await pngBomb(20_000, 20_000);
      expect(bomb.length).toBeLessThan(1_000_000);
      await expectMediaError(bomb, "media/too-many-pixels");
    });

    it("an image over a lowered pixel limit", async () => {
      await expectMediaError(await encode(scene, "png"), "media/too-many-pixels", {
        limits: { maxPixels: 1000 },
      });
    });

    it("limits that make no sense", async () => {
      await expect(decodeImage(new Uint8Array(1), { limits: { maxBytes: -1 } })).rejects.toThrow(
        RangeError,
      );
    });
  });
});

describe("sniffImageFormat", () => {
  it("recognises images by their first bytes, whatever their name", async () => {
    for (const format of ["jpeg", "png", "webp", "gif", "tiff", "avif"] as const) {
      expect(sniffImageFormat(await encode(scene(), format))).toBe(format);
    }
    expect(sniffImageFormat(new TextEncoder().encode("GIF is a nice format"))).toBeUndefined();
    expect(sniffImageFormat(new Uint8Array(0))).toBeUndefined();
  });
});

function scene() {
  return scenePixels(16, 16, 1);
}
