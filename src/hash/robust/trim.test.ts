import { describe, expect, it } from "vitest";
import type { Pixels } from "../pixels.js";
import { texturePixels } from "../../../test/helpers/texture.js";
import { lumaPlane } from "./plane.js";
import { findContent, refineContent } from "./trim.js";

/** `inner` placed at (left, top) on a canvas of one colour. */
function framed(
  inner: Pixels,
  width: number,
  height: number,
  left: number,
  top: number,
  rgb: [number, number, number],
): Pixels {
  const data = new Uint8Array(width * height * 3);
  for (let p = 0; p < width * height; p++) data.set(rgb, p * 3);
  for (let y = 0; y < inner.height; y++) {
    data.set(
      inner.data.subarray(y * inner.width * 3, (y + 1) * inner.width * 3),
      ((top + y) * width + left) * 3,
    );
  }
  return { data, width, height, channels: 3 };
}

/** Draws a few small glyph-like marks (text, icons) into a band of rows. */
function marks(p: Pixels, y0: number, y1: number, value: number): void {
  for (let x = 10; x < p.width - 10; x += 37) {
    for (let y = y0 + 2; y < y1 - 2; y++)
      for (let dx = 0; dx < 3; dx++)
        p.data.fill(value, (y * p.width + x + dx) * 3, (y * p.width + x + dx) * 3 + 3);
  }
}

describe("findContent", () => {
  const photo = texturePixels(300, 200, 4);

  it("finds the picture inside a frame of any colour", () => {
    for (const colour of [
      [255, 255, 255],
      [0, 0, 0],
      [40, 140, 220],
    ] as [number, number, number][]) {
      const rect = findContent(lumaPlane(framed(photo, 360, 280, 25, 50, colour)));
      expect(rect).toEqual({ x0: 25, y0: 50, x1: 325, y1: 250 });
    }
  });

  it("finds the picture in a phone screenshot whose bars carry a clock and icons", () => {
    const shot = framed(photo, 300, 560, 0, 170, [0, 0, 0]);
    marks(shot, 0, 30, 255); // status bar
    marks(shot, 60, 90, 200); // a title line
    marks(shot, 520, 560, 255); // navigation bar
    expect(findContent(lumaPlane(shot))).toEqual({ x0: 0, y0: 170, x1: 300, y1: 370 });
  });

  it("leaves a picture without bars alone", () => {
    expect(findContent(lumaPlane(photo))).toBeUndefined();
  });

  it("refuses to keep a sliver", () => {
    const tiny = texturePixels(30, 20, 2);
    expect(
      findContent(lumaPlane(framed(tiny, 400, 400, 180, 190, [255, 255, 255]))),
    ).toBeUndefined();
  });
});

describe("refineContent", () => {
  it("moves a rough rectangle onto the exact edges of the picture", () => {
    const photo = texturePixels(300, 200, 5);
    const big = framed(photo, 400, 300, 37, 61, [250, 250, 250]);
    expect(refineContent(big, { x0: 40, y0: 58, x1: 333, y1: 264 }, 6)).toEqual({
      x0: 37,
      y0: 61,
      x1: 337,
      y1: 261,
    });
  });
});
