import { describe, expect, it } from "vitest";
import type { Pixels } from "../pixels.js";
import { texturePixels } from "../../../test/helpers/texture.js";
import { PlaneBuffer } from "./plane.js";
import { BlobDetector } from "./scale-space.js";

/** A grey picture with one dark Gaussian blob centred at (cx, cy), sub-pixel. */
function blobPixels(width: number, height: number, cx: number, cy: number, sigma: number): Pixels {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d2 = (x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2;
      data[y * width + x] = Math.round(200 - 150 * Math.exp(-d2 / (2 * sigma * sigma)));
    }
  }
  return { data, width, height, channels: 1 };
}

describe("BlobDetector", () => {
  const detector = new BlobDetector();

  it("finds a blob's centre to a fraction of a cell", () => {
    const cx = 101.3;
    const cy = 77.6;
    const plane = new PlaneBuffer().fill(blobPixels(192, 160, cx, cy, 6));
    const [best] = detector.detect(plane, 192 / 160, 192);
    expect(best).toBeDefined();
    expect(Math.abs(best!.x * 192 - cx)).toBeLessThan(0.25);
    expect(Math.abs(best!.y * 160 - cy)).toBeLessThan(0.25);
    expect(best!.response).toBeGreaterThan(0); // dark blob
  });

  it("moves its blobs with the content when the picture is cropped", () => {
    const full = texturePixels(480, 360, 9);
    const left = 48;
    const top = 30;
    const width = 384;
    const height = 300;
    const data = new Uint8Array(width * height * 3);
    for (let y = 0; y < height; y++) {
      data.set(
        full.data.subarray(((top + y) * 480 + left) * 3, ((top + y) * 480 + left + width) * 3),
        y * width * 3,
      );
    }
    const a = detector.detect(new PlaneBuffer().fill(full), 480 / 360, 192).slice(0, 20);
    const b = detector.detect(
      new PlaneBuffer().fill({ data, width, height, channels: 3 }),
      width / height,
      192,
    );
    let found = 0;
    let inside = 0;
    for (const k of a) {
      const x = k.x * 480 - left;
      const y = k.y * 360 - top;
      // A blob sees about three of its sigmas around it: only those the crop leaves whole count.
      const reach = 3 * k.scale * 480;
      if (x < reach || y < reach || x > width - reach || y > height - reach) continue;
      inside++;
      // Within one cell of the crop's grid (384 px over 192 cells: 2 px).
      if (b.some((c) => Math.hypot(c.x * width - x, c.y * height - y) < 2)) found++;
    }
    expect(inside).toBeGreaterThan(5);
    expect(found / inside).toBeGreaterThan(0.8);
  });
});
