/** Where a C2PA manifest store was found. */
export type C2paContainer = "jpeg_app11" | "png_cabx" | "webp_c2pa";

export type PngTextChunk = "tEXt" | "zTXt" | "iTXt";

/**
 * One metadata block as a container walker found it, before any interpretation. Text chunks
 * carry their keyword and size only: their text may be a generator's prompt, which Vigil never
 * keeps. The PNG standard keywords `Software` and `Source` (the program or device that made the
 * image) keep a short value.
 */
export type MetadataBlock =
  | { readonly kind: "exif"; readonly tiff: Uint8Array }
  | { readonly kind: "xmp"; readonly text: string }
  | {
      readonly kind: "text";
      readonly chunk: PngTextChunk;
      readonly keyword: string;
      readonly bytes: number;
      readonly value?: string;
    }
  | { readonly kind: "c2pa"; readonly container: C2paContainer };

export interface WalkResult {
  readonly blocks: MetadataBlock[];
  /** The walk stopped early: a block ran past the end, a length was absurd, or too many blocks. */
  readonly truncated: boolean;
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");

export function ascii(bytes: Uint8Array, start: number, end: number): string {
  return latin1.decode(bytes.subarray(start, Math.min(end, bytes.length)));
}

export function utf8Text(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

export function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
  if (at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

export function uint32be(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0
  );
}

export function uint32le(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at + 3]! << 24) | (bytes[at + 2]! << 16) | (bytes[at + 1]! << 8) | bytes[at]!) >>> 0
  );
}

/** Index of the first 0 byte in [start, end), or -1. */
export function nulAt(bytes: Uint8Array, start: number, end: number): number {
  const at = bytes.subarray(start, Math.min(end, bytes.length)).indexOf(0);
  return at < 0 ? -1 : start + at;
}
