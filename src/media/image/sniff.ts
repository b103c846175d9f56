import type { ImageFormat } from "./decode.js";

/**
 * Recognises an image by its first bytes, not its name: files from chat exports and seized
 * devices often have no extension or a wrong one. Returns undefined for anything else.
 */
export function sniffImageFormat(head: Uint8Array): ImageFormat | undefined {
  const ascii = (start: number, end: number): string =>
    String.fromCharCode(...head.subarray(start, end));
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "jpeg";
  if (ascii(0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (ascii(0, 4) === "GIF8") return "gif";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "webp";
  if (ascii(0, 4) === "II*\0" || ascii(0, 4) === "MM\0*") return "tiff";
  if (ascii(4, 8) === "ftyp") {
    const brand = ascii(8, 12);
    if (brand === "avif" || brand === "avis") return "avif";
    if (["heic", "heix", "heim", "heis", "mif1", "msf1"].includes(brand)) return "heif";
  }
  return undefined;
}

/** How many leading bytes `sniffImageFormat` needs. */
export const SNIFF_BYTES = 12;
