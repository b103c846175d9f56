import type { Pixels } from "../../src/hash/index.js";
import { hashDecoded, type PortalHashes } from "./hashing.js";

/**
 * Decodes an image file on the device into RGBA pixels. Like the server's decoder it takes the
 * stored values: no EXIF rotation, no colour management, no premultiplied alpha.
 */
export async function decodeInBrowser(file: Blob): Promise<Pixels> {
  const bitmap = await createImageBitmap(file, {
    imageOrientation: "none" as ImageOrientation,
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
    return { data, width, height, channels: 4 };
  } finally {
    bitmap.close();
  }
}

/** Reads, decodes and hashes one file; the bytes and pixels go out of scope on return. */
export async function hashFile(file: File): Promise<PortalHashes> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return hashDecoded(bytes, await decodeInBrowser(file));
}
