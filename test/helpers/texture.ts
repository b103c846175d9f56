import type { Pixels } from "../../src/hash/index.js";

/**
 * A procedural, photo-like picture for tests (no files needed): overlapping ellipses and bars of
 * random grey-to-colour tones over a gradient, with fine texture. `seed` picks a different
 * picture; coordinates are relative, so two sizes of one seed are the same picture rescaled.
 */
export function texturePixels(width: number, height: number, seed: number): Pixels {
  let s = (seed * 2654435761) >>> 0 || 1;
  const rand = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const shapes = Array.from({ length: 40 }, () => ({
    x: rand(),
    y: rand(),
    rx: 0.02 + 0.12 * rand(),
    ry: 0.02 + 0.12 * rand(),
    colour: [rand() * 255, rand() * 255, rand() * 255],
    bar: rand() < 0.3,
  }));
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = x / width;
      const v = y / height;
      const rgb = [90 + 80 * u, 70 + 90 * v, 120 + 40 * Math.sin(6 * u + 3 * v)];
      for (const sh of shapes) {
        const dx = (u - sh.x) / sh.rx;
        const dy = (v - sh.y) / sh.ry;
        const inside = sh.bar ? Math.abs(dx) < 1 && Math.abs(dy) < 0.25 : dx * dx + dy * dy < 1;
        if (inside) for (let c = 0; c < 3; c++) rgb[c] = 0.35 * rgb[c]! + 0.65 * sh.colour[c]!;
      }
      const texture = 10 * Math.sin(u * 173 + v * 31) * Math.sin(v * 157 - u * 17);
      const p = (y * width + x) * 3;
      for (let c = 0; c < 3; c++)
        data[p + c] = Math.max(0, Math.min(255, Math.round(rgb[c]! + texture)));
    }
  }
  return { data, width, height, channels: 3 };
}
