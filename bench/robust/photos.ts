/**
 * The photo sets of the robustness evaluation. "installable" is what anyone can install
 * (Debian's plasma-workspace-wallpapers, the PDQ test vectors); "heldout" is fetched by hand into
 * /work/data/heldout (or ROBUST_HELDOUT_DIR) and never committed. Each photo appears once: one
 * resolution per wallpaper, one file per distinct scene of the test vectors.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PDQ_VECTORS_DIR } from "../../test/helpers/shared.js";

export interface Photo {
  readonly name: string;
  readonly path: string;
  readonly set: "installable" | "heldout";
  /** "photo" is a camera picture; "render" an abstract or drawn wallpaper, reported apart. */
  readonly kind: "photo" | "render";
}

const WALLPAPERS = "/usr/share/wallpapers";
/** Wallpapers that are photographs; the others are renders (abstract shapes, drawings). */
const WALLPAPER_PHOTOS = new Set([
  "BytheWater",
  "ColdRipple",
  "ColorfulCups",
  "DarkestHour",
  "EveningGlow",
  "FallenLeaf",
  "Grey",
  "Kite",
  "OneStandsOut",
  "Path",
  "Volna",
  "summer_1am",
]);

/** Distinct scenes among the PDQ test vectors (the bridge is one photo in many versions). */
const VECTOR_PHOTOS = [
  "data/bridge-mods/aaa-orig.jpg",
  "data/misc-images/c.png",
  "data/reg-test-input/pen-and-coaster.png",
  "data/reg-test-input/exif-rotn/exif-rotn-1.jpg",
  "data/reg-test-input/labelme-subset/q0122.jpg",
  "data/reg-test-input/labelme-subset/q0291.jpg",
  "data/reg-test-input/labelme-subset/q0746.jpg",
  "data/reg-test-input/labelme-subset/q1050.jpg",
  "data/reg-test-input/labelme-subset/q2821.jpg",
];

export function installablePhotos(): Photo[] {
  const out: Photo[] = [];
  if (existsSync(WALLPAPERS)) {
    for (const name of readdirSync(WALLPAPERS).sort()) {
      const dir = join(WALLPAPERS, name, "contents", "images");
      if (!existsSync(dir)) continue;
      const file = largestLandscape(readdirSync(dir));
      if (!file) continue;
      const kind = WALLPAPER_PHOTOS.has(name) ? "photo" : "render";
      out.push({ name: `wallpaper/${name}`, path: join(dir, file), set: "installable", kind });
    }
  }
  for (const rel of VECTOR_PHOTOS) {
    const path = join(PDQ_VECTORS_DIR, rel);
    if (existsSync(path))
      out.push({
        name: `vectors/${rel.split("/").pop()}`,
        path,
        set: "installable",
        kind: "photo",
      });
  }
  return out;
}

/** Files are named WxH.ext; take the largest landscape one (or the largest of any shape). */
function largestLandscape(files: string[]): string | undefined {
  const sized = files
    .map((f) => ({ f, m: /^(\d+)x(\d+)\./.exec(f) }))
    .filter((x) => x.m)
    .map(({ f, m }) => ({ f, w: Number(m![1]), h: Number(m![2]) }));
  sized.sort((a, b) => Number(b.w >= b.h) - Number(a.w >= a.h) || b.w * b.h - a.w * a.h);
  return sized[0]?.f;
}

export const HELDOUT_DIR = process.env.ROBUST_HELDOUT_DIR ?? "/work/data/heldout";
/** Extra photos used while tuning (never for the reported held-out figures). */
export const DEV_DIR = process.env.ROBUST_DEV_DIR ?? "/work/data/dev";

export function heldoutPhotos(): Photo[] {
  return photosIn(HELDOUT_DIR, "heldout");
}

export function devPhotos(): Photo[] {
  return photosIn(DEV_DIR, "installable").map((p) => ({ ...p, name: `dev/${p.name}` }));
}

/** Photo files in `root` and its sub-folders (one level). */
function photosIn(root: string, set: Photo["set"]): Photo[] {
  if (!existsSync(root)) return [];
  const out: Photo[] = [];
  const add = (dir: string, prefix: string) => {
    for (const f of readdirSync(dir).sort()) {
      const path = join(dir, f);
      if (/\.(jpe?g|png|webp)$/i.test(f))
        out.push({ name: `${prefix}${f}`, path, set, kind: "photo" });
      else if (!prefix && !f.includes(".")) add(path, `${f}/`);
    }
  };
  add(root, "");
  return out;
}
