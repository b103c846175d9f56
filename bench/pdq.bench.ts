/**
 * PDQ hashing speed on one core: the pure hash from 512×512 pixels, and the whole path from a
 * JPEG file's bytes (decode with sharp, the reference's 512×512 pre-scale, PDQ) on the reference's
 * own test photo, bridge-mods/aaa-orig.jpg (1600×1004). The reference C++ hasher with libjpeg does
 * about 47 images/s per core on that file on this kind of machine.
 */
import { existsSync, readFileSync } from "node:fs";
import sharp from "sharp";
import { digests, PdqHasher, referencePreScale } from "../src/hash/index.js";
import { decodeImage } from "../src/media/index.js";
import { hashImage } from "../src/signals/index.js";
import { encode, scenePixels } from "../test/helpers/images.js";
import { pdqVectorPath } from "../test/helpers/shared.js";
import { measure, printRows } from "./harness.js";

export async function run(): Promise<void> {
  sharp.concurrency(1); // libvips worker threads: one core, like the reference figure
  sharp.cache(false); // no cached decode between iterations
  const path = pdqVectorPath("data/bridge-mods/aaa-orig.jpg");
  const bytes = existsSync(path)
    ? readFileSync(path)
    : await encode(scenePixels(1600, 1004, 1), "jpeg");
  const source = existsSync(path)
    ? "bridge-mods/aaa-orig.jpg"
    : "a generated 1600×1004 JPEG (../shared absent)";
  const pixels = referencePreScale((await decodeImage(bytes)).pixels);
  const hasher = new PdqHasher();

  printRows(
    "PDQ from 512×512 RGB pixels (pure TypeScript)",
    [
      await measure("PDQ hash", () => hasher.hash(pixels)),
      await measure("PDQ + 8 dihedral hashes", () => hasher.hashDihedral(pixels)),
    ],
    "hashes",
  );

  printRows(
    `From JPEG bytes, ${source}, ${bytes.length} bytes`,
    [
      await measure("decode only (sharp, 1 thread)", () => decodeImage(bytes)),
      await measure("decode + pre-scale + PDQ (what the reference tool does)", async () =>
        hasher.hash(referencePreScale((await decodeImage(bytes)).pixels)),
      ),
      await measure("MD5 + SHA-256 of the bytes (@noble/hashes)", () => digests(bytes)),
      await measure("hashImage: decode + PDQ + MD5 + SHA-256", () => hashImage(bytes, { hasher })),
    ],
    "images",
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
