import { open } from "node:fs/promises";
import {
  sniffImageFormat,
  sniffVideoFormat,
  SNIFF_BYTES,
  VIDEO_SNIFF_BYTES,
} from "../media/index.js";

export type MediaKind = "image" | "video";

const HEAD_BYTES = Math.max(SNIFF_BYTES, VIDEO_SNIFF_BYTES);

/**
 * Whether a file is an image or a video, from its first bytes (GIF counts as an image: its first
 * frame is hashed). Undefined for anything else, and for files that cannot be opened.
 */
export async function sniffMediaKind(path: string): Promise<MediaKind | undefined> {
  const handle = await open(path, "r").catch(() => undefined);
  if (handle === undefined) return undefined;
  try {
    const head = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    const bytes = head.subarray(0, bytesRead);
    if (sniffImageFormat(bytes) !== undefined) return "image";
    if (sniffVideoFormat(bytes) !== undefined) return "video";
    return undefined;
  } finally {
    await handle.close();
  }
}
