import type { Pixels } from "../../src/hash/index.js";
import { hashDecoded, type PortalHashes } from "./hashing.js";
import { jpegOrientation, undoOrientation } from "./orientation.js";

/**
 * Decodes an image file on the device into RGBA pixels as stored, like the server's decoder:
 * no colour management, no premultiplied alpha, and EXIF orientation undone. Browsers turn a
 * JPEG by its EXIF tag whatever they are asked (Chromium maps `imageOrientation: "none"` to
 * "from-image"), so the portal asks for that on purpose and turns the pixels back itself.
 */
export async function decodeInBrowser(file: Blob, bytes: Uint8Array): Promise<Pixels> {
  const bitmap = await createImageBitmap(file, {
    imageOrientation: "from-image",
    colorSpaceConversion: "none",
    premultiplyAlpha: "none",
  });
  try {
    const { width, height } = bitmap;
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d", { willReadFrequently: true });
    if (!context) throw new Error("This browser cannot read image pixels (no 2D canvas).");
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, width, height, { colorSpace: "srgb" }).data;
    return undoOrientation({ data, width, height, channels: 4 }, jpegOrientation(bytes));
  } finally {
    bitmap.close();
  }
}

/** Reads, decodes and hashes one file; the bytes and pixels go out of scope on return. */
export async function hashFile(file: File): Promise<PortalHashes> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return hashDecoded(bytes, await decodeInBrowser(file, bytes));
}
