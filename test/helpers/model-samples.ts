import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { installedPackage } from "../../src/signals/models/packages.js";

/**
 * Pictures for tests, the face evaluation and the benchmark, taken from files that installed
 * packages ship (Human's documentation images), so nothing is downloaded and no image of a
 * private person is added to the repository. Regions are in the files' own pixels.
 */
export interface Region {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export function humanAsset(name: string): Buffer {
  return readFileSync(join(installedPackage("@vladmandic/human").dir, "assets", name));
}

/** A region of one of Human's sample images, as a JPEG file's bytes. */
export async function assetCrop(name: string, region: Region, quality = 92): Promise<Buffer> {
  return sharp(humanAsset(name)).extract(region).jpeg({ quality }).toBuffer();
}

/** The portrait in Human's face-ID demo screenshot: one man, facing the camera. */
export const PORTRAIT: Readonly<{ file: string; region: Region }> = {
  file: "screenshot-faceid.jpg",
  region: { left: 14, top: 141, width: 140, height: 140 },
};

/** A woman in the thumbnail strip of samples.jpg: a different person from PORTRAIT. */
export const WOMAN: Readonly<{ file: string; region: Region }> = {
  file: "samples.jpg",
  region: { left: 150, top: 0, width: 160, height: 160 },
};

/** The ceiling of the party room in samples.jpg: a photo of lamps with no one in it. */
export const CEILING: Readonly<{ file: string; region: Region }> = {
  file: "samples.jpg",
  region: { left: 640, top: 200, width: 560, height: 180 },
};

/**
 * The anime-style avatar in Human's VRM demo screenshot, with its dark grid background: a
 * drawing. (Flat-colour cartoons generated from SVG came out "neutral", not "drawing", so the
 * test uses this shipped illustration instead.)
 */
export const AVATAR: Readonly<{ file: string; region: Region }> = {
  file: "screenshot-vrm.jpg",
  region: { left: 0, top: 30, width: 330, height: 330 },
};
